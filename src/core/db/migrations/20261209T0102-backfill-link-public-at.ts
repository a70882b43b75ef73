import { type Kysely, sql } from 'kysely';

// Data for 20261209T0101: the links of an article that is not published lose their date (the
// triggers keep it so from now on). Immutable once merged.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['article_tags', 'article_authors']) {
    await sql`update ${sql.table(table)} set public_at = null
      where public_at is not null
        and exists (select 1 from articles where articles.id = ${sql.raw(table)}.article_id and articles.status <> 'published')`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  // 20261209T0101's down puts the article's published_at back on every link.
}
