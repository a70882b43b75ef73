import type { Kysely } from 'kysely';

// Staff badges on comments: decided when the comment is posted (the reader's verified e-mail is an
// active staff account's), kept with the comment so nothing a reader sends can set it.
// 'redaction' (staff), 'contributeur' (outside expert) or 'auteur' (an author of the article), ''
// for a reader; the line is the author profile's role or expertise line at the time. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('comments')
    .addColumn('author_badge', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('comments')
    .addColumn('author_badge_line', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('author_badge_line').execute();
  await db.schema.alterTable('comments').dropColumn('author_badge').execute();
}
