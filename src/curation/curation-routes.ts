import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { homeCurationRoutes } from './home-curation-routes.ts';

/**
 * Curating the site (issue 3): each screen's routes, with their guarantees (CSRF, permission,
 * validation) written on the route.
 *
 *   /admin/une          home-curation-routes.ts      lead story and top stories (curation:home)
 */
export function curationRoutes(app: FastifyInstance, ctx: AppContext): void {
  homeCurationRoutes(app, ctx);
}
