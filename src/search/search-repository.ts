import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { ArticleFormat, Database } from '../core/db/schema.ts';
import type { Db, Dialect } from '../core/db/database.ts';
import { isPublic } from '../articles/published.ts';
import { bodyToPlainText, parseBody } from '../articles/body/body-schema.ts';
import { CUSTOM_PLAN_MARK } from '../core/db/postgres-pool.ts';
import { foldText } from '../core/db/text-match.ts';
import { stemWord } from './french-text.ts';
import { parseQuery } from './search-query.ts';

/** What a search may be narrowed to. */
export interface SearchFilters {
  sectionId?: number;
  format?: ArticleFormat;
  personId?: number;
  /** Published on or after this instant (ISO). */
  from?: string;
  /** Published before this instant (ISO). */
  until?: string;
}

/** Ids of the matching public articles, best first, and how many match (at most MAX_COUNTED + 1). */
export interface SearchHits {
  ids: number[];
  total: number;
}

/**
 * Results a reader can page through (20 pages of 10); a larger total shows as "plus de 200". The
 * newest MAX_COUNTED + 1 matches (by article id, which follows creation) are read and ranked by
 * relevance and freshness, so the work of a search stays the same whether a word is in 20 articles
 * or in 60,000: ranking every match of a frequent word took 0.1 to 0.3 s at 100,000 articles, and
 * reading 1,001 to count them exactly half of a search's time. A frequent word weighs almost
 * nothing in a relevance score: among its matches freshness decides, and the newest are those read.
 */
export const MAX_COUNTED = 200;

// Relevance gives way to freshness slowly: an article a year old counts half as much.
const FRESHNESS_DAYS = 365;

/**
 * SQLite: where the query's words are found, and what it weighs (the body counts 1, the base of
 * every match). FTS5's bm25() is not used: to weigh each word it counts that word's articles
 * over the whole index on every query (1 ms for a common word, 15 ms for a phrase at 100,000
 * articles, whatever the LIMIT), where these column matches cost only the read matches' range.
 */
const WEIGHED_COLUMNS: readonly { columns: string; weight: number }[] = [
  { columns: 'headline', weight: 10 },
  { columns: 'kicker lead', weight: 4 },
  { columns: 'people tags source', weight: 2 },
];

/** Runs a search: `groups` as parsed by parseQuery (every group must match; several words form a phrase). */
export async function searchArticles(
  db: Db,
  dialect: Dialect,
  groups: string[][],
  filters: SearchFilters,
  page: { limit: number; offset: number },
  now: string,
): Promise<SearchHits> {
  if (groups.length === 0) return { ids: [], total: 0 };
  const scored = dialect === 'postgres' ? await rankOnPostgres(db, groups, filters, now) : await rankOnSqlite(db, groups, filters, now);
  const ids = scored
    .sort((a, b) => b.score - a.score || (a.published < b.published ? 1 : a.published > b.published ? -1 : b.id - a.id))
    .map((r) => r.id);
  return { ids: ids.slice(page.offset, page.offset + page.limit), total: ids.length };
}

interface Scored {
  id: number;
  published: string;
  score: number;
}

/** Whether any public article matches (a suggestion is kept only when it finds something). */
export async function hasMatch(db: Db, dialect: Dialect, groups: string[][], filters: SearchFilters, now: string): Promise<boolean> {
  if (groups.length === 0) return false;
  return (await matchingArticles(db, dialect, groups, filters, now).select('articles.id').limit(1).execute()).length > 0;
}

// SQLite: one walk of the matches newest first (FTS5 in rowid order, stopped by the LIMIT); then,
// per weighed column group, the read matches whose group holds every query word: FTS5 reads only
// their rowid range. Scores are computed here.
async function rankOnSqlite(db: Db, groups: string[][], filters: SearchFilters, now: string): Promise<Scored[]> {
  const matches = await matchingArticles(db, 'sqlite', groups, filters, now)
    .select(['articles.id', 'articles.published_at'])
    .orderBy(sql`hits.rowid`, 'desc')
    .limit(MAX_COUNTED + 1)
    .execute();
  const weight = new Map(matches.map((r) => [r.id, 1]));
  if (matches.length > 1) {
    const low = Math.trunc(matches[matches.length - 1]!.id);
    const high = Math.trunc(matches[0]!.id);
    // The bounds bound as integers (BigInt): node:sqlite binds a JavaScript number as a REAL, and
    // FTS5 seeks a rowid range only from integer bounds; with REAL ones it walks every match of the
    // query (5 ms a search against 0.35 ms). Bound rather than written into the text, the statement
    // is the same for every search and stays prepared. One statement for the column groups.
    const query = ftsQuery(groups);
    const [from, to] = [BigInt(low), BigInt(high)];
    const found = await sql<{ id: number; w: number }>`${sql.join(
      WEIGHED_COLUMNS.map(
        ({ columns, weight: w }) =>
          sql`select rowid as id, ${sql.lit(w)} as w from search_fts where search_fts match ${`{${columns}} : (${query})`} and rowid between ${from} and ${to}`,
      ),
      sql` union all `,
    )}`.execute(db);
    for (const { id, w } of found.rows) {
      const current = weight.get(id);
      if (current !== undefined) weight.set(id, current + w);
    }
  }
  const nowMs = Date.parse(now);
  return matches.map((r) => {
    const published = String(r.published_at);
    const ageDays = Math.max(0, nowMs - Date.parse(published)) / 86_400_000;
    return { id: r.id, published, score: weight.get(r.id)! / (1 + ageDays / FRESHNESS_DAYS) };
  });
}

// PostgreSQL: the newest matches ranked by ts_rank (weights D 0.1, C 0.2, B 0.4, A headline 1)
// divided by the age in years + 1. Bounded on the index side: the planner walks the matches newest
// first by the primary key or the GIN index, keeps the public ones that pass the filters, and
// stops at the limit.
async function rankOnPostgres(db: Db, groups: string[][], filters: SearchFilters, now: string): Promise<Scored[]> {
  const rank = sql<number>`ts_rank('{0.1, 0.2, 0.4, 1.0}', hits.document, ${pgQuery(groups)}) / (1.0 + greatest(0, extract(epoch from (${now}::timestamptz - articles.published_at))) / ${86400 * FRESHNESS_DAYS})`;
  const rows = await matchingArticles(db, 'postgres', groups, filters, now)
    .select(['articles.id', 'articles.published_at', rank.as('score')])
    .orderBy(sql`hits.article_id`, 'desc')
    .limit(MAX_COUNTED + 1)
    .execute();
  return rows.map((r) => ({ id: r.id, published: String(r.published_at), score: Number(r.score) }));
}

// The public articles that match every group and pass the filters, joined to their index entry (`hits`).
function matchingArticles(db: Db, dialect: Dialect, groups: string[][], filters: SearchFilters, now: string) {
  // The index table under one name on both engines (search_fts on SQLite, search_documents on PostgreSQL).
  const pg = dialect === 'postgres';
  const hits = db.selectFrom(sql<{ article_id: number }>`${sql.table(pg ? 'search_documents' : 'search_fts')}`.as('hits'));
  // SQLite: CROSS JOIN keeps the full-text match as the outer loop, so FTS5 gives the matches in
  // rowid order and the LIMIT stops the walk; with an inner join the planner may walk every
  // public article and run the match once per row (seconds at 100,000 articles).
  let q = (
    pg
      ? hits.innerJoin('articles', (join) => join.on(sql<boolean>`articles.id = hits.article_id`))
      : hits
          // The article's status, date, section and format read from articles_search_lookup, not from the row.
          .crossJoin(sql<Database['articles']>`articles`.as<'articles'>(sql`articles indexed by articles_search_lookup`))
          .where(sql<boolean>`articles.id = hits.rowid`)
  )
    .where(pg ? sql<boolean>`hits.document @@ (${pgQuery(groups)})` : sql<boolean>`hits.search_fts match ${ftsQuery(groups)}`)
    .where((eb) => isPublic(eb as unknown as ExpressionBuilder<Database, 'articles'>, now));
  if (filters.sectionId !== undefined) q = q.where('articles.section_id', '=', filters.sectionId);
  if (filters.format !== undefined) q = q.where('articles.format', '=', filters.format);
  if (filters.from !== undefined) q = q.where('articles.published_at', '>=', filters.from);
  if (filters.until !== undefined) q = q.where('articles.published_at', '<', filters.until);
  if (filters.personId !== undefined) {
    const personId = filters.personId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.person_id', '=', personId)
          .select('article_authors.person_id'),
      ),
    );
  }
  return q;
}

/**
 * The back office reads at most this many matches of a text, the most recently created (by id, as
 * the public search reads its newest MAX_COUNTED): a word found in half of a 100,000-article archive
 * then costs what a rare one does (0.13 to 0.5 s before, the whole site waiting). Past them, the
 * list says there are more and an editor adds a word or a filter.
 */
export const MAX_LISTED_MATCHES = 1000;

/** Beyond this many index terms sharing a beginning, that beginning is read as a whole word. */
const MAX_PREFIX_TERMS = 64;

/**
 * SQL: the article (table `articles`) is among the newest MAX_LISTED_MATCHES matching the words of
 * `text`, read as the public search reads a query, whatever the article's state. The back office's
 * search: one matching rule for both. With `prefix`, the last word typed may be the start of a word
 * ("budg" finds "budget"): an editor types a few letters of a headline they remember. A text
 * without a searchable word (only "le", "de"…) matches nothing.
 */
export async function matchesSearch(
  db: Db,
  dialect: Dialect,
  text: string,
  options: { prefix?: boolean } = {},
): Promise<RawBuilder<boolean>> {
  const { groups } = parseQuery(text);
  if (groups.length === 0) return sql<boolean>`1 = 0`;
  const prefix = options.prefix === true;
  const limit = sql.lit(MAX_LISTED_MATCHES);
  if (dialect === 'postgres')
    return sql<boolean>`articles.id in (select search_documents.article_id from search_documents where search_documents.document @@ (${pgQuery(groups, prefix)}) order by search_documents.article_id desc limit ${limit})`;
  const query = prefix ? await ftsPrefixQuery(db, groups) : ftsQuery(groups);
  return sql<boolean>`articles.id in (select search_fts.rowid from search_fts where search_fts match ${query} order by search_fts.rowid desc limit ${limit})`;
}

/**
 * SQLite, the last word read as a beginning: when it is one word, the index terms that begin with
 * its stem (search_terms) joined by OR, which FTS5 walks newest first and stops at the limit; FTS5's
 * own `*` would first merge the whole posting lists of all those terms. No term begins so: nothing
 * matches. More than MAX_PREFIX_TERMS: the word as typed. A phrase keeps FTS5's `*` on its last word.
 */
async function ftsPrefixQuery(db: Db, groups: string[][]): Promise<string> {
  const last = groups[groups.length - 1]!;
  if (last.length !== 1) return ftsQuery(groups, true);
  const stem = stemWord(last[0]!);
  const letters = [...stem];
  const upper = `${letters.slice(0, -1).join('')}${String.fromCodePoint(letters.at(-1)!.codePointAt(0)! + 1)}`;
  // The stem itself is always one of the terms (a term the index lacks matches nothing); the longer
  // ones come from the terms the indexer keeps (search_terms), a range of its primary key.
  const { rows } = await sql<{
    term: string;
  }>`select term from search_terms where term > ${stem} and term < ${upper} limit ${sql.lit(MAX_PREFIX_TERMS)}`.execute(db);
  const terms = rows.length >= MAX_PREFIX_TERMS ? [stem] : [stem, ...rows.map((r) => r.term)];
  // FTS5 wants an explicit AND before a parenthesised group.
  const head = groups.length > 1 ? `${ftsQuery(groups.slice(0, -1))} AND ` : '';
  return `${head}(${terms.map((term) => `"${term}"`).join(' OR ')})`;
}

/** A word that can be marked as a prefix in a tsquery: letters and digits only, so no tsquery syntax. */
const PREFIXABLE = /^[\p{L}\p{N}]+$/u;

// FTS5 query over stemmed, folded text: each group quoted (a phrase when several words), so no
// character of the reader's reaches FTS5 syntax — stems are letters and digits only.
// With `prefix`, FTS5's `*` after the last phrase marks its last token as a prefix.
function ftsQuery(groups: string[][], prefix = false): string {
  return groups.map((g) => `"${g.map(stemWord).join(' ')}"`).join(' ') + (prefix ? ' *' : '');
}

// PostgreSQL query: the french configuration over unaccented words, every group required.
// With `prefix`, a last group of one plain word becomes `word:*` (stemmed by the configuration).
// Marked for a plan made for its words at each execution (CUSTOM_PLAN_MARK): whether the index or
// the newest articles are the way in depends on how rare they are.
function pgQuery(groups: string[][], prefix = false): RawBuilder<unknown> {
  return sql`${sql.raw(CUSTOM_PLAN_MARK)} ${sql.join(
    groups.map((g, i) =>
      prefix && i === groups.length - 1 && g.length === 1 && PREFIXABLE.test(g[0])
        ? sql`to_tsquery('french', unaccent(${g[0]}) || ':*')`
        : g.length === 1
          ? sql`plainto_tsquery('french', unaccent(${g[0]}))`
          : sql`phraseto_tsquery('french', unaccent(${g.join(' ')}))`,
    ),
    sql` && `,
  )}`;
}

/**
 * Known words close to `word` in spelling (Damerau–Levenshtein distance 1, or 2 for words of 7
 * letters or more), closest first: the "did you mean" of an empty result.
 */
export async function closeWords(db: Db, word: string, limit = 3): Promise<string[]> {
  const folded = foldText(word);
  if (folded.length < 4 || folded.length > 40) return [];
  const maxDistance = folded.length >= 7 ? 2 : 1;
  const rows = await db
    .selectFrom('search_words')
    .select(['word', 'folded'])
    .where('length', '>=', folded.length - maxDistance)
    .where('length', '<=', folded.length + maxDistance)
    .where('folded', '>=', folded[0]!)
    .where('folded', '<', String.fromCharCode(folded.charCodeAt(0) + 1))
    .limit(20_000)
    .execute();
  return rows
    .map((r) => ({ word: r.word, distance: r.folded === folded ? 0 : editDistance(folded, r.folded, maxDistance) }))
    .filter((r) => r.distance > 0 && r.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word, 'fr'))
    .slice(0, limit)
    .map((r) => r.word);
}

/** Optimal string alignment distance, giving up (max + 1) once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The authors the search form offers as a filter: the newsroom (contributors are reached by their page's link). */
export async function listStaffAuthors(db: Db): Promise<{ id: number; slug: string; name: string }[]> {
  return db.selectFrom('people').select(['id', 'slug', 'name']).where('kind', '=', 'staff').orderBy('name').limit(200).execute();
}

/**
 * Plain text of the body of some articles, for snippets: as the index stored it, or flattened from
 * its JSON for an article indexed before the index kept it.
 */
export async function loadSnippetBodies(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const stored = await db.selectFrom('search_passages').select(['article_id', 'body']).where('article_id', 'in', ids).execute();
  const bodies = new Map(stored.map((r) => [r.article_id, r.body]));
  const missing = ids.filter((id) => !bodies.has(id));
  if (missing.length) {
    const rows = await db.selectFrom('articles').select(['id', 'body']).where('id', 'in', missing).execute();
    for (const r of rows) bodies.set(r.id, bodyToPlainText(parseBody(JSON.parse(r.body))));
  }
  return bodies;
}
