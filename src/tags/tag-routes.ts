import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type ListingRequest, readListingRequest } from '../site/teasers/listing-request.ts';
import { renderTagPage, tagPath } from './tag-page.ts';
import { findTagBySlug } from './tag-repository.ts';

/** GET /sujet/:slug — the articles of a tag (?page=N). */
export function tagRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sujet/:slug', async (request: ListingRequest, reply) => {
    const wanted = readListingRequest(request, reply, (slug) => tagPath({ slug }));
    if (wanted === null) return reply;
    const tag = await findTagBySlug(ctx.db, request.params.slug);
    if (!tag) throw AppError.notFound('Ce sujet est introuvable.');
    ctx.pages.send(request, reply, await renderTagPage(ctx, tag, wanted.page, wanted.after));
    return reply;
  });
}
