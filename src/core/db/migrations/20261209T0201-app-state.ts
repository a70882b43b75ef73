import type { Kysely } from 'kysely';

// What the application remembers about its own data between starts, one value per key (the
// search index's start-up check keeps there how far the archive was found whole, so a restart
// looks only at the articles written since). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_state')
    .ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_state').ifExists().execute();
}
