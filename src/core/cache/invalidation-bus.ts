import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { listenToPostgres, type PgListener } from '../db/pg-listener.ts';
import type { PageCache } from './page-cache.ts';

export interface InvalidationBus {
  /** Applies invalidations other processes wrote since the last poll. */
  poll(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once every local invalidation made so far is written for the other processes (and notified). */
  written(): Promise<void>;
  /** True when invalidations arrive by PostgreSQL NOTIFY (else by polling only). */
  readonly listening: boolean;
  /**
   * The row id up to which every invalidation (of any process) has been applied here: a page this
   * process sends now shows every change whose row is at or below it (0 before the first read).
   */
  appliedThrough(): number;
  /** The highest row id this process has written or read: a purge sent now covers the changes up to it. */
  lastId(): number;
}

export interface InvalidationBusOptions {
  /** How often to read the table (default 1 s); with NOTIFY it is only a safety net. */
  pollMs?: number;
  origin?: string;
  /** PostgreSQL URL: other processes' invalidations then arrive at once by LISTEN/NOTIFY. */
  listenUrl?: string;
  /** Called with how long each invalidation from another process took to arrive here, in ms. */
  onApplied?: (lagMs: number) => void;
}

const KEEP_MS = 60 * 60 * 1000;
const CHANNEL = 'kiosque_invalidations';
/**
 * On PostgreSQL, identity values are handed out before commit, so a row with a smaller id can
 * become visible after a larger one. A missing id below the highest seen is looked for again
 * during this long before it is taken for a rolled-back insert.
 */
const GAP_WAIT_MS = 30_000;
/** Rows this recent when a bus starts are read by its first poll (allows for writers' clocks and slow connections). */
const START_MARGIN_MS = 30_000;

/**
 * Shares page-cache invalidations between processes through the database: each local
 * invalidation is written as a row; every process reads rows written by others and drops those
 * pages too. On PostgreSQL a NOTIFY after each row wakes every process at once (LISTEN on one
 * dedicated connection); on SQLite, and as a safety net, processes poll every second. Two servers
 * on one database, or the import command next to a running server, thus never keep a stale page.
 */
export function startInvalidationBus(db: Db, cache: PageCache, options: InvalidationBusOptions = {}): InvalidationBus {
  const origin = options.origin ?? randomUUID();
  let lastSeen = -1;
  let lastWritten = 0;
  const gaps = new Map<number, number>();
  let pending: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let listener: PgListener | undefined;

  // Rows written while this bus starts must not be taken for old ones: a row committed between
  // the start and this first read (its connection may open after the writer's) would otherwise
  // count as seen. So reading starts before every row of the last START_MARGIN_MS; applying them
  // again costs nothing to a cache that has just started.
  const startedBefore = new Date(Date.now() - START_MARGIN_MS).toISOString();
  const ready = db
    .selectFrom('cache_invalidations')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('created_at', '<', startedBefore)
    .executeTakeFirst()
    .then((row) => {
      lastSeen = Number(row?.max ?? 0);
    });

  cache.onInvalidate((tags) => {
    if (stopped || tags.length === 0) return;
    // Written in order, after any earlier write; a failure is logged, never thrown into the caller.
    pending = pending
      .then(async () => {
        const row = await db
          .insertInto('cache_invalidations')
          .values({ origin, tags: JSON.stringify(tags), created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        lastWritten = Math.max(lastWritten, Number(row.id));
        // After the insert committed, so a process woken by it finds the row.
        if (options.listenUrl) await sql`select pg_notify(${CHANNEL}, ${origin})`.execute(db);
      })
      .catch((error: unknown) => process.emitWarning(`Invalidation non partagée : ${(error as Error).message}`));
  });

  let polls = 0;
  const readRows = async () => {
    await ready;
    const from = gaps.size > 0 ? Math.min(lastSeen, ...gaps.keys()) - 1 : lastSeen;
    const rows = await db
      .selectFrom('cache_invalidations')
      .select(['id', 'origin', 'tags', 'created_at'])
      .where('id', '>', from)
      .orderBy('id')
      .execute();
    const now = Date.now();
    for (const row of rows) {
      const fresh = row.id > lastSeen || gaps.delete(row.id);
      if (!fresh) continue;
      if (row.id - lastSeen < 10_000) for (let missing = lastSeen + 1; missing < row.id; missing++) gaps.set(missing, now);
      lastSeen = Math.max(lastSeen, row.id);
      if (row.origin !== origin) {
        cache.invalidateLocally(JSON.parse(row.tags) as string[]);
        options.onApplied?.(Math.max(0, now - Date.parse(row.created_at)));
      }
    }
    for (const [id, since] of gaps) if (now - since > GAP_WAIT_MS) gaps.delete(id);
    // Old rows serve nobody: every live process has read them long ago.
    if (++polls % 600 === 0) {
      await db
        .deleteFrom('cache_invalidations')
        .where('created_at', '<', new Date(Date.now() - KEEP_MS).toISOString())
        .execute();
    }
  };

  // One read at a time; a wake-up during a read asks for one more read after it.
  let reading: Promise<void> | undefined;
  let again = false;
  const poll = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await readRows();
        } while (again && !stopped);
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };
  const pollQuietly = () => {
    poll().catch((error: unknown) => process.emitWarning(`Lecture des invalidations impossible : ${(error as Error).message}`));
  };

  if (options.listenUrl) {
    listener = listenToPostgres(options.listenUrl, CHANNEL, {
      onNotify: (sender) => {
        if (sender !== origin) pollQuietly();
      },
      // (Re)connected: catch up on anything written while nobody listened.
      onConnect: pollQuietly,
      onError: (error) => {
        if (!stopped) process.emitWarning(`Écoute des invalidations interrompue : ${error.message}`);
      },
    });
  }

  const pollMs = options.pollMs ?? 1000;
  const timer = setInterval(pollQuietly, pollMs);
  timer.unref();

  return {
    poll,
    written: () => pending.then(() => {}),
    appliedThrough: () => Math.max(0, gaps.size > 0 ? Math.min(lastSeen, ...[...gaps.keys()].map((id) => id - 1)) : lastSeen),
    lastId: () => Math.max(lastWritten, lastSeen),
    get listening() {
      return listener?.connected ?? false;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending;
      await listener?.close();
      await reading?.catch(() => {});
    },
  };
}
