import { sql } from 'kysely';
import { type Actor, can } from '../../accounts/policy.ts';
import type { Db, Dialect } from '../../core/db/database.ts';
import { matchesText } from '../../core/db/text-match.ts';
import { matchesSearch } from '../../search/search-repository.ts';
import { ownArticles, visibleArticles } from '../visibility.ts';
import type { ArticleFormat, ArticleStatus, Database } from '../../core/db/schema.ts';

// The SQL of the back-office lists: which pieces a person sees, counts by state, the dashboard's
// queues and the filtered, paginated table.

/** One row of a back-office list. */
export interface ArticleListItem {
  id: number;
  headline: string;
  status: ArticleStatus;
  format: ArticleFormat;
  sectionName: string;
  authors: string[];
  createdAt: string;
  editedAt: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
}

/** Filters of /admin/articles (already validated). */
export interface ArticleFilters {
  status?: ArticleStatus;
  sectionId?: number;
  /** An author's id, or words of their name (every author whose name contains them). */
  author?: number | string;
  format?: ArticleFormat;
  /** UTC bounds of the date range (Paris days), on the article's date: publication, else last change. */
  from?: Date;
  to?: Date;
  /** Words to find, read as the public search reads them (search index: headline, lead, body, names…). */
  text?: string;
}

/** The date an article is filed under: its publication (or scheduled) time, else its last change. */
// The same expression as the articles_*_filed indexes (migration 20261203T0501), which both engines match.
const articleDate = sql<string>`coalesce(articles.published_at, articles.edited_at, articles.created_at)`;

function baseQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where((eb) => visibleArticles(eb, actor));
}

const LIST_COLUMNS = [
  'articles.id',
  'articles.headline',
  'articles.status',
  'articles.format',
  'sections.name as section_name',
  'articles.created_at',
  'articles.edited_at',
  'articles.submitted_at',
  'articles.published_at',
] as const;

type ListRow = {
  id: number;
  headline: string;
  status: ArticleStatus;
  format: ArticleFormat;
  section_name: string;
  created_at: string;
  edited_at: string | null;
  submitted_at: string | null;
  published_at: string | null;
};

/** The names signing each article, in byline order. */
async function authorsOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const authors = ids.length
    ? await db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select(['article_authors.article_id', 'people.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.article_id')
        .orderBy('article_authors.position')
        .execute()
    : [];
  const byArticle = new Map<number, string[]>();
  for (const a of authors) byArticle.set(a.article_id, [...(byArticle.get(a.article_id) ?? []), a.name]);
  return byArticle;
}

function listItem(r: ListRow, authors: Map<number, string[]>): ArticleListItem {
  return {
    id: r.id,
    headline: r.headline,
    status: r.status,
    format: r.format,
    sectionName: r.section_name,
    authors: authors.get(r.id) ?? [],
    createdAt: r.created_at,
    editedAt: r.edited_at,
    submittedAt: r.submitted_at,
    publishedAt: r.published_at,
  };
}

async function withAuthors(db: Db, rows: ListRow[]): Promise<ArticleListItem[]> {
  const authors = await authorsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => listItem(r, authors));
}

/** Counts on the dashboard stop here ("plus de 999"): exact figures of an archive are not worth a scan per request. */
export const DASHBOARD_COUNT_LIMIT = 1000;

/**
 * How many pieces the actor sees in each state, each counted no further than
 * DASHBOARD_COUNT_LIMIT through the (status, …) indexes: a value equal to the limit means "at least".
 */
export async function countByStatus(db: Db, actor: Actor): Promise<Record<ArticleStatus, number>> {
  const statuses: ArticleStatus[] = ['draft', 'submitted', 'ready', 'scheduled', 'published', 'unpublished'];
  const counts = await Promise.all(
    statuses.map((status) =>
      db
        .selectFrom(
          db
            .selectFrom('articles')
            .where((eb) => visibleArticles(eb, actor))
            .where('articles.status', '=', status)
            .select('articles.id')
            .limit(DASHBOARD_COUNT_LIMIT)
            .as('counted'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(statuses.map((status, i) => [status, Number(counts[i].n)])) as Record<ArticleStatus, number>;
}

/** The dashboard's lists: the review queue (oldest first), my drafts, scheduled (soonest first), recently published. */
export async function loadDashboardLists(db: Db, actor: Actor, limit = 10) {
  const [queue, mine, scheduled, published] = await Promise.all([
    can(actor, 'article:publish')
      ? baseQuery(db, actor)
          .select(LIST_COLUMNS)
          .where('articles.status', '=', 'submitted')
          .orderBy('articles.submitted_at')
          .orderBy('articles.id')
          .limit(limit)
          .execute()
      : Promise.resolve([]),
    baseQuery(db, actor)
      .select(LIST_COLUMNS)
      .where('articles.status', '=', 'draft')
      .where((eb) => ownArticles(eb, actor))
      .orderBy(sql`coalesce(articles.edited_at, articles.created_at)`, 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute(),
    baseQuery(db, actor)
      .select(LIST_COLUMNS)
      .where('articles.status', '=', 'scheduled')
      .orderBy('articles.published_at')
      .orderBy('articles.id')
      .limit(limit)
      .execute(),
    baseQuery(db, actor)
      .select(LIST_COLUMNS)
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const [q, m, s, p] = await Promise.all([queue, mine, scheduled, published].map((rows) => withAuthors(db, rows)));
  return { queue: q, myDrafts: m, scheduled: s, recentlyPublished: p };
}

/** Pages counted beyond the one shown in the back-office list ("plus de N articles" past them). */
const LIST_PAGES_AHEAD = 10;

/**
 * Up to this many ids counted, the page and the count come from one statement (the ids up to the
 * cap, the page sliced from them): the first pages, the usual ones. Deeper, the ids handed to
 * JavaScript would grow with the page, so the page and the count are read apart.
 */
const ONE_READ_AT_MOST = 400;

/**
 * The articles a filtered list reads, newest filed first. With words to find on SQLite, from
 * articles_admin_lookup: the search index gives at most MAX_LISTED_MATCHES ids, and each one's
 * status, section, format and date are read from that index rather than from the row, where they
 * sit after the body (its overflow pages cost three times the rest of the list at 100,000 articles).
 */
function listedArticles(db: Db, dialect: Dialect, text: boolean) {
  return text && dialect === 'sqlite'
    ? db.selectFrom(sql<Database['articles']>`articles`.as<'articles'>(sql`articles indexed by articles_admin_lookup`))
    : db.selectFrom('articles');
}

/**
 * One page of the filtered table, newest first, and the number of matching pieces, counted no
 * further than ten pages ahead (`more` then says the list goes on). The page's ids and the count
 * are read from indexes first (one statement on the first pages), then only the page’s rows and
 * their authors.
 */
export async function listArticles(
  db: Db,
  dialect: Dialect,
  actor: Actor,
  filters: ArticleFilters,
  page: number,
  pageSize: number,
): Promise<{ items: ArticleListItem[]; total: number; more: boolean; authorLabel?: string }> {
  let query = listedArticles(db, dialect, filters.text !== undefined).where((eb) => visibleArticles(eb, actor));
  if (filters.status) query = query.where('articles.status', '=', filters.status);
  if (filters.sectionId) query = query.where('articles.section_id', '=', filters.sectionId);
  if (filters.format) query = query.where('articles.format', '=', filters.format);
  let authorLabel: string | undefined;
  if (filters.author !== undefined) {
    const authors = await findAuthors(db, filters.author);
    authorLabel = typeof filters.author === 'string' ? filters.author : authors[0]?.name;
    if (authors.length === 0) return { items: [], total: 0, more: false, authorLabel };
    const personIds = authors.map((a) => a.id);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.person_id', 'in', personIds),
      ),
    );
  }
  if (filters.from) query = query.where(articleDate, '>=', filters.from.toISOString());
  if (filters.to) query = query.where(articleDate, '<', filters.to.toISOString());
  if (filters.text) query = query.where(await matchesSearch(db, dialect, filters.text, { prefix: true }));
  const atMost = page * pageSize + LIST_PAGES_AHEAD * pageSize + 1;
  const offset = (page - 1) * pageSize;
  const ordered = query.select('articles.id').orderBy(articleDate, 'desc').orderBy('articles.id', 'desc');
  let ids: number[];
  let counted: number;
  if (atMost <= ONE_READ_AT_MOST) {
    // The first pages: one statement reads the ids up to the count's cap, newest first; the page is
    // sliced from them. The filters (a text search's above all) are evaluated once, not twice.
    const rows = await ordered.limit(atMost).execute();
    ids = rows.slice(offset, offset + pageSize).map((r) => r.id);
    counted = rows.length;
  } else {
    const [pageIds, total] = await Promise.all([
      ordered.limit(pageSize).offset(offset).execute(),
      db
        .selectFrom(query.select('articles.id').limit(atMost).as('counted'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    ids = pageIds.map((r) => r.id);
    counted = Number(total.n);
  }
  // The ids passed the filters and the visibility rule above: only their rows are read now.
  const [rows, authors] = await Promise.all([
    ids.length
      ? db
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select(LIST_COLUMNS)
          .where('articles.id', 'in', ids)
          .execute()
      : Promise.resolve([]),
    authorsOf(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [listItem(row, authors)] : [];
  });
  const more = counted >= atMost;
  return { items, total: more ? atMost - 1 : counted, more, authorLabel };
}

/** Authors a name filter can stand for: more than this many homonyms is a typo, not a search. */
const AUTHOR_MATCHES = 50;

/**
 * The people an author filter names: the one with this id, or those whose name contains the words
 * (the text-matching rule), read from the 2,500-row people table rather than offered as a list.
 */
async function findAuthors(db: Db, author: number | string): Promise<{ id: number; name: string }[]> {
  const query = db.selectFrom('people').select(['people.id', 'people.name']);
  return typeof author === 'number'
    ? query.where('people.id', '=', author).execute()
    : query.where(matchesText('people.name', author)).orderBy('people.name').limit(AUTHOR_MATCHES).execute();
}

/**
 * Choices for the filters' lists: the sections. Authors are searched by name instead: a
 * newsroom with 2,500 contributors cannot offer them in a drop-down on every page.
 */
export async function loadFilterChoices(db: Db) {
  const sections = await db.selectFrom('sections').select(['id', 'name']).orderBy('position').orderBy('name').execute();
  return { sections };
}
