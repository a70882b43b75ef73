import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// The optional external comment classifier (one row, id 1): where new comments are sent, the key
// that signs them, and the score from which a comment goes back to the queue. Kept apart from the
// settings row, which every page loads, so the signing key never travels with it.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('comment_classifier')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('secret', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('threshold', pg ? 'double precision' : 'real', (c) => c.notNull().defaultTo(0.8))
    .addColumn('updated_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comment_classifier').ifExists().execute();
}
