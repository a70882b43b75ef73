import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// SQLite: the terms of the search index, read from the index itself (an fts5vocab table holds no
// data of its own). The back office's search expands the beginning of a word an editor typed into
// the terms that begin with it (search-repository.ts): FTS5 would otherwise merge the whole posting
// lists of every such term before the first row (half a second for "budget" at 100,000 articles).
// PostgreSQL's GIN index answers `word:*` itself. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create virtual table if not exists search_vocab using fts5vocab(search_fts, 'row')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`drop table if exists search_vocab`.execute(db);
}
