import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { isPrivateUrl } from '../http/page-response.ts';
import { enqueueJob, registerJobHandler } from '../jobs/job-runner.ts';
import type { InvalidationBus } from './invalidation-bus.ts';

/**
 * An HTTP cache in front of Kiosque that drops responses by tag: Varnish with xkey here; a CDN
 * with tag purging (Fastly's Surrogate-Key, Cloudflare's Cache-Tag…) fits the same interface.
 * Pages name their tags in the `xkey` and `Surrogate-Key` headers (core/http/page-response.ts).
 */
export interface TagPurger {
  /**
   * Drops every response tagged with one of the tags; rejects when a cache did not confirm.
   * `invalidation`: the invalidation bus's row id the purge covers, so that the cache refuses a
   * response rendered before it (SEEN_HEADER, core/http/page-response.ts).
   */
  purge(tags: readonly string[], invalidation?: number): Promise<void>;
}

/** The header of a purge naming the last invalidation it covers (deploy/varnish/kiosque.vcl). */
const INVALIDATION_HEADER = 'x-kiosque-invalidation';

const PURGE_TIMEOUT_MS = 2000;
/** Keeps the request header far below Varnish's limits (8 KB a header by default). */
const TAGS_PER_REQUEST = 100;
const PURGE_JOB = 'http-cache-purge';

/** Purges by tag on each Varnish: `PURGE /` with `xkey-purge: article:12 home` (deploy/varnish/kiosque.vcl). */
export function varnishPurger(urls: readonly string[]): TagPurger {
  return {
    async purge(tags, invalidation) {
      const failures: string[] = [];
      for (let start = 0; start < tags.length; start += TAGS_PER_REQUEST) {
        const header = tags.slice(start, start + TAGS_PER_REQUEST).join(' ');
        await Promise.all(
          urls.map(async (url) => {
            try {
              const response = await fetch(url, {
                method: 'PURGE',
                headers: { 'xkey-purge': header, ...(invalidation ? { [INVALIDATION_HEADER]: String(invalidation) } : {}) },
                signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
              });
              await response.body?.cancel();
              if (!response.ok) failures.push(`${url} : HTTP ${response.status}`);
            } catch (error) {
              const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
              failures.push(`${url} : ${cause}`);
            }
          }),
        );
      }
      if (failures.length) throw new Error(`purge non confirmée — ${failures.join(' ; ')}`);
    },
  };
}

// A purge that failed is retried by the job runner (any instance), with its usual growing delays.
registerJobHandler(
  PURGE_JOB,
  z.object({ tags: z.array(z.string().min(1)).min(1), invalidation: z.number().int().positive().optional() }),
  async ({ tags, invalidation }, { ctx }) => {
    if (ctx.config.varnishUrls.length) await varnishPurger(ctx.config.varnishUrls).purge(tags, invalidation);
  },
);

/**
 * Keeps the HTTP caches in front in step with the page cache: every invalidation applied here,
 * made by this process or heard from another (invalidation-bus.ts), purges the same tags there,
 * so there is one rule for what a change drops. A failed purge becomes a durable job (one per
 * set of tags, whichever instances failed).
 *
 * Nothing older than a change is served through the cache once the change is answered:
 * - a state-changing request answers only once its purges are confirmed and its invalidation is
 *   written for the other instances (bus.written);
 * - a request reaching an instance (a miss in front) first catches up with the other instances'
 *   invalidations (bus.poll, one indexed read), so its own page cache cannot hand the cache in
 *   front a page another instance has just changed;
 * - a page rendered across another instance's change is not kept: before it is, the instance
 *   catches up again (page-response.ts) and finds the change, which was committed for the others
 *   before its purge was sent;
 * - every instance also purges what it hears from the others: a page it rendered just before
 *   hearing of a change is dropped by its own purge.
 */
export function installHttpCachePurging(
  app: FastifyInstance,
  ctx: AppContext,
  purger: TagPurger,
  bus: InvalidationBus,
  onPurged: (result: 'ok' | 'failed') => void = () => {},
): void {
  const inFlight = new Set<Promise<void>>();
  ctx.pageCache.onApplied((tags, local) => {
    if (tags.length === 0) return;
    // A local change is purged once the other instances can read it (its bus row committed): a
    // render that an instance finishes after the purge then hears of it before the page is kept
    // (page-response.ts, catchUp), and its stale page never reaches the cache in front.
    let invalidation = 0;
    const attempt = (local ? bus.written() : Promise.resolve())
      .then(() => {
        invalidation = bus.lastId();
        return purger.purge(tags, invalidation || undefined);
      })
      .then(
        () => onPurged('ok'),
        async (error: unknown) => {
          onPurged('failed');
          app.log.warn({ err: error, tags }, 'purge du cache HTTP à refaire');
          await enqueueJob(ctx.db, {
            kind: PURGE_JOB,
            payload: { tags, ...(invalidation ? { invalidation } : {}) },
            uniqueKey: purgeKey(tags),
          }).catch((queueError: unknown) => app.log.error({ err: queueError, tags }, 'purge du cache HTTP perdue'));
        },
      );
    inFlight.add(attempt);
    void attempt.finally(() => inFlight.delete(attempt));
  });
  app.addHook('onRequest', async (request) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isPrivateUrl(request.url) || !ctx.pageCache.enabled) return;
    await bus.poll().catch(() => {
      // The database is unreachable: the bus says so in its own warnings; serve what is kept.
    });
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') await Promise.all([...inFlight, bus.written()]);
    return payload;
  });
  app.addHook('onClose', async () => {
    await Promise.all([...inFlight]);
  });
}

/** One pending retry per set of tags, however many instances failed to purge it. */
function purgeKey(tags: readonly string[]): string {
  return `${PURGE_JOB}:${createHash('sha1')
    .update([...tags].sort().join(' '))
    .digest('base64url')}`;
}
