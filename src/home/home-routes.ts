import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderHomePage } from './home-page.ts';
import { loadHome } from './home-repository.ts';

/** GET / — the front page ("la une"). */
export function homeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/', async (request, reply) => {
    const [chrome, data] = await Promise.all([loadSiteChrome(ctx.db), loadHome(ctx.db, undefined, ctx.memo)]);
    ctx.pages.send(request, reply, renderHomePage(ctx, chrome, data));
    return reply;
  });
}
