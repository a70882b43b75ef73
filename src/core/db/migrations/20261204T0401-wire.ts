import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// The wire (dépêches): news agencies the newsroom receives, and one row per agency item (GUID)
// with the last version applied, its state (held for an editor, published, withdrawn…) and the
// article it became. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await idColumn(db, db.schema.createTable('wire_agencies').ifNotExists(), pg)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('folder_path', 'text')
    .addColumn('pull_url', 'text')
    .addColumn('poll_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_run_at', ts)
    .addColumn('last_success_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', ts)
    .addColumn('items_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('files_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('wire_items').ifNotExists(), pg)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('wire_agencies.id').onDelete('cascade'))
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('embargo_until', ts)
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wire_items_guid').ifNotExists().unique().on('wire_items').columns(['agency_id', 'guid']).execute();
  await db.schema.createIndex('wire_items_state').ifNotExists().on('wire_items').columns(['state', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wire_items').ifExists().execute();
  await db.schema.dropTable('wire_agencies').ifExists().execute();
}
