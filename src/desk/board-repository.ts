import { isPublicNow } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import { matchesText } from '../core/db/text-match.ts';
import { sql } from 'kysely';
import { type DeskFilters, deskFiltersSchema } from './desk-schemas.ts';

// The SQL of the desk screen: stories matching the filters with their items, saved views, the
// desk's settings and the pépite drafts made from items.

/** Stories shown on one screen. */
export const STORIES_PER_PAGE = 40;

export interface BoardItem {
  id: number;
  outletId: number;
  outletName: string;
  url: string;
  headline: string;
  summary: string;
  language: string;
  publishedAt: string;
  firstSeenAt: string;
}

/** Latest items shown under a story (after its first one); the others are counted. */
const LATEST_ITEMS_SHOWN = 6;
/** The story's growth is counted over these last hours. */
const GROWTH_HOURS = [1, 3, 6] as const;

export interface BoardStory {
  id: number;
  /** Its first item, then its latest ones (LATEST_ITEMS_SHOWN), oldest first. */
  items: BoardItem[];
  itemCount: number;
  outletCount: number;
  growth: { hours: number; items: number }[];
  /** Kiosque's public articles whose source is one of the story's items. */
  published: { id: number; headline: string }[];
}

/** The stories with an item matching the filters, the most recently active first. */
export async function loadBoard(db: Db, filters: DeskFilters, now: Date = new Date()): Promise<BoardStory[]> {
  const since = new Date(now.getTime() - filters.hours * 3600_000).toISOString();
  let matching = db
    .selectFrom('desk_items')
    .select(['desk_items.cluster_id'])
    .select((eb) => eb.fn.max('desk_items.published_at').as('latest'))
    .where('desk_items.cluster_id', 'is not', null)
    .where('desk_items.published_at', '>=', since);
  if (filters.outlet !== undefined) matching = matching.where('desk_items.outlet_id', '=', filters.outlet);
  if (filters.language) matching = matching.where('desk_items.language', '=', filters.language);
  const keywords = filters.q
    .split(/[,;]/)
    .map((k) => k.trim())
    .filter(Boolean)
    .slice(0, 10);
  if (keywords.length > 0)
    matching = matching.where((eb) =>
      eb.or(keywords.flatMap((k) => [matchesText('desk_items.headline', k), matchesText('desk_items.summary', k)])),
    );
  // Without a filter on the items, the stories' own last-seen time (indexed) says which are recent.
  const unfiltered = filters.outlet === undefined && !filters.language && keywords.length === 0;
  const ids = unfiltered
    ? (
        await db
          .selectFrom('desk_clusters')
          .select('id')
          .where('last_seen_at', '>=', since)
          .orderBy('last_seen_at', 'desc')
          .orderBy('id', 'desc')
          .limit(STORIES_PER_PAGE)
          .execute()
      ).map((s) => s.id)
    : (await matching.groupBy('desk_items.cluster_id').orderBy('latest', 'desc').limit(STORIES_PER_PAGE).execute())
        .map((s) => s.cluster_id)
        .filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
  // A story may gather hundreds of items: its counts come from the index (cluster_id, published_at,
  // outlet_id), and only its first item and its latest ones are read and shown.
  const [counts, ranked, published] = await Promise.all([
    db
      .selectFrom('desk_items')
      .select('cluster_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('items'),
        eb.fn.count<number>('outlet_id').distinct().as('outlets'),
        ...GROWTH_HOURS.map((h) =>
          eb.fn.sum<number>(eb.case().when('published_at', '>=', hoursAgo(h)).then(1).else(0).end()).as(`last${h}h`),
        ),
      ])
      .where('cluster_id', 'in', ids)
      .groupBy('cluster_id')
      .execute(),
    shownItems(db, ids),
    // Kiosque's articles based on any item of these stories, by the indexed source_url; which of
    // them are public is decided below by the one rule (a condition on status here would tempt
    // the planner to walk every public article).
    db
      .selectFrom('desk_items')
      .innerJoin('articles', 'articles.source_url', 'desk_items.url')
      .select(['articles.id', 'articles.headline', 'articles.status', 'articles.published_at', 'desk_items.cluster_id'])
      .where('desk_items.cluster_id', 'in', ids)
      .execute(),
  ]);
  const byStory = new Map<number, BoardStory>();
  for (const c of counts) {
    byStory.set(Number(c.cluster_id), {
      id: Number(c.cluster_id),
      items: [],
      itemCount: Number(c.items),
      outletCount: Number(c.outlets),
      growth: GROWTH_HOURS.map((hours) => ({ hours, items: Number(c[`last${hours}h`] ?? 0) })),
      published: [],
    });
  }
  for (const { cluster_id, ...item } of ranked) byStory.get(Number(cluster_id))?.items.push(item);
  const nowIso = now.toISOString();
  for (const article of published.sort((a, b) => a.id - b.id)) {
    if (!isPublicNow(article, nowIso)) continue;
    const story = byStory.get(Number(article.cluster_id));
    if (story && !story.published.some((p) => p.id === article.id)) story.published.push({ id: article.id, headline: article.headline });
  }
  // A story whose items all left (an outlet no longer watched) is not shown.
  return ids.map((id) => byStory.get(id)).filter((story): story is BoardStory => story !== undefined && story.items.length > 0);
}

/**
 * The items shown under each story: its first and its latest LATEST_ITEMS_SHOWN. Which ones is
 * decided from the index (cluster_id, published_at) alone; only those rows are then read.
 */
async function shownItems(db: Db, ids: number[]): Promise<(BoardItem & { cluster_id: number | null })[]> {
  const chosen = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('desk_items')
        .select(['id'])
        .select((w) => [
          sql<number>`row_number() over (partition by ${w.ref('cluster_id')} order by ${w.ref('published_at')}, ${w.ref('id')})`.as(
            'fromFirst',
          ),
          // One ordering for both windows: the rows come in the index's order.
          sql<number>`count(*) over (partition by ${w.ref('cluster_id')})`.as('total'),
        ])
        .where('cluster_id', 'in', ids)
        .as('ranked'),
    )
    .select('ranked.id')
    .where((eb) =>
      eb.or([eb('ranked.fromFirst', '=', 1), eb('ranked.fromFirst', '>', sql<number>`${eb.ref('ranked.total')} - ${LATEST_ITEMS_SHOWN}`)]),
    )
    .execute();
  if (chosen.length === 0) return [];
  const rows = await db
    .selectFrom('desk_items')
    .innerJoin('desk_outlets', 'desk_outlets.id', 'desk_items.outlet_id')
    .select([
      'desk_items.id',
      'desk_items.cluster_id',
      'desk_items.outlet_id as outletId',
      'desk_outlets.name as outletName',
      'desk_items.url',
      'desk_items.headline',
      'desk_items.summary',
      'desk_items.language',
      'desk_items.published_at as publishedAt',
      'desk_items.first_seen_at as firstSeenAt',
    ])
    .where(
      'desk_items.id',
      'in',
      chosen.map((c) => Number(c.id)),
    )
    .execute();
  // Ordered here (a few rows a story), so no engine walks an index of every item to order them.
  return rows.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id - b.id));
}

export interface SavedView {
  id: number;
  name: string;
  filters: DeskFilters;
}

export async function listViews(db: Db, userId: number): Promise<SavedView[]> {
  const rows = await db.selectFrom('desk_views').selectAll().where('user_id', '=', userId).orderBy('name').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, filters: deskFiltersSchema.parse(JSON.parse(row.filters)) }));
}

export async function insertView(db: Db, userId: number, name: string, filters: DeskFilters): Promise<number> {
  const row = await db
    .insertInto('desk_views')
    .values({ user_id: userId, name, filters: JSON.stringify(filters), created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteView(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('desk_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface DeskSettings {
  quoteWarnWords: number;
  quoteBlockWords: number;
}

/** The desk's settings (defaults until someone saves them). */
export async function loadDeskSettings(db: Db): Promise<DeskSettings> {
  const row = await db.selectFrom('desk_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return { quoteWarnWords: row?.quote_warn_words ?? 20, quoteBlockWords: row?.quote_block_words ?? 40 };
}

export async function saveDeskSettings(db: Db, settings: DeskSettings): Promise<void> {
  const values = {
    quote_warn_words: settings.quoteWarnWords,
    quote_block_words: settings.quoteBlockWords,
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto('desk_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function insertDraft(db: Db, articleId: number, itemId: number, userId: number | null): Promise<void> {
  await db
    .insertInto('desk_drafts')
    .values({ article_id: articleId, item_id: itemId, created_by: userId, created_at: new Date().toISOString() })
    .execute();
}

/** The item an article was drafted from at the desk, with its outlet and stored extraction. */
export function draftSource(db: Db, articleId: number) {
  return db
    .selectFrom('desk_drafts')
    .innerJoin('desk_items', 'desk_items.id', 'desk_drafts.item_id')
    .innerJoin('desk_outlets', 'desk_outlets.id', 'desk_items.outlet_id')
    .select([
      'desk_items.id as itemId',
      'desk_items.headline',
      'desk_items.summary',
      'desk_items.url',
      'desk_items.published_at as publishedAt',
      'desk_items.extracted',
      'desk_outlets.name as outletName',
      'desk_outlets.quote_allowed as quoteAllowed',
    ])
    .where('desk_drafts.article_id', '=', articleId)
    .executeTakeFirst();
}

/** The items of one story, oldest first. */
export function storyItems(db: Db, clusterId: number) {
  return db
    .selectFrom('desk_items')
    .innerJoin('desk_outlets', 'desk_outlets.id', 'desk_items.outlet_id')
    .select(['desk_items.id', 'desk_outlets.name as outletName', 'desk_items.headline', 'desk_items.published_at as publishedAt'])
    .where('desk_items.cluster_id', '=', clusterId)
    .orderBy('desk_items.published_at')
    .orderBy('desk_items.id')
    .limit(100)
    .execute();
}

/** The pépites drafted from an item. */
export function draftsOfItem(db: Db, itemId: number) {
  return db
    .selectFrom('desk_drafts')
    .innerJoin('articles', 'articles.id', 'desk_drafts.article_id')
    .select(['articles.id', 'articles.headline'])
    .where('desk_drafts.item_id', '=', itemId)
    .orderBy('desk_drafts.article_id')
    .execute();
}

/** The languages of the outlets watched, for the desk's filter. */
export async function outletLanguages(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('desk_outlets').select('language').distinct().orderBy('language').execute();
  return rows.map((r) => r.language);
}
