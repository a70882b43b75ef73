import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { PageCache } from './page-cache.ts';

export interface InvalidationBus {
  /** Applies invalidations other processes wrote since the last poll. */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

const KEEP_MS = 60 * 60 * 1000;

/**
 * Shares page-cache invalidations between processes through the database: each local
 * invalidation is written as a row; every process polls for rows written by others (every
 * second by default) and drops those pages too. Two servers on one PostgreSQL database, or the
 * import command next to a running server, thus never serve a stale page for more than a poll.
 */
export function startInvalidationBus(db: Db, cache: PageCache, options: { pollMs?: number; origin?: string } = {}): InvalidationBus {
  const origin = options.origin ?? randomUUID();
  let lastSeen = -1;
  let pending: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const ready = db
    .selectFrom('cache_invalidations')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst()
    .then((row) => {
      lastSeen = Number(row?.max ?? 0);
    });

  cache.onInvalidate((tags) => {
    if (stopped || tags.length === 0) return;
    // Written in order, after any earlier write; a failure is logged, never thrown into the caller.
    pending = pending
      .then(() =>
        db
          .insertInto('cache_invalidations')
          .values({ origin, tags: JSON.stringify(tags), created_at: new Date().toISOString() })
          .execute(),
      )
      .catch((error: unknown) => process.emitWarning(`Invalidation non partagée : ${(error as Error).message}`));
  });

  let polls = 0;
  const poll = async () => {
    await ready;
    const rows = await db
      .selectFrom('cache_invalidations')
      .select(['id', 'origin', 'tags'])
      .where('id', '>', lastSeen)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      lastSeen = Math.max(lastSeen, row.id);
      if (row.origin !== origin) cache.invalidateLocally(JSON.parse(row.tags) as string[]);
    }
    // Old rows serve nobody: every live process has read them long ago.
    if (++polls % 600 === 0) {
      await db
        .deleteFrom('cache_invalidations')
        .where('created_at', '<', new Date(Date.now() - KEEP_MS).toISOString())
        .execute();
    }
  };

  const pollMs = options.pollMs ?? 1000;
  const timer = setInterval(() => {
    poll().catch((error: unknown) => process.emitWarning(`Lecture des invalidations impossible : ${(error as Error).message}`));
  }, pollMs);
  timer.unref();

  return {
    poll,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending;
    },
  };
}
