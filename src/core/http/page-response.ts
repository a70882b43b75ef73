import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import {
  brotliOptions,
  type CachedPage,
  type CompressionLevel,
  encodedBody,
  gzipOptions,
  makeCachedPage,
  type PageCache,
  pageTags,
  strongEtag,
} from '../cache/page-cache.ts';
import { pickEncoding } from './accept-encoding.ts';
import { canonicalPath, requestPath } from './canonical-path.ts';

/** Shared caches may keep a page 60 s and serve it stale while revalidating; browsers revalidate with the ETag. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';
export const ERROR_PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30';
/** A redirect to the canonical spelling of a path never changes: shared caches keep it a day. */
export const CANONICAL_REDIRECT_CACHE_CONTROL = 'public, max-age=3600, s-maxage=86400';
/** A page whose render straddled a change of its content: neither the page cache nor one in front may keep it. */
const UNKEPT_PAGE_CACHE_CONTROL = 'no-store';
/** What the back office, the API and private previews send, whatever the status. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** First path segments whose answers are personal: never kept by a shared cache or the page cache. */
const PRIVATE_SEGMENTS = new Set(['admin', 'api', 'apercu']);

/**
 * The one exception under /api: the public, read-only Content API, whose answers are the same
 * for every key holder and are revalidated by ETag each time (content-api/content-routes.ts).
 */
const PUBLIC_API = '/api/content';

/** True for /admin, /api and /apercu and everything under them, the Content API aside (the path is read canonically). */
export function isPrivateUrl(url: string): boolean {
  const path = requestPath(url);
  const end = path.indexOf('/', 1);
  const first = path.slice(1, end === -1 ? undefined : end);
  if (path === PUBLIC_API || path.startsWith(`${PUBLIC_API}/`)) return false;
  // `/admin/medias.json` is under /admin; `/admin.json` or `/apis` are not.
  return PRIVATE_SEGMENTS.has(first);
}

/**
 * The one Cache-Control rule: a private URL is `private, no-store` whatever the status and
 * whatever the route asked for; other responses keep theirs. Applied to every response, by the
 * page writers below and by the onSend hook for the replies Fastify sends itself.
 */
export function cacheControlFor(url: string, wanted: string | undefined): string | undefined {
  return isPrivateUrl(url) ? PRIVATE_CACHE_CONTROL : wanted;
}

/** onSend hook enforcing the Cache-Control rule on replies that do not go through the page writers. */
export function privateCacheHook(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: null, payload: unknown) => void,
): void {
  if (isPrivateUrl(request.url)) reply.header('cache-control', PRIVATE_CACHE_CONTROL);
  done(null, payload);
}

export interface PageResponder {
  /** Sends a rendered public page, keeping it in the page cache under the request URL with its content tags. */
  send(request: FastifyRequest, reply: FastifyReply, page: PublicDocument): void;
  /**
   * Serves the request from the page cache when it can; returns true when it did. Called first
   * for every request (onRequest): on a miss it notes the cache generation, so `send` can refuse
   * to store a page rendered across an invalidation of its content.
   */
  tryServeCached(request: FastifyRequest, reply: FastifyReply): boolean;
  /**
   * After a miss: when another request is already rendering the same page (same URL, same cache
   * generation), a promise that settles once it is done (then try the cache again); null when this
   * request renders it. One render per page after an invalidation, not one per waiting reader.
   */
  renderInFlight(request: FastifyRequest, reply: FastifyReply): Promise<void> | null;
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
const PAGE_QUERY_PARAMETERS = ['page', 'tri', 'apres'];

/**
 * The cache key of a request: its path and the query parameters pages use, so that
 * `?utm_source=…` and friends share the page's one cached copy instead of filling the cache.
 */
export function cacheKey(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf('?');
  // Non-canonical GETs are redirected before the cache is asked (app.ts); the key is canonical
  // too, so no spelling of a path can ever be an entry of its own.
  if (q === -1) return canonicalPath(url);
  const params = new URLSearchParams(url.slice(q + 1));
  const kept = PAGE_QUERY_PARAMETERS.flatMap((name) => params.getAll(name).map((value) => `${name}=${encodeURIComponent(value)}`));
  const path = canonicalPath(url.slice(0, q));
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

export interface PageResponderOptions {
  /**
   * Several processes share the database: reads the invalidations the others have committed so far
   * into this page cache (the invalidation bus's poll). Called once a page is rendered and before it
   * is kept (here, or by Varnish through its headers), so that a page whose render straddled another
   * process's change is sent once and kept by nobody. Without it, another process's change that lands
   * during a render is heard only later, and the page it made stale would be kept until then.
   */
  catchUp?: () => Promise<void>;
  /** Whether a shared cache in front (Varnish) keeps pages even when the page cache is off. */
  sharedCacheInFront?: boolean;
  /**
   * Varnish in front: the invalidation (bus row id) up to which this process has applied every
   * change (the invalidation bus's appliedThrough). Each response Varnish may keep says, in
   * SEEN_HEADER, the changes it shows: noted when a render starts, or when a kept page is served.
   * Varnish refuses to keep a response older than the last purge it received (kiosque.vcl), which
   * closes the window between an instance's last look at the bus and Varnish storing its answer.
   */
  seen?: () => number;
}

/** The header naming the last invalidation a response shows (see PageResponderOptions.seen); Varnish removes it. */
export const SEEN_HEADER = 'x-kiosque-seen';

/** Creates the responder that writes HTML pages with their security, caching and encoding headers. */
export function createPageResponder(
  cache: PageCache,
  baseHeaders: Record<string, string>,
  options: PageResponderOptions = {},
): PageResponder {
  const { catchUp, seen } = options;
  const seenNow = (): Record<string, string> | undefined => (seen ? { [SEEN_HEADER]: String(seen()) } : undefined);
  // Whether a rendered page may be kept by someone: then its render's start is noted, and a page
  // rendered across a change of its content is refused.
  const pagesAreKept = cache.enabled || options.sharedCacheInFront === true;
  const headersFor = (cacheControl: string) => ({
    ...baseHeaders,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': cacheControl,
    vary: 'Accept-Encoding',
  });
  const pageHeaders = headersFor(PUBLIC_PAGE_CACHE_CONTROL);
  // The cache generation when each request missed the cache, before its route read anything:
  // a page is stored only if none of its tags was invalidated while it was being rendered.
  // With Varnish in front, also the changes the render shows (those applied when it started).
  const renderStarts = new WeakMap<FastifyRequest, { generation: number; seen?: Record<string, string> }>();
  // The page being rendered for each cache key, and the generation it started at (single flight).
  const rendering = new Map<string, { generation: number; done: Promise<void> }>();
  /** A render never makes others wait longer than this (a slow page, a client gone). */
  const WAIT_LIMIT_MS = 2_000;
  // When each page was last stored (the most recent STORED_REMEMBERED). One stored again within
  // HOT_PAGE_MS (an article whose comments keep coming) will not live long enough to repay the
  // kept levels of compression: it gets the fast ones.
  const storedAt = new Map<string, number>();
  const HOT_PAGE_MS = 10_000;
  const STORED_REMEMBERED = 10_000;
  const levelFor = (key: string, now: number): CompressionLevel => {
    const previous = storedAt.get(key);
    return previous !== undefined && now - previous < HOT_PAGE_MS ? 'fast' : 'kept';
  };
  const noteStored = (key: string, now: number) => {
    storedAt.delete(key);
    storedAt.set(key, now);
    if (storedAt.size > STORED_REMEMBERED) storedAt.delete(storedAt.keys().next().value as string);
  };

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
      // The content tags, for the HTTP caches in front: Varnish (xkey) and CDNs (Surrogate-Key)
      // drop the page when the page cache would (core/cache/http-cache-purge.ts).
      const tags = pageTags(page.tags);
      const tagList = tags.join(' ');
      const taggedHeaders = { ...headers, xkey: tagList, 'surrogate-key': tagList };
      const start = renderStarts.get(request);
      const since = start?.generation;
      const shown = start?.seen;
      const sentHeaders = shown ? { ...taggedHeaders, ...shown } : taggedHeaders;
      if (status !== 200 || request.method !== 'GET' || page.cache === false || since === undefined || isPrivateUrl(request.url)) {
        writeFreshPage(request.raw, reply.raw, status, sentHeaders, page.html);
        return;
      }
      // Rendered across a change of its content (comments posted at a fast pace, say): sent this
      // once, kept by no cache at all, so compressed only for this reader, at a fast level.
      const unkept = () =>
        writeFreshPage(request.raw, reply.raw, status, { ...headers, 'cache-control': UNKEPT_PAGE_CACHE_CONTROL }, page.html);
      const keep = () => {
        if (cache.isStale(tags, since)) unkept();
        else if (!cache.enabled) writeFreshPage(request.raw, reply.raw, status, sentHeaders, page.html);
        else {
          // Each encoding compressed when a reader first asks for it, off the event loop
          // (encodedBody), at the fast levels when the page was stored seconds ago already.
          const key = cacheKey(request);
          const now = performance.now();
          const cached = makeCachedPage(status, taggedHeaders, page.html, tags, { compress: 'on-demand', level: levelFor(key, now) });
          if (cache.set(key, cached, since)) {
            noteStored(key, now);
            writeCachedPage(request.raw, reply.raw, cached, shown);
          } else unkept();
        }
      };
      // Other processes' changes committed until now are heard first; if they cannot be read, the
      // page is sent without being kept.
      if (catchUp)
        catchUp()
          .then(keep, unkept)
          .catch((error: unknown) => reply.raw.destroy(error as Error));
      else keep();
    },
    renderInFlight(request, reply) {
      const since = renderStarts.get(request)?.generation;
      // Waiting is worth it only when the page cache will answer the waiters.
      if (!cache.enabled || since === undefined || request.method !== 'GET') return null;
      const key = cacheKey(request);
      const current = rendering.get(key);
      if (current && current.generation === since) return current.done;
      // This request renders the page; the others wait until its answer is written (or fails).
      let finish = () => {};
      const entry = { generation: since, done: new Promise<void>((resolve) => (finish = resolve)) };
      rendering.set(key, entry);
      const end = () => {
        clearTimeout(timer);
        if (rendering.get(key) === entry) rendering.delete(key);
        finish();
      };
      const timer = setTimeout(end, WAIT_LIMIT_MS);
      timer.unref();
      reply.raw.once('finish', end);
      reply.raw.once('close', end);
      return null;
    },
    tryServeCached(request, reply) {
      if (!pagesAreKept || (request.method !== 'GET' && request.method !== 'HEAD') || isPrivateUrl(request.url)) return false;
      const cached = cache.enabled ? cache.get(cacheKey(request)) : undefined;
      if (!cached) {
        renderStarts.set(request, { generation: cache.generation, seen: seenNow() });
        return false;
      }
      reply.hijack();
      // A kept page shows every change applied so far (one that touched it would have dropped it).
      writeCachedPage(request.raw, reply.raw, cached, seenNow());
      return true;
    },
    sendUncached(request, reply, page) {
      reply.hijack();
      writeFreshPage(request.raw, reply.raw, page.status, headersFor(page.cacheControl ?? ERROR_PAGE_CACHE_CONTROL), page.html);
    },
  };
}

/** Writes a prepared page: 304 when the ETag matches, else the best encoding the client accepts. */
export function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, extraHeaders?: Record<string, string>): void {
  const cacheControl = cacheControlFor(req.url ?? '/', page.headers['cache-control']);
  const pageHeaders =
    cacheControl || extraHeaders
      ? { ...page.headers, ...extraHeaders, ...(cacheControl ? { 'cache-control': cacheControl } : {}) }
      : page.headers;
  if (page.status === 200 && notModified(req, page.etag, page.headers['last-modified'])) {
    res.writeHead(304, { ...pageHeaders, etag: page.etag });
    res.end();
    return;
  }
  const encoding = page.br || page.onDemand ? pickEncoding(req.headers['accept-encoding'] as string | undefined) : 'identity';
  const write = (body: Buffer, sent: typeof encoding) => {
    if (res.destroyed) return;
    const headers: Record<string, string | number> = { ...pageHeaders, etag: page.etag, 'content-length': body.length };
    if (sent !== 'identity') headers['content-encoding'] = sent;
    res.writeHead(page.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const body = encodedBody(page, encoding);
  if (Buffer.isBuffer(body)) write(body, body === page.identity ? 'identity' : encoding);
  // Being compressed (the page's first reader in this encoding): sent once it is, without the
  // event loop waiting; should compression ever fail, the page goes uncompressed.
  else
    body.then(
      (bytes) => write(bytes, encoding),
      () => write(page.identity, 'identity'),
    );
}

/** Writes a page that will not be kept: only the one encoding the client wants is computed, at a fast level. */
export function writeFreshPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  pageHeaders: Record<string, string>,
  html: string,
): void {
  const cacheControl = cacheControlFor(req.url ?? '/', pageHeaders['cache-control']);
  const headers = cacheControl ? { ...pageHeaders, 'cache-control': cacheControl } : pageHeaders;
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
      ? brotliCompressSync(identity, brotliOptions('fast', identity.length))
      : encoding === 'gzip'
        ? gzipSync(identity, gzipOptions('fast'))
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
