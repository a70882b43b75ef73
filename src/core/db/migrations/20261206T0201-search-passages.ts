import type { Kysely } from 'kysely';

// The plain text of each indexed article's body, written with its search index entry (issue 10):
// a result's snippet is cut from it, where each search used to parse and flatten the body JSON of
// every result shown. Rows are written by the search index; an article without one is flattened
// on the fly until its next indexing. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_passages')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_passages').ifExists().execute();
}
