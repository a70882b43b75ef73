import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { dossiersAdminRoutes } from './dossiers-admin-routes.ts';
import { homeCurationRoutes } from './home-curation-routes.ts';
import { peopleAdminRoutes } from './people-admin-routes.ts';
import { pagesAdminRoutes } from './pages-admin-routes.ts';
import { sectionsAdminRoutes } from './sections-admin-routes.ts';
import { seriesAdminRoutes } from './series-admin-routes.ts';
import { settingsAdminRoutes } from './settings-admin-routes.ts';

/**
 * Curating the site (issue 3): each screen's routes, with their guarantees (CSRF, permission,
 * validation) written on the route.
 *
 *   /admin/une          home-curation-routes.ts      lead story and top stories (curation:home)
 *   /admin/rubriques    sections-admin-routes.ts     sections and the navigation (curation:sections)
 *   /admin/dossiers     dossiers-admin-routes.ts     dossiers and their ordered articles (curation:dossiers)
 *   /admin/series       series-admin-routes.ts       series and their articles (curation:series)
 *   /admin/pages        pages-admin-routes.ts        static pages (curation:pages)
 *   /admin/personnes    people-admin-routes.ts       staff and contributors (curation:people)
 *   /admin/reglages     settings-admin-routes.ts     publication settings, comments mode (settings:manage)
 */
export function curationRoutes(app: FastifyInstance, ctx: AppContext): void {
  homeCurationRoutes(app, ctx);
  sectionsAdminRoutes(app, ctx);
  dossiersAdminRoutes(app, ctx);
  seriesAdminRoutes(app, ctx);
  pagesAdminRoutes(app, ctx);
  peopleAdminRoutes(app, ctx);
  settingsAdminRoutes(app, ctx);
}
