import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../app-context.ts';

/** What the application reports to its metrics beyond request timings. */
export interface Metrics {
  /** An invalidation from another process arrived here after this many milliseconds. */
  observeInvalidationLag(ms: number): void;
  /** A purge of the HTTP caches in front (Varnish) was confirmed, or not (then retried by a job). */
  countPurge(result: 'ok' | 'failed'): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Who may read /metrics: a request from this machine (not forwarded), or one with the configured token. */
function mayRead(request: FastifyRequest, token: string | undefined): boolean {
  if (token && request.headers.authorization === `Bearer ${token}`) return true;
  return LOOPBACK.has(request.ip) && LOOPBACK.has(request.socket.remoteAddress ?? '');
}

/**
 * Prometheus metrics at GET /metrics (prom-client, one registry per application): request
 * durations by route, page cache hits, misses, size and bytes, invalidation lag between
 * processes, job queue depth and the age of the oldest due job, and Node's own process metrics.
 */
export function installMetrics(app: FastifyInstance, ctx: AppContext, options: { token?: string }): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'kiosque_' });

  const durations = new client.Histogram({
    name: 'kiosque_http_request_duration_seconds',
    help: 'Durée des réponses HTTP, par route (motif Fastify) et statut ; les pages servies par le cache comptent sous leur route.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const lag = new client.Histogram({
    name: 'kiosque_invalidation_lag_seconds',
    help: 'Délai entre une invalidation écrite par un autre processus et son application ici.',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const purges = new client.Counter({
    name: 'kiosque_http_cache_purges_total',
    help: 'Purges par étiquettes envoyées aux caches HTTP devant (Varnish), confirmées ou non.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const cache = ctx.pageCache;
  new client.Gauge({
    name: 'kiosque_page_cache_hit_ratio',
    help: 'Part des lectures servies par le cache de pages depuis le démarrage.',
    registers: [registry],
    collect() {
      const { hits, misses } = cache.lookups;
      this.set(hits + misses === 0 ? 0 : hits / (hits + misses));
    },
  });
  new client.Counter({
    name: 'kiosque_page_cache_hits_total',
    help: 'Lectures servies par le cache de pages.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.lookups.hits);
    },
  });
  new client.Counter({
    name: 'kiosque_page_cache_misses_total',
    help: 'Lectures absentes du cache de pages (rendues).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.lookups.misses);
    },
  });
  new client.Gauge({
    name: 'kiosque_page_cache_pages',
    help: 'Pages dans le cache.',
    registers: [registry],
    collect() {
      this.set(cache.size);
    },
  });
  new client.Gauge({
    name: 'kiosque_page_cache_bytes',
    help: 'Octets gardés par le cache de pages (toutes compressions).',
    registers: [registry],
    collect() {
      this.set(cache.byteSize);
    },
  });
  new client.Gauge({
    name: 'kiosque_jobs_due',
    help: 'Tâches dues et pas encore prises (file d’attente).',
    registers: [registry],
    async collect() {
      const row = await ctx.db
        .selectFrom('jobs')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('run_at').as('oldest')])
        .where('status', '=', 'pending')
        .where('run_at', '<=', new Date().toISOString())
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
      oldestDue = row?.oldest ? String(row.oldest) : null;
    },
  });
  let oldestDue: string | null = null;
  new client.Gauge({
    name: 'kiosque_jobs_oldest_due_age_seconds',
    help: 'Âge de la plus ancienne tâche due non prise (0 si aucune).',
    registers: [registry],
    collect() {
      this.set(oldestDue ? Math.max(0, (Date.now() - Date.parse(oldestDue)) / 1000) : 0);
    },
  });
  new client.Gauge({
    name: 'kiosque_jobs_running',
    help: 'Tâches en cours, tous processus confondus.',
    registers: [registry],
    async collect() {
      const row = await ctx.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'running')
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });

  // First hook of all: timing starts before the page cache answers.
  app.addHook('onRequest', (request, reply, done) => {
    const started = process.hrtime.bigint();
    reply.raw.once('finish', () => {
      const route = request.routeOptions.url ?? 'inconnue';
      durations.observe(
        { method: request.method, route, status: String(reply.raw.statusCode) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    done();
  });

  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!mayRead(request, options.token)) return reply.code(403).type('text/plain; charset=utf-8').send('Accès réservé.\n');
    reply.type(registry.contentType);
    return registry.metrics();
  });

  return { observeInvalidationLag: (ms) => lag.observe(ms / 1000), countPurge: (result) => purges.inc({ result }) };
}
