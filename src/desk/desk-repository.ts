import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { DeskFeedKind, DeskFeedTable, DeskItemTable, DeskOutletTable } from '../core/db/schema.ts';
import type { FeedEntry } from './feed-parse.ts';

// The SQL of the desk's sources: outlets, their feeds and each feed's health, and the items read.

export type OutletRow = Selectable<DeskOutletTable>;
export type FeedRow = Selectable<DeskFeedTable>;
export type ItemRow = Selectable<DeskItemTable>;

/** What an outlet is, as the registry form gives it. */
export interface OutletValues {
  name: string;
  siteUrl: string;
  logoUrl: string | null;
  language: string;
  country: string;
  quoteAllowed: boolean;
}

export function listOutlets(db: Db): Promise<OutletRow[]> {
  return db.selectFrom('desk_outlets').selectAll().orderBy('name').orderBy('id').execute();
}

export function findOutlet(db: Db, id: number): Promise<OutletRow | undefined> {
  return db.selectFrom('desk_outlets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOutlet(db: Db, values: OutletValues): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('desk_outlets')
    .values({
      name: values.name,
      site_url: values.siteUrl,
      logo_url: values.logoUrl,
      language: values.language,
      country: values.country,
      quote_allowed: values.quoteAllowed ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateOutlet(db: Db, id: number, values: OutletValues): Promise<void> {
  await db
    .updateTable('desk_outlets')
    .set({
      name: values.name,
      site_url: values.siteUrl,
      logo_url: values.logoUrl,
      language: values.language,
      country: values.country,
      quote_allowed: values.quoteAllowed ? 1 : 0,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteOutlet(db: Db, id: number): Promise<void> {
  await db.deleteFrom('desk_outlets').where('id', '=', id).execute();
}

/** A feed with its health: items first seen from it over the last 24 hours. */
export interface FeedHealth extends FeedRow {
  itemsPerDay: number;
}

export async function listFeeds(db: Db, outletId?: number): Promise<FeedHealth[]> {
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  let query = db
    .selectFrom('desk_feeds')
    .selectAll('desk_feeds')
    .select((eb) =>
      eb
        .selectFrom('desk_items')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('desk_items.feed_id', '=', 'desk_feeds.id')
        .where('desk_items.first_seen_at', '>=', since)
        .as('items_per_day'),
    )
    .orderBy('desk_feeds.id');
  if (outletId !== undefined) query = query.where('desk_feeds.outlet_id', '=', outletId);
  const rows = await query.execute();
  return rows.map(({ items_per_day, ...row }) => ({ ...row, itemsPerDay: Number(items_per_day ?? 0) }));
}

export function findFeed(db: Db, id: number): Promise<FeedRow | undefined> {
  return db.selectFrom('desk_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertFeed(
  db: Db,
  values: { outletId: number; url: string; kind: DeskFeedKind; intervalMinutes: number },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('desk_feeds')
    .values({
      outlet_id: values.outletId,
      url: values.url,
      kind: values.kind,
      interval_minutes: values.intervalMinutes,
      next_fetch_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteFeed(db: Db, outletId: number, feedId: number): Promise<boolean> {
  const result = await db.deleteFrom('desk_feeds').where('id', '=', feedId).where('outlet_id', '=', outletId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function recordFeedSuccess(
  db: Db,
  id: number,
  values: { etag: string | null; lastModified: string | null; nextFetchAt: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('desk_feeds')
    .set({
      etag: values.etag,
      last_modified: values.lastModified,
      last_fetch_at: now,
      last_success_at: now,
      consecutive_failures: 0,
      next_fetch_at: values.nextFetchAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordFeedFailure(db: Db, feed: FeedRow, error: string, nextFetchAt: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('desk_feeds')
    .set({
      last_fetch_at: now,
      last_error: error.slice(0, 500),
      last_error_at: now,
      consecutive_failures: feed.consecutive_failures + 1,
      next_fetch_at: nextFetchAt,
    })
    .where('id', '=', feed.id)
    .execute();
}

/**
 * Stores an entry: the same canonical URL, or the same GUID from the same outlet, updates the item
 * it already is (headline, summary, time) instead of adding one. Returns its id and whether it is new.
 */
export async function upsertItem(
  db: Db,
  outlet: OutletRow,
  feedId: number | null,
  entry: FeedEntry,
): Promise<{ id: number; created: boolean }> {
  const now = new Date().toISOString();
  // A time in the future (a wrong clock, a scheduled item) counts as now.
  const publishedAt = entry.publishedAt && entry.publishedAt < now ? entry.publishedAt : now;
  const existing =
    (await db.selectFrom('desk_items').select('id').where('url', '=', entry.url).executeTakeFirst()) ??
    (entry.guid
      ? await db.selectFrom('desk_items').select('id').where('outlet_id', '=', outlet.id).where('guid', '=', entry.guid).executeTakeFirst()
      : undefined);
  const values = {
    headline: entry.headline,
    summary: entry.summary,
    published_at: publishedAt,
    language: entry.language ?? outlet.language,
    updated_at: now,
  };
  if (existing) {
    await db.updateTable('desk_items').set(values).where('id', '=', existing.id).execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto('desk_items')
    .values({ ...values, outlet_id: outlet.id, feed_id: feedId, guid: entry.guid, url: entry.url, first_seen_at: now })
    .onConflict((oc) => oc.column('url').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: Number(row.id), created: true };
  // Another fetch stored the same address between our look and our insert: update it.
  const raced = await db.updateTable('desk_items').set(values).where('url', '=', entry.url).returning('id').executeTakeFirstOrThrow();
  return { id: Number(raced.id), created: false };
}

export function findItem(db: Db, id: number): Promise<(ItemRow & { outlet_name: string; quote_allowed: number }) | undefined> {
  return db
    .selectFrom('desk_items')
    .innerJoin('desk_outlets', 'desk_outlets.id', 'desk_items.outlet_id')
    .selectAll('desk_items')
    .select(['desk_outlets.name as outlet_name', 'desk_outlets.quote_allowed'])
    .where('desk_items.id', '=', id)
    .executeTakeFirst();
}

export async function saveExtraction(db: Db, id: number, extracted: string): Promise<void> {
  await db.updateTable('desk_items').set({ extracted, extracted_at: new Date().toISOString() }).where('id', '=', id).execute();
}
