import type { Kysely } from 'kysely';

// The article body rendered for the public page, stored beside its JSON document
// (articles/body/stored-body.ts): the HTML with image placeholders, the key it was rendered
// under (renderer version + hash of the body and site origin) and its word count. Filled at
// save time and, for rows saved before, on their first public read: an archive of 100,000
// articles is not rendered at start-up. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('body_html', 'text').execute();
  await db.schema.alterTable('articles').addColumn('body_html_key', 'text').execute();
  await db.schema.alterTable('articles').addColumn('body_words', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('body_words').execute();
  await db.schema.alterTable('articles').dropColumn('body_html_key').execute();
  await db.schema.alterTable('articles').dropColumn('body_html').execute();
}
