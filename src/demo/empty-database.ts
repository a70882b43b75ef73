import type { Db } from '../core/db/database.ts';

/**
 * True for a migrated database nobody has used yet (no settings row): the one where `npm start`
 * loads the demo edition. Apart from seed.ts so that a start on a used database never loads the
 * demo's modules and their texts (a third of a megabyte of source kept in memory).
 */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('settings').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
