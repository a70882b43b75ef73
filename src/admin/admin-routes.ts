import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '../accounts/account-routes.ts';
import { installAccounts } from '../accounts/install-accounts.ts';
import { apiRoutes } from '../api/api-routes.ts';
import { dashboardRoutes } from '../articles/admin/dashboard-routes.ts';
import { editorRoutes } from '../articles/editor/editor-routes.ts';
import { auditRoutes } from '../audit/audit-routes.ts';
import type { AppContext } from '../core/app-context.ts';
import { curationRoutes } from '../curation/curation-routes.ts';
import { mediaRoutes } from '../media/media-routes.ts';
import { webhookRoutes } from '../webhooks/webhook-routes.ts';
import { contentKeyAdminRoutes } from '../content-api/content-key-admin.ts';

/**
 * The back office (/admin) and the admin API (/api/admin): one set of operations and policies
 * behind two doors.
 *
 *   /admin/connexion, /admin/deconnexion, /admin/installation, /admin/invitation/:token,
 *   /admin/mot-de-passe…, /admin/compte…, /admin/utilisateurs…  accounts/account-routes.ts
 *   /admin/journal                                         audit/audit-routes.ts
 *   /admin, /admin/articles                                articles/admin/dashboard-routes.ts
 *   /admin/articles/nouveau, /admin/articles/:id…          articles/editor/editor-routes.ts
 *   /apercu/:token                                         articles/editor/editor-routes.ts (private preview)
 *   /admin/medias…                                         media/media-routes.ts
 *   /admin/une, /admin/rubriques, /admin/dossiers, /admin/series, /admin/pages,
 *   /admin/personnes, /admin/reglages                      curation/curation-routes.ts
 *   /admin/webhooks…                                       webhooks/webhook-routes.ts (endpoints, delivery log)
 *   /admin/api-contenu…                                    content-api/content-key-admin.ts (Content API keys)
 *   /api/admin/…, /api/admin/openapi.json                  api/api-routes.ts
 */
export async function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Sessions, API tokens, CSRF: every later route can read request.actor.
  await installAccounts(app, ctx);
  accountRoutes(app, ctx);
  auditRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  editorRoutes(app, ctx);
  mediaRoutes(app, ctx);
  curationRoutes(app, ctx);
  webhookRoutes(app, ctx);
  contentKeyAdminRoutes(app, ctx);
  await apiRoutes(app, ctx);
}
