import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { isValidSlug } from '../core/text/slug.ts';
import { findPageBySlug } from '../pages/page-repository.ts';
import { renderStaticPage } from '../pages/static-page.ts';
import { parsePageQuery } from '../site/teasers/pagination.ts';
import { renderSectionPage } from './section-page.ts';
import { findSectionBySlug } from './section-repository.ts';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

/** GET /:slug — a section (paginated with ?page=N), else a static page, else 404. */
export function sectionAndPageRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/:slug', async (request: SlugRequest, reply: FastifyReply) => {
    const { slug } = request.params;
    if (!isValidSlug(slug)) throw AppError.notFound();
    // Kept in memory while the section is unchanged (renaming it drops it): one statement less per page.
    const section = await ctx.memo.getIfFound(
      `section-by-slug:${slug}`,
      (found) => [`section:${found.id}`],
      () => findSectionBySlug(ctx.db, slug),
    );
    if (section) {
      const { page, explicit, after } = parsePageQuery(request.query);
      // One URL per page: ?page=1 is the section itself.
      if (explicit && page === 1) return reply.redirect(`/${slug}`, 301);
      ctx.pages.send(request, reply, await renderSectionPage(ctx, section, page, after));
      return reply;
    }
    const staticPage = await findPageBySlug(ctx.db, slug);
    if (staticPage) {
      ctx.pages.send(request, reply, await renderStaticPage(ctx, staticPage));
      return reply;
    }
    throw AppError.notFound();
  });
}
