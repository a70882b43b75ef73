import { sql } from 'kysely';
import { z } from 'zod';
import { bodyToPlainText, parseBody } from '../articles/body/body-schema.ts';
import type { Db, Dialect } from '../core/db/database.ts';
import { foldText } from '../core/db/text-match.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { stemText, words } from './french-text.ts';

/** The searchable parts of an article, as plain text. */
export interface SearchableText {
  headline: string;
  kicker: string;
  lead: string;
  body: string;
  people: string;
  tags: string;
  source: string;
}

/** Rows read per batch when rebuilding. */
const REBUILD_BATCH = 500;

/**
 * Brings the index in line with one article, inside the caller's transaction, whatever its state:
 * the back office searches drafts by it too. Public search adds the rule of what is public
 * (articles/published.ts), so a draft or a withdrawn piece is never a reader's result.
 */
export async function indexArticle(db: Db, dialect: Dialect, articleId: number): Promise<void> {
  await indexArticles(db, dialect, [articleId]);
}

// Replaces the index entries of these articles (run it in a transaction).
async function indexArticles(db: Db, dialect: Dialect, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  if (dialect === 'postgres') await sql`delete from search_documents where article_id in (${sql.join(ids)})`.execute(db);
  else await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(db);
  await db.deleteFrom('search_passages').where('article_id', 'in', ids).execute();
  await writeDocuments(db, dialect, await loadSearchableText(db, ids));
}

/** Takes an article out of the index (deleted). */
export async function removeFromIndex(db: Db, dialect: Dialect, articleId: number): Promise<void> {
  if (dialect === 'postgres') await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  else await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
  await db.deleteFrom('search_passages').where('article_id', '=', articleId).execute();
}

/** Rebuilds the whole index from the articles (npm run kiosque -- search:rebuild); returns how many were indexed. */
export async function rebuildSearchIndex(db: Db, dialect: Dialect, onProgress?: (done: number) => void): Promise<number> {
  if (dialect === 'postgres') await sql`delete from search_documents`.execute(db);
  else {
    await sql`delete from search_fts`.execute(db);
    await sql`delete from search_terms`.execute(db);
  }
  await db.deleteFrom('search_passages').execute();
  let lastId = 0;
  let done = 0;
  for (;;) {
    const ids = (await db.selectFrom('articles').select('id').where('id', '>', lastId).orderBy('id').limit(REBUILD_BATCH).execute()).map(
      (r) => r.id,
    );
    if (ids.length === 0) break;
    const texts = await loadSearchableText(db, ids);
    await db.transaction().execute((trx) => writeDocuments(trx, dialect, texts));
    done += texts.length;
    onProgress?.(done);
    lastId = ids[ids.length - 1]!;
  }
  return done;
}

/** The job that indexes the articles an existing database holds without an index entry. */
export const SEARCH_BACKFILL_JOB = 'search-index-backfill';
const backfillPayload = z.strictObject({ afterId: z.number().int().nonnegative() });

/**
 * Registers the backfill job: each run indexes the next REBUILD_BATCH articles missing from the
 * index (ids above `afterId`) and, in the same transaction, queues its next run from the last of
 * them; so an interrupted backfill resumes where its last batch committed. Articles changed
 * meanwhile are indexed by their own operation; indexing one twice replaces its entry.
 */
export function registerSearchBackfill(): void {
  registerJobHandler(SEARCH_BACKFILL_JOB, backfillPayload, async ({ afterId }, { ctx }) => {
    const ids = await missingFromIndex(ctx.db, ctx.dialect, afterId, REBUILD_BATCH);
    if (ids.length === 0) return;
    await ctx.db.transaction().execute(async (trx) => {
      await indexArticles(trx, ctx.dialect, ids);
      await enqueueBackfill(trx, ids[ids.length - 1]!);
    });
  });
}

/** Ids looked at per statement by the start-up check, which lets other work run between slices. */
const CHECK_SLICE = 5_000;

/**
 * How far the start-up check found the archive whole (the highest article id then): a restart looks
 * only at the ids above it, the articles written since. Entries are kept by the operations that
 * write articles; the check is for what was never indexed (a database from before the index, rows
 * written straight into the tables), which always has new ids. A change of what makes an entry
 * whole (as the passages did) must clear it in its migration, so the whole archive is looked at again.
 */
const CHECKED_THROUGH = 'search-index:checked-through';

/**
 * At start: when some article has no index entry (a database from before the index, articles
 * written straight into the tables), queues the backfill, unless one is already under way.
 * Returns whether it was queued; gives up when `signal` aborts (the server closing). The ids not
 * looked at yet are looked at in slices, the event loop free between them (at 100,000 articles
 * the whole look took 0.2 to 0.5 s in one statement, which the server's first answers waited for;
 * in 5,000-id slices, 0.8 s of CPU at every start): once found whole, the archive is not looked
 * at again (CHECKED_THROUGH).
 */
export async function startSearchBackfillIfNeeded(
  db: Db,
  dialect: Dialect,
  signal?: AbortSignal,
  slice: number = CHECK_SLICE,
): Promise<boolean> {
  const [last, checked] = await Promise.all([
    db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst()
      .then((row) => Number(row?.max ?? 0)),
    db
      .selectFrom('app_state')
      .select('value')
      .where('key', '=', CHECKED_THROUGH)
      .executeTakeFirst()
      .then((row) => Number(row?.value ?? 0) || 0),
  ]);
  let missing = false;
  for (let from = checked; from < last && !missing && !signal?.aborted; from += slice) {
    missing = (await missingFromIndex(db, dialect, from, 1, from + slice)).length > 0;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (signal?.aborted) return false;
  if (!missing) {
    if (last > checked) {
      await db
        .insertInto('app_state')
        .values({ key: CHECKED_THROUGH, value: String(last) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(last) }))
        .execute();
    }
    return false;
  }
  const running = await db
    .selectFrom('jobs')
    .select('id')
    .where('unique_key', '=', SEARCH_BACKFILL_JOB)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  if (!running) await enqueueBackfill(db, checked);
  return !running;
}

const enqueueBackfill = (db: Db, afterId: number) =>
  enqueueJob(db, { kind: SEARCH_BACKFILL_JOB, payload: { afterId }, uniqueKey: SEARCH_BACKFILL_JOB, maxAttempts: 20 });

// Ids above `afterId` (up to `upTo`) without an index entry, in order: one index lookup per article.
async function missingFromIndex(db: Db, dialect: Dialect, afterId: number, limit: number, upTo?: number): Promise<number[]> {
  // An entry is whole with its passage (a database indexed before passages were kept gets them so).
  const indexed =
    dialect === 'postgres'
      ? sql<boolean>`exists (select 1 from search_documents where search_documents.article_id = articles.id)`
      : sql<boolean>`exists (select 1 from search_fts where search_fts.rowid = articles.id)`;
  const withPassage = sql<boolean>`exists (select 1 from search_passages where search_passages.article_id = articles.id)`;
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('id', '>', afterId)
    .$if(upTo !== undefined, (q) => q.where('id', '<=', upTo!))
    .where(sql<boolean>`not (${indexed} and ${withPassage})`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

async function loadSearchableText(db: Db, ids: number[]): Promise<(SearchableText & { id: number })[]> {
  const [rows, people, tags] = await Promise.all([
    db.selectFrom('articles').select(['id', 'headline', 'kicker', 'lead', 'body', 'source_outlet']).where('id', 'in', ids).execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_authors.article_id', 'people.name'])
      .where('article_authors.article_id', 'in', ids)
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .execute(),
  ]);
  const join = (list: { article_id: number; name: string }[], id: number) =>
    list
      .filter((x) => x.article_id === id)
      .map((x) => x.name)
      .join(' ; ');
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    kicker: r.kicker,
    lead: r.lead,
    body: bodyToPlainText(parseBody(JSON.parse(r.body))),
    people: join(people, r.id),
    tags: join(tags, r.id),
    source: r.source_outlet ?? '',
  }));
}

async function writeDocuments(db: Db, dialect: Dialect, texts: (SearchableText & { id: number })[]): Promise<void> {
  const terms = new Set<string>();
  for (const t of texts) {
    if (dialect === 'postgres') {
      // Weights: A headline; B kicker and lead; C authors, tags, source; D body.
      const vector = (text: string, weight: string) => sql`setweight(to_tsvector('french', unaccent(${text})), ${weight}::"char")`;
      await sql`insert into search_documents (article_id, document) values (${t.id}, ${vector(t.headline, 'A')} || ${vector(t.kicker, 'B')} || ${vector(t.lead, 'B')} || ${vector(t.people, 'C')} || ${vector(t.tags, 'C')} || ${vector(t.source, 'C')} || ${vector(t.body, 'D')})`.execute(
        db,
      );
    } else {
      const stemmed = [t.headline, t.kicker, t.lead, t.body, t.people, t.tags, t.source].map(stemText);
      await sql`insert into search_fts (rowid, headline, kicker, lead, body, people, tags, source) values (${t.id}, ${sql.join(stemmed)})`.execute(
        db,
      );
      for (const text of stemmed) for (const term of indexTerms(text)) terms.add(term);
    }
  }
  await rememberTerms(db, terms);
  // The body's plain text, for the snippets of results (see loadSnippetSources).
  for (let i = 0; i < texts.length; i += 500)
    await db
      .insertInto('search_passages')
      .values(texts.slice(i, i + 500).map((t) => ({ article_id: t.id, body: t.body })))
      .execute();
  await rememberWords(db, texts);
}

// The terms FTS5 makes of a stemmed text: stemText joins the stems of its words with spaces, each
// of letters and digits only (a word as wordSpans reads it), folded already.
function indexTerms(stemmed: string): string[] {
  return stemmed.split(' ').filter((term) => term !== '');
}

// SQLite: the index's terms, which the back office's search reads to expand the beginning of a
// word (search-repository.ts, migration 20261210T0201). Only added: a term no document holds any
// more matches nothing.
async function rememberTerms(db: Db, terms: Set<string>): Promise<void> {
  const list = [...terms];
  for (let i = 0; i < list.length; i += 500)
    await sql`insert or ignore into search_terms (term) values ${sql.join(list.slice(i, i + 500).map((term) => sql`(${term})`))}`.execute(
      db,
    );
}

// The words suggestions are drawn from: those of headlines, kickers, leads, authors, tags and sources.
async function rememberWords(db: Db, texts: SearchableText[]): Promise<void> {
  const seen = new Set<string>();
  for (const t of texts)
    for (const word of words(`${t.headline} ${t.kicker} ${t.lead} ${t.people} ${t.tags} ${t.source}`))
      if (word.length >= 4 && word.length <= 40 && !/\d/.test(word)) seen.add(word);
  const rows = [...seen].map((word) => ({ word, folded: foldText(word), length: word.length }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('search_words')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('word').doNothing())
      .execute();
}
