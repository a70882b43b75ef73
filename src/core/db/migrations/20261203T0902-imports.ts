import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Moving in from another system (WordPress): what each imported thing became (so a second run
// updates instead of duplicating), the old addresses that now redirect, and the old comments kept
// for the comments feature. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('import_sources')
    .ifNotExists()
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imported_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_sources_pk', ['source', 'kind', 'source_key'])
    .execute();

  await db.schema
    .createTable('legacy_redirects')
    .ifNotExists()
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('imported_comments').ifNotExists(), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('parent_source_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('approved', 'integer', (c) => c.notNull())
    .addColumn('written_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_comments_source')
    .ifNotExists()
    .unique()
    .on('imported_comments')
    .columns(['source', 'source_id'])
    .execute();
  await db.schema.createIndex('imported_comments_article').ifNotExists().on('imported_comments').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('imported_comments').ifExists().execute();
  await db.schema.dropTable('legacy_redirects').ifExists().execute();
  await db.schema.dropTable('import_sources').ifExists().execute();
}
