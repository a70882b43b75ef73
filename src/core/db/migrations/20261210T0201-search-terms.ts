import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// SQLite: the terms of the search index, kept by the indexer (search/search-index.ts) as it writes
// each document. The back office's search expands the beginning of a word into the terms that
// begin with it; read from search_vocab, each term listed cost a count of its documents (fts5vocab
// counts them as it lists them), 1 ms for "budget" at 100,000 articles, where a frequent longer
// term ("budgetair") sits in the range. A term is never removed: one that no document holds any
// more matches nothing. Filled here once from the index. PostgreSQL answers `word:*` itself.
// Immutable once merged.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create table if not exists search_terms (term text primary key) without rowid`.execute(db);
  await sql`insert or ignore into search_terms (term) select term from search_vocab`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`drop table if exists search_terms`.execute(db);
}
