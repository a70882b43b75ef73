import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { WireAgencyTable, WireItemState, WireItemTable } from '../core/db/schema.ts';

// All the SQL of the wire: agencies (settings and health) and their items.

export type AgencyRow = Selectable<WireAgencyTable>;
export type WireItemRow = Selectable<WireItemTable>;

/** Every agency, by name. */
export function listAgencies(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('wire_agencies').selectAll().orderBy('name').orderBy('id').execute();
}

export function findAgency(db: Db, id: number): Promise<AgencyRow | undefined> {
  return db.selectFrom('wire_agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAgency(db: Db, values: Insertable<WireAgencyTable>): Promise<number> {
  const row = await db.insertInto('wire_agencies').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateAgency(db: Db, id: number, values: Updateable<WireAgencyTable>): Promise<void> {
  await db.updateTable('wire_agencies').set(values).where('id', '=', id).execute();
}

export async function deleteAgency(db: Db, id: number): Promise<void> {
  await db.deleteFrom('wire_agencies').where('id', '=', id).execute();
}

/** A person of that exact name (an agency's byline reused), if one exists. */
export async function personNamed(db: Db, name: string): Promise<number | null> {
  const row = await db.selectFrom('people').select('id').where('name', '=', name).orderBy('id').executeTakeFirst();
  return row ? row.id : null;
}

/** The health of one poll: success (and how many items and failed files it saw) or a French error. */
export async function recordPoll(
  db: Db,
  id: number,
  outcome: { error: string | null; items: number; failedFiles: number },
  at: string,
): Promise<void> {
  await db
    .updateTable('wire_agencies')
    .set((eb) => ({
      last_run_at: at,
      items_received: eb('items_received', '+', outcome.items),
      files_failed: eb('files_failed', '+', outcome.failedFiles),
      ...(outcome.error === null ? { last_success_at: at } : { last_error: outcome.error.slice(0, 2000), last_error_at: at }),
    }))
    .where('id', '=', id)
    .execute();
}

export function findItem(db: Db, agencyId: number, guid: string): Promise<WireItemRow | undefined> {
  return db.selectFrom('wire_items').selectAll().where('agency_id', '=', agencyId).where('guid', '=', guid).executeTakeFirst();
}

export function findItemById(db: Db, id: number): Promise<WireItemRow | undefined> {
  return db.selectFrom('wire_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the first version of an item; false when another process recorded that GUID first. */
export async function insertItem(db: Db, values: Insertable<WireItemTable>): Promise<boolean> {
  const result = await db
    .insertInto('wire_items')
    .values(values)
    .onConflict((oc) => oc.columns(['agency_id', 'guid']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Moves an item to a newer version (never back: the guard keeps the highest version). */
export async function updateItem(db: Db, id: number, values: Updateable<WireItemTable>, atMostVersion?: number): Promise<boolean> {
  let query = db.updateTable('wire_items').set(values).where('id', '=', id);
  if (atMostVersion !== undefined) query = query.where('version', '<=', atMostVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Items in a state with their agency's name, newest first ("Dépêches en attente"). */
export function listItemsInState(db: Db, state: WireItemState, limit = 100) {
  return db
    .selectFrom('wire_items')
    .innerJoin('wire_agencies', 'wire_agencies.id', 'wire_items.agency_id')
    .select([
      'wire_items.id',
      'wire_items.guid',
      'wire_items.version',
      'wire_items.headline',
      'wire_items.payload',
      'wire_items.embargo_until',
      'wire_items.received_at',
      'wire_items.updated_at',
      'wire_agencies.name as agencyName',
    ])
    .where('wire_items.state', '=', state)
    .orderBy('wire_items.received_at', 'desc')
    .orderBy('wire_items.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Dépêches online (or scheduled) without their agency's photo and still without a main image (an
 * editor who adds one takes the line off), newest first: the wire screen's "Publiées sans leur photo".
 */
export function listPhotoProblems(db: Db, limit = 20) {
  return (
    db
      .selectFrom('wire_items')
      .innerJoin('wire_agencies', 'wire_agencies.id', 'wire_items.agency_id')
      .innerJoin('articles', 'articles.id', 'wire_items.article_id')
      .select([
        'wire_items.id',
        'wire_items.headline',
        'wire_items.version',
        'wire_items.updated_at',
        'wire_items.photo_problem',
        'wire_items.photo_reason',
        'wire_items.article_id',
        'wire_agencies.name as agencyName',
      ])
      .where('wire_items.photo_problem', 'is not', null)
      // Checked row by row while wire_items' partial index gives the page in order (an index on the
      // articles' status would otherwise lead SQLite to read them all, then sort).
      .where(sql<string>`coalesce(${sql.ref('articles.status')}, '')`, 'in', ['published', 'scheduled'])
      .where('articles.hero_image_id', 'is', null)
      .orderBy('wire_items.updated_at', 'desc')
      .limit(limit)
      .execute()
  );
}

/** The agency item a dépêche came from, with its agency's name, if it came from the wire. */
export function findItemOfArticle(db: Db, articleId: number) {
  return db
    .selectFrom('wire_items')
    .innerJoin('wire_agencies', 'wire_agencies.id', 'wire_items.agency_id')
    .select([
      'wire_items.id',
      'wire_items.version',
      'wire_items.updated_at',
      'wire_items.photo_problem',
      'wire_items.photo_reason',
      'wire_agencies.name as agencyName',
    ])
    .where('wire_items.article_id', '=', articleId)
    .orderBy('wire_items.id')
    .executeTakeFirst();
}
