import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Newsletters: a lease on each claimed recipient of the send log (a claim not acknowledged by its
// end is taken back), and aggregate audience counts, opt-in per newsletter (CNIL): opens and clicks
// counted per edition only, two integers, never a row per reader. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = isPostgres(db) ? 'timestamptz' : 'text';
  await db.schema.alterTable('newsletter_sends').addColumn('lease_until', ts).execute();
  await db.schema
    .alterTable('newsletters')
    .addColumn('count_audience', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('newsletter_editions')
    .addColumn('opens', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('newsletter_editions')
    .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('newsletter_editions').dropColumn('clicks').execute();
  await db.schema.alterTable('newsletter_editions').dropColumn('opens').execute();
  await db.schema.alterTable('newsletters').dropColumn('count_audience').execute();
  await db.schema.alterTable('newsletter_sends').dropColumn('lease_until').execute();
}
