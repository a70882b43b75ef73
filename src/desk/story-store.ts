import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Database } from '../core/db/schema.ts';
import { itemTerms, STORY_WINDOW_MS, StoryIndex } from './story-index.ts';

// Gives each new item its story (desk_clusters). Each process keeps the recent items in a
// StoryIndex and catches up from the table before assigning, so items stored by another process
// are seen too. Filing is serialised across processes: each batch runs in one transaction that
// first takes the stories' lock (an advisory lock on PostgreSQL; on SQLite, BEGIN IMMEDIATE takes
// the database's write lock before the first read), so a process always reads what the others
// have filed before it files, and two processes never open two stories for one event nor file one
// item twice. Items no pass has filed (stored by a process that died before filing them, or
// committed after a higher id was read) are taken up by the next pass of any process.

interface Store {
  index: StoryIndex;
  lastId: number;
  queue: Promise<unknown>;
}

const stores = new WeakMap<Db, Store>();

function storeOf(db: Db): Store {
  let store = stores.get(db);
  if (!store) {
    store = { index: new StoryIndex(), lastId: 0, queue: Promise.resolve() };
    stores.set(db, store);
  }
  return store;
}

/** Reads the items stored since the last call and files each one without a story into one. */
export function assignStories(db: Db): Promise<number> {
  const store = storeOf(db);
  const run = store.queue.then(() =>
    catchUp(db, store).catch((error: unknown) => {
      // The batch was rolled back: what the index learnt from it may name stories that do not exist.
      stores.delete(db);
      throw error;
    }),
  );
  store.queue = run.catch(() => {});
  return run;
}

const BATCH = 500;
/** Any number: the key of the stories' advisory lock on PostgreSQL. */
const STORY_LOCK_KEY = 120_412_001;

/** Runs `work` in a transaction holding the stories' lock across processes. */
async function underStoryLock<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${STORY_LOCK_KEY})`.execute(trx);
      return work(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    // Waits (busy_timeout) for the write lock, then reads the latest of every process.
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

type ItemRow = { id: number; headline: string; summary: string; published_at: string; cluster_id: number | null };

async function catchUp(db: Db, store: Store): Promise<number> {
  let assigned = 0;
  for (let first = true; ; first = false) {
    const since = new Date(Date.now() - STORY_WINDOW_MS).toISOString();
    const done = await underStoryLock(db, async (trx) => {
      const columns = ['id', 'headline', 'summary', 'published_at', 'cluster_id'] as const;
      // Left behind below the last id read: stored by a process that died before filing them,
      // or committed after a higher id was read (read through the index on cluster_id).
      const stragglers: ItemRow[] = first
        ? await trx
            .selectFrom('desk_items')
            .select(columns)
            .where('cluster_id', 'is', null)
            .where('id', '<=', store.lastId)
            .where('first_seen_at', '>=', since)
            .orderBy('id')
            .limit(BATCH)
            .execute()
        : [];
      const rows: ItemRow[] = await trx
        .selectFrom('desk_items')
        .select(columns)
        .where('id', '>', store.lastId)
        .where('first_seen_at', '>=', since)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      for (const row of [...stragglers, ...rows]) {
        const terms = itemTerms(row.headline, row.summary);
        const time = Date.parse(row.published_at);
        let story = row.cluster_id;
        if (story === null) {
          story = await fileItem(trx, row.id, row.published_at, store.index.match(terms, time)?.story ?? null);
          assigned++;
        }
        store.index.add(row.id, story, terms, time);
        if (row.id > store.lastId) store.lastId = row.id;
      }
      return rows.length < BATCH;
    });
    if (done) return assigned;
  }
}

/** Puts an item in a story (a new one when none matched) and keeps the story's counts (inside the lock's transaction). */
async function fileItem(trx: Kysely<Database>, itemId: number, publishedAt: string, story: number | null): Promise<number> {
  let id = story;
  if (id === null) {
    const created = await trx
      .insertInto('desk_clusters')
      .values({ first_item_id: itemId, item_count: 1, first_seen_at: publishedAt, last_seen_at: publishedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(created.id);
  } else {
    const cluster = await trx.selectFrom('desk_clusters').select(['last_seen_at', 'first_seen_at']).where('id', '=', id).executeTakeFirst();
    await trx
      .updateTable('desk_clusters')
      .set((eb) => ({
        item_count: eb('item_count', '+', 1),
        last_seen_at: cluster && cluster.last_seen_at > publishedAt ? cluster.last_seen_at : publishedAt,
        first_seen_at: cluster && cluster.first_seen_at < publishedAt ? cluster.first_seen_at : publishedAt,
      }))
      .where('id', '=', id)
      .execute();
  }
  await trx.updateTable('desk_items').set({ cluster_id: id }).where('id', '=', itemId).execute();
  return id;
}
