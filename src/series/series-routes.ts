import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { findSectionById } from '../sections/section-repository.ts';
import { type ListingRequest, readListingRequest } from '../site/teasers/listing-request.ts';
import { seriesPath } from './series-card.ts';
import { renderSeriesPage } from './series-page.ts';
import { findSeriesBySlug } from './series-repository.ts';

/** GET /serie/:slug — a series (rendez-vous) with its episodes (?page=N). */
export function seriesRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/serie/:slug', async (request: ListingRequest, reply) => {
    const wanted = readListingRequest(request, reply, (slug) => seriesPath({ slug }));
    if (wanted === null) return reply;
    const series = await findSeriesBySlug(ctx.db, request.params.slug);
    if (!series) throw AppError.notFound('Ce rendez-vous est introuvable.');
    const section = series.sectionId === null ? undefined : await findSectionById(ctx.db, series.sectionId);
    ctx.pages.send(request, reply, await renderSeriesPage(ctx, series, section, wanted.page, wanted.after));
    return reply;
  });
}
