import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { AssetRegistry } from './core/assets/asset-registry.ts';
import type { AppContext } from './core/app-context.ts';
import { installHttpCachePurging, varnishPurger } from './core/cache/http-cache-purge.ts';
import { type InvalidationBus, startInvalidationBus } from './core/cache/invalidation-bus.ts';
import { PageCache } from './core/cache/page-cache.ts';
import { FRAGMENTS_KEPT, TaggedMemo } from './core/cache/tagged-memo.ts';
import type { Config } from './core/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';
import { AppError } from './core/http/app-error.ts';
import { echoRequestId, requestIdFor } from './core/http/request-id.ts';
import { badUrlError, type ErrorResponder, installErrorHandling } from './core/http/error-handling.ts';
import { canonicalRedirect } from './core/http/canonical-path.ts';
import { CANONICAL_REDIRECT_CACHE_CONTROL, createPageResponder, privateCacheHook } from './core/http/page-response.ts';
import { securityHeaders } from './core/http/security-headers.ts';
import { installTextGuard } from './core/input/safe-text.ts';
import { healthRoutes } from './core/ops/health-routes.ts';
import { installMetrics } from './core/ops/metrics.ts';
import { connectRedis, databaseRateLimiter, redisRateLimiter } from './core/rate-limit/rate-limiter.ts';
import { findLegacyTarget, installLegacyQueryRedirects } from './importers/legacy-redirects.ts';
import { forgetSiteChromeOnSiteChange } from './publication/publication-repository.ts';
import { registerRoutes } from './routes.ts';
import { renderErrorPage } from './site/error-page.ts';
import { registerSiteAssets } from './site/site-assets.ts';
import { registerAdminAssets } from './admin/admin-assets.ts';
import { registerAdminRoutes } from './admin/admin-routes.ts';
import { startJobRunner, stopJobRunner } from './core/jobs/job-runner.ts';
import { webJobKinds } from './newsletters/newsletter-jobs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The application context, for tests and maintenance scripts. */
    kiosque: AppContext;
    /** Every route as declared (`GET /admin/articles/:id`), for the route-map test and maintenance scripts. */
    routeTable: readonly { method: string; url: string }[];
  }
}

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Where log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
}

/** Builds the Fastify application (not listening): shared services, then every feature's routes. */
export async function buildApp({ config, database, logStream }: BuildAppOptions): Promise<FastifyInstance> {
  let respondWithError: ErrorResponder | undefined;
  const app = Fastify({
    // Undecodable URLs get the same French 400 page as every other error.
    // Undecodable URLs answer a French 400; a path segment longer than any slug can be, a 404.
    // (respondWithError is set below, before the app can receive a request.)
    frameworkErrors: (error, request, reply) =>
      void respondWithError!(
        request,
        reply,
        (error as { code?: string }).code === 'FST_ERR_MAX_PARAM_LENGTH' ? AppError.notFound() : badUrlError(),
      ),
    // JSON lines (pino), each carrying the request's id (reqId) when it belongs to a request.
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(logStream ? { stream: logStream } : {}) },
    genReqId: requestIdFor,
    requestIdHeader: false,
    // Request logs belong to the reverse proxy or CDN in front; logging each cached hit would halve throughput.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is read only from the configured proxies, and only the hops they added:
    // a client cannot pick its own address (and dodge the per-address sign-in limit) by sending one.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: false },
    return503OnClosing: true,
  });

  // Recorded before any route is declared, so the table is complete (compared with the route maps).
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });
  app.decorate('routeTable', routeTable);

  const https = config.publicUrl.startsWith('https://');
  const pageCache = new PageCache({ enabled: config.pageCache });
  const assets = new AssetRegistry();
  await registerSiteAssets(assets);
  // The back office's bundles (Tiptap: ~0.4 s of esbuild) are built after start; a back-office
  // request that comes first waits for them (hook below). Public pages never wait.
  const adminAssets = registerAdminAssets(assets);
  let adminAssetsReady = false;
  adminAssets.then(
    () => (adminAssetsReady = true),
    (error: unknown) => app.log.error({ err: error }, 'back-office assets failed to build'),
  );
  const htmlHeaders = securityHeaders({ https });
  // Limits counted in one place for every instance: Redis when configured, else the database
  // (counted actions) and memory (requests per token, uploads).
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, (error) => app.log.warn({ err: error }, 'Redis injoignable : limites comptées en base'))
    : undefined;
  const databaseLimiter = databaseRateLimiter(database.db);
  const rateLimiter = redis
    ? await redisRateLimiter(redis, config.redisPrefix, databaseLimiter, (error) => app.log.warn({ err: error }, 'limite comptée en base'))
    : databaseLimiter;
  // Started below, once the routes' hooks are in place; the page responder reads it at request time.
  let invalidations: InvalidationBus;
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    pageCache,
    memo: new TaggedMemo(pageCache),
    fragments: new TaggedMemo(pageCache, FRAGMENTS_KEPT),
    // On PostgreSQL several instances may share the database: before a page is kept, here or by
    // Varnish, the invalidations they committed meanwhile are read (a render never outlives a change).
    pages: createPageResponder(pageCache, htmlHeaders, {
      catchUp: database.dialect === 'postgres' ? () => invalidations.poll() : undefined,
      sharedCacheInFront: config.varnishUrls.length > 0,
      seen: config.varnishUrls.length > 0 ? () => invalidations.appliedThrough() : undefined,
    }),
    assets,
    htmlHeaders,
    rateLimiter,
    redis,
  };

  app.decorate('kiosque', ctx);
  // First of the hooks, so that request timings include pages served from the cache.
  const metrics = installMetrics(app, ctx, { token: config.metricsToken });
  echoRequestId(app);
  healthRoutes(app, ctx);

  app.addHook('onRequest', (request, _reply, done) => {
    if (adminAssetsReady || !request.url.startsWith('/admin')) return done();
    adminAssets.then(() => done(), done);
  });

  // Other processes' invalidations (a second server, the import command) reach this page cache.
  invalidations = startInvalidationBus(ctx.db, pageCache, {
    listenUrl: config.databaseUrl,
    onApplied: (lagMs) => metrics.observeInvalidationLag(lagMs),
  });
  // Settings, navigation and newsletters changed in any process: the chrome is read again here.
  forgetSiteChromeOnSiteChange(pageCache, ctx.db);
  // Varnish in front: what the page cache drops, Varnish drops too (by the same tags).
  if (config.varnishUrls.length)
    installHttpCachePurging(app, ctx, varnishPurger(config.varnishUrls), invalidations, (result) => metrics.countPurge(result));

  // Old WordPress addresses by query (/?p=12) go before the page cache, which would serve la une.
  installLegacyQueryRedirects(app, ctx.db);

  // One URL per resource: `/%69nternational` is sent to `/international` before the page cache is
  // asked, so encoded variants can neither be cached apart nor push real pages out of the cache.
  // Then cached public pages are answered before routing work, validation or rendering.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const canonical = canonicalRedirect(request.url);
      if (canonical) {
        reply.header('cache-control', CANONICAL_REDIRECT_CACHE_CONTROL).redirect(canonical, 301);
        return;
      }
    }
    if (ctx.pages.tryServeCached(request, reply)) return;
    // Another request is rendering this page right now (after an invalidation): wait for it and
    // answer from the cache rather than render it once more.
    const inFlight = ctx.pages.renderInFlight(request, reply);
    if (!inFlight) return done();
    inFlight.then(() => {
      if (!ctx.pages.tryServeCached(request, reply)) done();
    }, done);
  });

  // Responses Fastify sends itself (JSON, redirects, plain text) get the same no-sniffing rule as
  // pages, and the same Cache-Control rule for the back office, the API and previews.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    privateCacheHook(request, reply, payload, done);
  });

  // NUL bytes and lone surrogates never reach a route (422), on either engine.
  installTextGuard(app);

  respondWithError = installErrorHandling(app, {
    pages: ctx.pages,
    renderPage: (status, message, reference) => renderErrorPage(ctx, status, message, reference),
    redirectFor: (url) => findLegacyTarget(ctx.db, url),
  });
  assets.routes(app);
  await registerAdminRoutes(app, ctx);
  await registerRoutes(app, ctx);
  // Durable jobs (scheduled publication, image variants…): polled once a second, claimed safely across processes.
  app.addHook('onReady', async () => void startJobRunner(ctx, { kinds: webJobKinds(ctx.config) }));
  app.addHook('onClose', () => stopJobRunner(ctx));
  app.addHook('onClose', () => invalidations.stop());
  if (redis)
    app.addHook('onClose', () =>
      redis.quit().then(
        () => {},
        () => redis.disconnect(),
      ),
    );
  return app;
}
