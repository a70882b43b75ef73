import type { Redis } from 'ioredis';
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
}

/** Counts in the database's rate_events (sliding window): shared by every process on it. */
export function databaseRateLimiter(db: Db): RateLimiter {
  return {
    async take(bucket, rate, now = new Date()) {
      const since = new Date(now.getTime() - rate.windowMs).toISOString();
      const row = await db
        .selectFrom('rate_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('bucket', '=', bucket)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= rate.limit) return false;
      await db.insertInto('rate_events').values({ bucket, created_at: now.toISOString() }).execute();
      // Events older than a day serve no limit; pruning on ~1 % of events keeps the table small without a job.
      if (Math.random() < 0.01)
        await db
          .deleteFrom('rate_events')
          .where('created_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
          .execute();
      return true;
    },
  };
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
  return {
    async take(bucket, rate, now) {
      // Not connected (starting, or down and reconnecting): no waiting on it.
      if (redis.status !== 'ready') return fallback.take(bucket, rate, now);
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
      try {
        await limiter.consume(bucket);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        onError(error);
        return fallback.take(bucket, rate, now);
      }
    },
  };
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
