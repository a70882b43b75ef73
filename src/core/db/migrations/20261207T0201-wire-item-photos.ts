import { type Kysely, sql } from 'kysely';

// What became of each agency item's photo (issue 12): the address or delivered file its dépêche's
// main image came from and that image (so a later version with the same photo keeps it, and one
// with another photo replaces it), or why the photo could not be had (shown to the editors on the
// wire's screen and in the article's editor). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['photo_href', 'photo_problem', 'photo_reason'])
    await db.schema.alterTable('wire_items').addColumn(column, 'text').execute();
  await db.schema.alterTable('wire_items').addColumn('photo_image_id', 'integer').execute();
  // The editor of a dépêche finds its item; the wire's screen lists the dépêches gone out without their photo.
  await sql`create index if not exists wire_items_article on wire_items (article_id)`.execute(db);
  await sql`create index if not exists wire_items_photo_problem on wire_items (updated_at) where photo_problem is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists wire_items_photo_problem`.execute(db);
  await sql`drop index if exists wire_items_article`.execute(db);
  for (const column of ['photo_reason', 'photo_problem', 'photo_image_id', 'photo_href'])
    await db.schema.alterTable('wire_items').dropColumn(column).execute();
}
