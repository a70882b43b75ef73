import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/http/app-error.ts';
import { isValidSlug } from '../../core/text/slug.ts';
import { parsePageQuery } from './pagination.ts';

/** A request for a listing page under a slug (/auteur/:slug, /sujet/:slug…). */
export type ListingRequest = FastifyRequest<{ Params: { slug: string } }>;

/**
 * Checks the slug (404 when malformed) and ?page= (400 when not a positive integer).
 * Returns the page number (and the article a "next page" link seeks from), or null after
 * answering ?page=1 with a 301 to the bare path.
 */
export function readListingRequest(
  request: ListingRequest,
  reply: FastifyReply,
  basePath: (slug: string) => string,
): { page: number; after?: number } | null {
  const { slug } = request.params;
  if (!isValidSlug(slug)) throw AppError.notFound();
  const { page, explicit, after } = parsePageQuery(request.query);
  if (explicit && page === 1) {
    reply.redirect(basePath(slug), 301);
    return null;
  }
  return { page, after };
}
