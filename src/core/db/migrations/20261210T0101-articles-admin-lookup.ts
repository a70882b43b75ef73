import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// The back office's text search at archive scale (issue 7). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // /admin/articles?q=… orders up to 1,000 matches of the search index by the date each piece is
  // filed under, after checking the filters. On SQLite those columns sit after the body in the row,
  // so reading them for 1,000 articles walked their overflow pages (1.8 of the 6 ms such a list
  // cost at 100,000 articles); this index answers with the id of each, from its own entries.
  // PostgreSQL keeps long bodies out of line (TOAST): its rows stay small and the primary key serves.
  if (!isPostgres(db))
    await sql`create index if not exists articles_admin_lookup on articles (id, status, section_id, format, (coalesce(published_at, edited_at, created_at)))`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists articles_admin_lookup`.execute(db);
}
