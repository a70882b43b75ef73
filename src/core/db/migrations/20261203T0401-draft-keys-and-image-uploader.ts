import type { Kysely } from 'kysely';

// A new article's draft key: generated with the "new article" form and sent by every first save
// of that form, so the first save creates exactly one article whatever the timing (several saves
// in flight, a manual save racing the autosave, a duplicated tab). Unique; NULL for older articles
// and for articles made by the API or the import.
// Who uploaded an image: a contributor may correct the credit and alt text of their own images.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('draft_key', 'text').execute();
  await db.schema.createIndex('articles_draft_key').ifNotExists().unique().on('articles').column('draft_key').execute();
  await db.schema
    .alterTable('images')
    .addColumn('uploaded_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('images').dropColumn('uploaded_by_user_id').execute();
  await db.schema.dropIndex('articles_draft_key').ifExists().execute();
  await db.schema.alterTable('articles').dropColumn('draft_key').execute();
}
