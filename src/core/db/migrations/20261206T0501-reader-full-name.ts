import type { Kysely } from 'kysely';

// A reader's own name as a source gave it (an imported Ghost member's name): private, for the
// newsroom's lists and mail, never shown publicly (the public name is display_name, chosen by the
// reader). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('readers')
    .addColumn('full_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('readers').dropColumn('full_name').execute();
}
