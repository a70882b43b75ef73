import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Indexes for search and the sitemap index at archive scale (issue 10). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Search checks each match's article is public and passes the filters. On SQLite those columns
  // sit after the body in the row, so reading them walks the body's overflow pages (half the cost
  // of a search at 100,000 articles); this index answers from its own entries. PostgreSQL keeps
  // long bodies out of line (TOAST): its rows stay small and the primary key serves.
  if (!isPostgres(db))
    await sql`create index if not exists articles_search_lookup on articles (id, status, published_at, section_id, format)`.execute(db);
  // The sitemap index: public articles counted by month with their last change, from the index alone.
  await sql`create index if not exists articles_status_changes on articles (status, published_at, updated_at)`.execute(db);
  // The newest change of a public article (the lastmod of a list sitemap), read from one end.
  await sql`create index if not exists articles_status_changed on articles (status, (coalesce(updated_at, published_at)))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists articles_status_changed`.execute(db);
  await sql`drop index if exists articles_status_changes`.execute(db);
  await sql`drop index if exists articles_search_lookup`.execute(db);
}
