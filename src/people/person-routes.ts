import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type ListingRequest, readListingRequest } from '../site/teasers/listing-request.ts';
import { personPath, renderPersonPage } from './person-page.ts';
import { findPersonBySlug } from './person-repository.ts';

/** GET /auteur/:slug — an author page with their articles (?page=N). */
export function personRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/auteur/:slug', async (request: ListingRequest, reply) => {
    const wanted = readListingRequest(request, reply, (slug) => personPath({ slug }));
    if (wanted === null) return reply;
    const person = await findPersonBySlug(ctx.db, request.params.slug);
    if (!person) throw AppError.notFound('Cet auteur est introuvable.');
    ctx.pages.send(request, reply, await renderPersonPage(ctx, person, wanted.page, wanted.after));
    return reply;
  });
}
