import type { Db } from '../core/db/database.ts';
import { itemTerms, STORY_WINDOW_MS, StoryIndex } from './story-index.ts';

// Gives each new item its story (desk_clusters). Each process keeps the recent items in a
// StoryIndex and catches up from the table before assigning, so items stored by another process
// are seen too; assignments of one process are serialised. Two processes assigning the same
// moment may still open two stories for one event (rare; the desk shows both).

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
  const run = store.queue.then(() => catchUp(db, store));
  store.queue = run.catch(() => {});
  return run;
}

const BATCH = 2000;

async function catchUp(db: Db, store: Store): Promise<number> {
  let assigned = 0;
  const since = new Date(Date.now() - STORY_WINDOW_MS).toISOString();
  for (;;) {
    const rows = await db
      .selectFrom('desk_items')
      .select(['id', 'headline', 'summary', 'published_at', 'cluster_id'])
      .where('id', '>', store.lastId)
      .where('first_seen_at', '>=', since)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return assigned;
    for (const row of rows) {
      const terms = itemTerms(row.headline, row.summary);
      const time = Date.parse(row.published_at);
      let story = row.cluster_id;
      if (story === null) {
        story = await fileItem(db, row.id, row.published_at, store.index.match(terms, time)?.story ?? null);
        assigned++;
      }
      store.index.add(row.id, story, terms, time);
      store.lastId = row.id;
    }
  }
}

/** Puts an item in a story (a new one when none matched) and keeps the story's counts. */
async function fileItem(db: Db, itemId: number, publishedAt: string, story: number | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let id = story;
    if (id === null) {
      const created = await trx
        .insertInto('desk_clusters')
        .values({ first_item_id: itemId, item_count: 1, first_seen_at: publishedAt, last_seen_at: publishedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(created.id);
    } else {
      const cluster = await trx
        .selectFrom('desk_clusters')
        .select(['last_seen_at', 'first_seen_at'])
        .where('id', '=', id)
        .executeTakeFirst();
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
  });
}
