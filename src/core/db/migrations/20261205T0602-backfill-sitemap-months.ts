import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Data for 20261205T0601: the months of the articles already published (the triggers keep them
// from now on). Safe to run twice. Immutable once merged. DML only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const month = isPostgres(db) ? sql`to_char(published_at at time zone 'UTC', 'YYYY-MM')` : sql`substr(published_at, 1, 7)`;
  await sql`delete from sitemap_months`.execute(db);
  await sql`insert into sitemap_months (month, articles, lastmod)
    select ${month}, count(*), max(coalesce(updated_at, published_at)) from articles
    where status = 'published' and published_at is not null group by ${month}`.execute(db);
}

export async function down(): Promise<void> {}
