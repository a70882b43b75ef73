import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Db } from '../db/database.ts';

/** At most `limit` events per bucket within a sliding or fixed window of `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * THE limiter of counted actions (readers' sign-in links, comments, reports, e-mail changes):
 * every instance agrees, through Redis when REDIS_URL is set, through the database otherwise.
 * (Requests per API token and uploads per account are limited by @fastify/rate-limit with the
 * same Redis, see `httpRateLimitStore`; sign-in failures are kept in the database, whose history
 * — known addresses, successes — the throttle reads: accounts/login-throttle.ts.)
 */
export interface RateLimiter {
  /** Counts one event in the bucket unless it is full; returns whether the event was allowed. */
  take(bucket: string, rate: RateLimit, now?: Date): Promise<boolean>;
  /**
   * Counts one event in each bucket when none of them is full, and none when one is (a refused
   * action uses no budget); returns whether the action was allowed. One statement on the database.
   */
  takeAll(limits: readonly BucketLimit[], now?: Date): Promise<boolean>;
}

/** One of the limits an action is counted against: "comment:reader:12" at 20 an hour… */
export interface BucketLimit {
  bucket: string;
  rate: RateLimit;
}

/** Counts in the database's rate_events (sliding window): shared by every process on it. */
export function databaseRateLimiter(db: Db): RateLimiter {
  const takeAll = async (limits: readonly BucketLimit[], now = new Date()): Promise<boolean> => {
    if (limits.length === 0) return true;
    const at = now.getTime();
    // One INSERT … SELECT: a row per bucket, inserted only if every bucket's count in its window
    // is under its limit. The parameters take their types from what they are compared with
    // (timestamptz, bigint on PostgreSQL), so the same text serves both engines.
    const underLimits = sql.join(
      limits.map(
        ({ bucket, rate }) =>
          sql`(select count(*) from rate_events where bucket = ${bucket} and created_at > ${new Date(at - rate.windowMs).toISOString()}) < ${rate.limit}`,
      ),
      sql` and `,
    );
    const buckets = sql.join(
      limits.map(({ bucket }) => sql`select ${bucket} as bucket`),
      sql` union all `,
    );
    const inserted = await sql<{ id: number }>`insert into rate_events (bucket, created_at)
      select wanted.bucket, ${now.toISOString()} from (${buckets}) as wanted where ${underLimits} returning id`.execute(db);
    // Events older than a day serve no limit; pruning on ~1 % of events keeps the table small without a job.
    if (Math.random() < 0.01)
      await db
        .deleteFrom('rate_events')
        .where('created_at', '<', new Date(at - 24 * 3600_000).toISOString())
        .execute();
    return inserted.rows.length === limits.length;
  };
  return { takeAll, take: (bucket, rate, now) => takeAll([{ bucket, rate }], now) };
}

/**
 * Counts in Redis (rate-limiter-flexible, fixed windows, one atomic command per event): no write
 * to the database. Should Redis fail, the event is counted by `fallback` (the database), so an
 * outage neither opens the gates nor closes them.
 */
export async function redisRateLimiter(
  redis: Redis,
  prefix: string,
  fallback: RateLimiter,
  onError: (error: unknown) => void,
): Promise<RateLimiter> {
  // Loaded only when Redis is configured (about 25 MB a single instance never needs).
  const { RateLimiterRedis, RateLimiterRes } = await import('rate-limiter-flexible');
  const limiters = new Map<string, RateLimiterRedis>();
  const limiterFor = (rate: RateLimit) => {
    const shape = `${rate.limit}-${rate.windowMs}`;
    let limiter = limiters.get(shape);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rl:${shape}`,
        points: rate.limit,
        duration: Math.max(1, Math.ceil(rate.windowMs / 1000)),
      });
      limiters.set(shape, limiter);
    }
    return limiter;
  };
  const takeAll = async (limits: readonly BucketLimit[], now?: Date): Promise<boolean> => {
    // Not connected (starting, or down and reconnecting): no waiting on it.
    if (redis.status !== 'ready') return fallback.takeAll(limits, now);
    const taken: BucketLimit[] = [];
    try {
      for (const limit of limits) {
        await limiterFor(limit.rate).consume(limit.bucket);
        taken.push(limit);
      }
      return true;
    } catch (error) {
      // One bucket full: the others give their point back, as on the database (all or none).
      await Promise.allSettled(taken.map((limit) => limiterFor(limit.rate).reward(limit.bucket)));
      if (error instanceof RateLimiterRes) return false;
      onError(error);
      return fallback.takeAll(limits, now);
    }
  };
  return { takeAll, take: (bucket, rate, now) => takeAll([{ bucket, rate }], now) };
}

/** A Redis connection for limits (a command sent as it breaks fails after one reconnection attempt; the callers fall back). */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', onError);
  return redis;
}

/**
 * The store options for @fastify/rate-limit: Redis when configured (every instance counts in the
 * same place; an outage lets requests through rather than refusing them), memory otherwise.
 */
export function httpRateLimitStore(redis: Redis | undefined, prefix: string): { redis?: Redis; nameSpace?: string; skipOnError?: boolean } {
  return redis ? { redis, nameSpace: `${prefix}http:`, skipOnError: true } : {};
}
