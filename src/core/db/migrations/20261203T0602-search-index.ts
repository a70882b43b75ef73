import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// The public search index (issue 10). SQLite: an FTS5 table of stemmed, folded text (rowid = the
// article id), one column per part so the headline can weigh more. PostgreSQL: a weighted tsvector
// per article (french configuration over unaccented text) with a GIN index. Both: the words
// readers may misspell, for "did you mean" suggestions. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists unaccent`.execute(db);
    await db.schema
      .createTable('search_documents')
      .ifNotExists()
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index if not exists search_documents_document on search_documents using gin (document)`.execute(db);
  } else {
    await sql`create virtual table if not exists search_fts using fts5(headline, kicker, lead, body, people, tags, source, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  }
  await db.schema
    .createTable('search_words')
    .ifNotExists()
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('folded', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_words_length').ifNotExists().on('search_words').columns(['length', 'folded']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_words').ifExists().execute();
  if (isPostgres(db)) await db.schema.dropTable('search_documents').ifExists().execute();
  else await sql`drop table if exists search_fts`.execute(db);
}
