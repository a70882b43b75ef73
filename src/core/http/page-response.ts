import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { type CachedPage, makeCachedPage, type PageCache, pickEncoding, strongEtag } from '../cache/page-cache.ts';

/** Shared caches may keep a page 60 s and serve it stale while revalidating; browsers revalidate with the ETag. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';
export const ERROR_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30';

export interface PageResponder {
  /** Sends a rendered public page, keeping it in the page cache under the request URL with its content tags. */
  send(request: FastifyRequest, reply: FastifyReply, page: PublicDocument): void;
  /** Serves the request from the page cache when it can; returns true when it did. */
  tryServeCached(request: FastifyRequest, reply: FastifyReply): boolean;
  /** Builds (without caching) a full response for a non-200 page such as 404 or 410. */
  sendUncached(request: FastifyRequest, reply: FastifyReply, page: { html: string; status: number; cacheControl?: string }): void;
}

/** A public document to send: an HTML page by default, or a feed or sitemap with its own type and date. */
export interface PublicDocument {
  html: string;
  tags: Iterable<string>;
  status?: number;
  /** Content type when not HTML (feeds, sitemaps), e.g. "application/rss+xml; charset=utf-8". */
  contentType?: string;
  /** When the content last changed (ISO), sent as Last-Modified and compared with If-Modified-Since. */
  lastModified?: string;
  /** false: not kept in the page cache (content that changes with time alone, like a 48-hour window). */
  cache?: boolean;
}

/** Query parameters that change what a public page shows; every other one is ignored by the pages. */
const PAGE_QUERY_PARAMETERS = ['page'];

/**
 * The cache key of a request: its path and the query parameters pages use, so that
 * `?utm_source=…` and friends share the page's one cached copy instead of filling the cache.
 */
export function cacheKey(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = PAGE_QUERY_PARAMETERS.flatMap((name) => params.getAll(name).map((value) => `${name}=${encodeURIComponent(value)}`));
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
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
      const status = page.status ?? 200;
      reply.hijack();
      const headers =
        page.contentType || page.lastModified
          ? {
              ...pageHeaders,
              ...(page.contentType ? { 'content-type': page.contentType } : {}),
              ...(page.lastModified ? { 'last-modified': new Date(page.lastModified).toUTCString() } : {}),
            }
          : pageHeaders;
      if (cache.enabled && status === 200 && request.method === 'GET' && page.cache !== false) {
        const cached = makeCachedPage(status, headers, page.html, page.tags);
        cache.set(cacheKey(request), cached);
        writeCachedPage(request.raw, reply.raw, cached);
      } else {
        writeFreshPage(request.raw, reply.raw, status, headers, page.html);
      }
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
      reply.hijack();
      writeFreshPage(request.raw, reply.raw, page.status, headersFor(page.cacheControl ?? ERROR_PAGE_CACHE_CONTROL), page.html);
    },
  };
}

/** Writes a prepared page: 304 when the ETag matches, else the best encoding the client accepts. */
export function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  if (page.status === 200 && notModified(req, page.etag, page.headers['last-modified'])) {
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

/** Writes a page that will not be kept: only the one encoding the client wants is computed, at a fast level. */
export function writeFreshPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  html: string,
): void {
  const identity = Buffer.from(html);
  const etag = status === 200 ? strongEtag(identity) : undefined;
  if (etag && notModified(req, etag, headers['last-modified'])) {
    res.writeHead(304, { ...headers, etag });
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers['accept-encoding'] as string | undefined);
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length },
        })
      : encoding === 'gzip'
        ? gzipSync(identity, { level: 6 })
        : identity;
  const out: Record<string, string | number> = { ...headers, 'content-length': body.length };
  if (etag) out.etag = etag;
  if (encoding !== 'identity') out['content-encoding'] = encoding;
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since is compared
 * with Last-Modified (to the second, as HTTP dates have no finer unit).
 */
function notModified(req: IncomingMessage, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return etagMatches(ifNoneMatch, etag);
  const since = req.headers['if-modified-since'];
  if (!since || !lastModified) return false;
  const sinceMs = Date.parse(since);
  return !Number.isNaN(sinceMs) && Date.parse(lastModified) <= sinceMs;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
