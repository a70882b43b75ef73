import type { Redis } from 'ioredis';
import type { AssetRegistry } from './assets/asset-registry.ts';
import type { PageCache } from './cache/page-cache.ts';
import type { TaggedMemo } from './cache/tagged-memo.ts';
import type { Config } from './config.ts';
import type { Db, Dialect } from './db/database.ts';
import type { PageResponder } from './http/page-response.ts';
import type { RateLimiter } from './rate-limit/rate-limiter.ts';

/** What every feature's routes receive: configuration, database and the shared HTTP services. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  pageCache: PageCache;
  /** Rarely changing values every render reads (front page's dossiers, series…), dropped with their content tags. */
  memo: TaggedMemo;
  /**
   * Parts of pages read and rendered together, heavier than memo's values (an article's comments
   * area: tens of KB), so fewer of them are kept; dropped with their content tags as well.
   */
  fragments: TaggedMemo;
  pages: PageResponder;
  assets: AssetRegistry;
  /** Security headers (CSP…) every HTML response carries, cached or not. */
  htmlHeaders: Record<string, string>;
  /** Counted actions (comments, sign-in links…), shared by every instance (core/rate-limit). */
  rateLimiter: RateLimiter;
  /** The Redis connection when REDIS_URL is set (rate limits of @fastify/rate-limit). */
  redis?: Redis;
}
