import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type CachedPage, makeCachedPage, type PageCache, pickEncoding } from '../cache/page-cache.ts';

/** Shared caches may keep a page 60 s and serve it stale while revalidating; browsers revalidate with the ETag. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';
export const ERROR_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30';

export interface PageResponder {
  /** Sends a rendered public page, keeping it in the page cache under the request URL with its content tags. */
  send(request: FastifyRequest, reply: FastifyReply, page: { html: string; tags: Iterable<string>; status?: number }): void;
  /** Serves the request from the page cache when it can; returns true when it did. */
  tryServeCached(request: FastifyRequest, reply: FastifyReply): boolean;
  /** Builds (without caching) a full response for a non-200 page such as 404 or 410. */
  sendUncached(request: FastifyRequest, reply: FastifyReply, page: { html: string; status: number; cacheControl?: string }): void;
}

/** The cache key of a request: its path and query as sent (pages differ by ?page=). */
export function cacheKey(request: FastifyRequest): string {
  return request.url;
}

/** Creates the responder that writes HTML pages with their security, caching and encoding headers. */
export function createPageResponder(cache: PageCache, baseHeaders: Record<string, string>): PageResponder {
  const headersFor = (cacheControl: string) => ({
    ...baseHeaders,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': cacheControl,
    vary: 'Accept-Encoding',
  });
  const pageHeaders = headersFor(PUBLIC_PAGE_CACHE_CONTROL);

  return {
    send(request, reply, page) {
      const cached = makeCachedPage(page.status ?? 200, pageHeaders, page.html, page.tags);
      if (cached.status === 200 && request.method === 'GET') cache.set(cacheKey(request), cached);
      reply.hijack();
      writeCachedPage(request.raw, reply.raw, cached);
    },
    tryServeCached(request, reply) {
      if (!cache.enabled || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
      const cached = cache.get(cacheKey(request));
      if (!cached) return false;
      reply.hijack();
      writeCachedPage(request.raw, reply.raw, cached);
      return true;
    },
    sendUncached(request, reply, page) {
      const cached = makeCachedPage(page.status, headersFor(page.cacheControl ?? ERROR_PAGE_CACHE_CONTROL), page.html, []);
      reply.hijack();
      writeCachedPage(request.raw, reply.raw, cached);
    },
  };
}

/** Writes a prepared page: 304 when the ETag matches, else the best encoding the client accepts. */
export function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const ifNoneMatch = req.headers['if-none-match'];
  if (page.status === 200 && ifNoneMatch && etagMatches(ifNoneMatch, page.etag)) {
    res.writeHead(304, { ...page.headers, etag: page.etag });
    res.end();
    return;
  }
  const encoding = page.br ? pickEncoding(req.headers['accept-encoding'] as string | undefined) : 'identity';
  const body = (encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity) ?? page.identity;
  const headers: Record<string, string | number> = { ...page.headers, etag: page.etag, 'content-length': body.length };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
