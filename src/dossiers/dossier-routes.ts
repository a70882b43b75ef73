import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { isValidSlug } from '../core/text/slug.ts';
import { findSectionById } from '../sections/section-repository.ts';
import type { ListingRequest } from '../site/teasers/listing-request.ts';
import { renderDossierPage } from './dossier-page.ts';
import { findPublishedDossier } from './dossier-repository.ts';

/** GET /dossier/:slug — a published dossier with its articles in reading order. */
export function dossierRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/dossier/:slug', async (request: ListingRequest, reply) => {
    const { slug } = request.params;
    if (!isValidSlug(slug)) throw AppError.notFound();
    const dossier = await findPublishedDossier(ctx.db, slug);
    if (!dossier) throw AppError.notFound('Ce dossier est introuvable.');
    const section = dossier.sectionId === null ? undefined : await findSectionById(ctx.db, dossier.sectionId);
    ctx.pages.send(request, reply, await renderDossierPage(ctx, dossier, section));
    return reply;
  });
}
