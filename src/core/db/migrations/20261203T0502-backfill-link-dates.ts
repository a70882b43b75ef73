import { type Kysely, sql } from 'kysely';

// Data for 20261203T0501: the existing links get their article's published_at (the triggers keep
// it from now on). Safe to run twice. Immutable once merged. DML only.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['article_tags', 'article_authors']) {
    await sql`update ${sql.table(table)} set published_at = (select published_at from articles where articles.id = ${sql.raw(table)}.article_id)`.execute(
      db,
    );
  }
  await sql`analyze`.execute(db);
}

export async function down(): Promise<void> {}
