import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '../accounts/account-routes.ts';
import { installAccounts } from '../accounts/install-accounts.ts';
import { apiRoutes } from '../api/api-routes.ts';
import { dashboardRoutes } from '../articles/admin/dashboard-routes.ts';
import { editorRoutes } from '../articles/editor/editor-routes.ts';
import { auditRoutes } from '../audit/audit-routes.ts';
import type { AppContext } from '../core/app-context.ts';
import { curationRoutes } from '../curation/curation-routes.ts';
import { deskRoutes } from '../comments/moderation/desk-routes.ts';
import { moderationSettingsRoutes } from '../comments/moderation/moderation-settings-routes.ts';
import { curationDeskRoutes } from '../desk/desk-routes.ts';
import { mediaRoutes } from '../media/media-routes.ts';
import { episodeAdminRoutes } from '../podcasts/episode-admin-routes.ts';
import { showAdminRoutes } from '../podcasts/show-admin-routes.ts';
import { videoAdminRoutes } from '../podcasts/video-admin-routes.ts';
import { webhookRoutes } from '../webhooks/webhook-routes.ts';
import { newsletterAdminRoutes } from '../newsletters/newsletters-admin-routes.ts';
import { subscriberAdminRoutes } from '../newsletters/subscribers-admin-routes.ts';
import { contentKeyAdminRoutes } from '../content-api/content-key-admin.ts';
import { importRoutes } from '../importers/runs/import-routes.ts';
import { wireRoutes } from '../wire/wire-routes.ts';

/**
 * The back office (/admin), private previews (/apercu) and the admin API (/api/admin): one set of
 * operations and policies behind two doors. Which URL each feature answers is written in
 * admin-route-map.ts (THE BACK-OFFICE URL MAP), checked against Fastify's route table by a test.
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
  showAdminRoutes(app, ctx);
  episodeAdminRoutes(app, ctx);
  videoAdminRoutes(app, ctx);
  deskRoutes(app, ctx);
  moderationSettingsRoutes(app, ctx);
  curationDeskRoutes(app, ctx);
  webhookRoutes(app, ctx);
  newsletterAdminRoutes(app, ctx);
  subscriberAdminRoutes(app, ctx);
  contentKeyAdminRoutes(app, ctx);
  importRoutes(app, ctx);
  wireRoutes(app, ctx);
  await apiRoutes(app, ctx);
}
