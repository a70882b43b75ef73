import type { Kysely } from 'kysely';

// Whether feeds carry the full text of articles (1) or their lead only (0): a publication setting.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('settings')
    .addColumn('feed_full_text', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('settings').dropColumn('feed_full_text').execute();
}
