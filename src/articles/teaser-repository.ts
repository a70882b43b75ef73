import { compareInstants } from '../core/text/dates.ts';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { executeReusable, valueList } from '../core/db/reusable-query.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import type { ArticleFormat, ImageTable } from '../core/db/schema.ts';
import { isPublic, isPublicLink } from './published.ts';
import { commentCountsShown } from '../comments/comment-repository.ts';
import { SITE_TAG } from '../core/cache/page-cache.ts';
import type { TaggedMemo } from '../core/cache/tagged-memo.ts';

export type ImageRow = Selectable<ImageTable>;

/** What a list, a block or a card shows of an article. */
export interface ArticleTeaser {
  id: number;
  slug: string;
  sectionId: number;
  sectionSlug: string;
  sectionName: string;
  format: ArticleFormat;
  kicker: string;
  headline: string;
  lead: string;
  publishedAt: string;
  updatedAt: string | null;
  heroImage: ImageRow | null;
  authors: { id: number; name: string; slug: string }[];
  sourceOutlet: string | null;
  /** Visible reader comments (0 when none). */
  commentCount: number;
}

/**
 * The content tags of what a teaser shows: its article, its section (named on cards), each author
 * and the site (whose settings decide whether comment counts show). A page listing the teaser is
 * kept under them (site/teasers/teaser-tags.ts), and so is the teaser itself in the memo.
 */
export function teaserCacheTags(t: ArticleTeaser): string[] {
  return [`article:${t.id}`, `section:${t.sectionId}`, ...t.authors.map((a) => `person:${a.id}`), SITE_TAG];
}

const teaserKey = (id: number) => `teaser:${id}`;

/**
 * A teaser kept in the memo is shared by every render until one of its tags is invalidated: frozen,
 * so no page can change it for the next one, and so its card can be kept with it (teaser-card.ts).
 */
function frozenTeaser(t: ArticleTeaser): ArticleTeaser {
  Object.freeze(t.authors);
  for (const author of t.authors) Object.freeze(author);
  if (t.heroImage) Object.freeze(t.heroImage);
  return Object.freeze(t);
}

/**
 * A public article's teaser is kept in the memo between renders: only an article that was public
 * when read is kept, and it stops being public only by a change that invalidates `article:<id>`
 * (withdrawn, unpublished, deleted; articleCacheTags), as the cached pages showing it rely on.
 * So what is kept is still public, and a listing of public ids finds it without reading it again.
 */
function keptTeasers(
  memo: TaggedMemo,
  ids: readonly number[],
  read: (ids: number[]) => Promise<ArticleTeaser[]>,
): Promise<(ArticleTeaser | undefined)[]> {
  const keys = ids.map(teaserKey);
  const idByKey = new Map(keys.map((key, i) => [key, ids[i]!]));
  return memo.getEach(keys, teaserCacheTags, async (missing) => {
    const missingIds = missing.map((key) => idByKey.get(key)!);
    const byId = new Map((await read(missingIds)).map((t) => [t.id, frozenTeaser(t)]));
    return missingIds.map((id) => byId.get(id));
  });
}

export interface TeaserFilter {
  sectionId?: number;
  format?: ArticleFormat;
  formats?: ArticleFormat[];
  excludeFormats?: ArticleFormat[];
  tagId?: number;
  personId?: number;
  seriesId?: number;
  excludeIds?: number[];
  /** Only articles published at or after this instant (ISO). */
  since?: string;
}

/** The columns a teaser shows (articles joined with their section), read the same way by every listing. */
const TEASER_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.section_id',
  'articles.format',
  'articles.kicker',
  'articles.headline',
  'articles.lead',
  'articles.published_at',
  'articles.updated_at',
  'articles.hero_image_id',
  'articles.source_outlet',
  'sections.slug as section_slug',
  'sections.name as section_name',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: any query that reads `articles`, whatever else it joins
type ArticlesQuery = SelectQueryBuilder<any, any, any>;

/**
 * A query of `articles` completed with what its teasers show: the section and the comment
 * thread's visible count, joined by their keys in the same statement (on PostgreSQL each statement
 * is a round trip). Every teaser listing reads this. The hero images are read after, with the
 * authors: joined here, their thirteen columns cost the front page's candidate lists (150 rows)
 * more than the statement they save (0.45 ms of CPU per render on SQLite).
 */
export function selectTeaserRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O & TeaserRow> {
  return (query as ArticlesQuery)
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('comment_threads as teaser_thread', 'teaser_thread.article_id', 'articles.id')
    .select([...TEASER_COLUMNS, 'teaser_thread.visible_count as comment_count']);
}

export async function listTeasers(
  db: Db,
  filter: TeaserFilter,
  page: { limit: number; offset?: number },
  now: string = new Date().toISOString(),
): Promise<ArticleTeaser[]> {
  return hydrate(db, await listTeaserRows(db, filter, page, now));
}

/**
 * The rows of listTeasers, before their authors and images: a page that shows several lists reads
 * them all, then completes them together with hydrateTeaserLists (two queries in all rather than
 * two per list; on PostgreSQL every query is a round trip).
 */
export function listTeaserRows(
  db: Db,
  filter: TeaserFilter,
  page: { limit: number; offset?: number },
  now: string = new Date().toISOString(),
): Promise<TeaserRow[]> {
  const { query, publishedAt, id } = filtered(db, filter, now);
  return selectTeaserRows(query)
    .orderBy(publishedAt, 'desc')
    .orderBy(id, 'desc')
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

/**
 * Several listings' first rows in one statement (a UNION ALL of each listing's page, each read
 * through its own index as listTeaserRows would), returned list by list in the same order. A page
 * made of many blocks, like the front page, then pays one round trip for all of them.
 */
export async function listTeaserRowsMany(
  db: Db,
  lists: readonly { filter: TeaserFilter; limit: number }[],
  now: string = new Date().toISOString(),
): Promise<TeaserRow[][]> {
  if (lists.length === 0) return [];
  // The same lists on every render of a page: the statement is built once, only `now` changes.
  const rows = await executeReusable(db, `teaser-lists:${JSON.stringify(lists)}`, { now }, (value) => {
    const members = lists.map(({ filter, limit }, list) => {
      const { query, publishedAt, id } = filtered(db, filter, value('now'));
      const page = selectTeaserRows(query).select(sql.lit(list).as('list')).orderBy(publishedAt, 'desc').orderBy(id, 'desc').limit(limit);
      return db.selectFrom(page.as(`list_${list}`)).selectAll();
    });
    return members.slice(1).reduce((union, member) => union.unionAll(member), members[0]);
  });
  // A UNION ALL promises no order: each list is put back in its own (newest first, then id).
  const byList: TeaserRow[][] = lists.map(() => []);
  for (const { list, ...row } of rows) byList[Number(list)].push(row);
  for (const list of byList) list.sort((a, b) => compareInstants(b.published_at ?? '', a.published_at ?? '') || b.id - a.id);
  return byList;
}

/**
 * One page of the published articles matching the filter, and how many match counting no further
 * than `countAhead` rows past the page, in one pass: the page's ids and the ones after it are read
 * from the listing's index alone (no row of `articles` fetched for the rows skipped or counted),
 * then only the page's articles are loaded. A deep page skips its offset once, not twice.
 */
export async function listTeaserWindow(
  db: Db,
  filter: TeaserFilter,
  page: {
    limit: number;
    offset: number;
    countAhead: number;
    /**
     * The last article of the previous page, when known (the "next page" link carries it): the
     * page is then sought from that article's (published_at, id) in the listing's index instead of
     * skipping `offset` entries, so page 2,000 costs what page 2 does. `offset` still numbers it.
     */
    after?: number;
    /** With `after`: entries skipped past that article (a page sought from an anchor, listingAnchors). */
    skip?: number;
  },
  now: string = new Date().toISOString(),
  /** The app's memo: the page's teasers kept since their last change are not read again. */
  memo?: TaggedMemo,
): Promise<{ teasers: ArticleTeaser[]; counted: number }> {
  let bound = now;
  let cursor: { publishedAt: string; id: number } | undefined;
  if (page.after !== undefined) {
    // The link tables carry their article's published_at (decision 0005): the article's own is the key.
    const row = await db.selectFrom('articles').select('published_at').where('id', '=', page.after).executeTakeFirst();
    if (!row?.published_at) return { teasers: [], counted: 0 };
    cursor = { publishedAt: row.published_at, id: page.after };
    // The cursor's time is the walk's upper bound in the index (everything after it is older);
    // the public rule still applies to each article with that time as "now".
    if (cursor.publishedAt < now) bound = cursor.publishedAt;
  }
  // Built once per shape of filter (which fields, how many items per list) and per way in (offset
  // or cursor): a section's, a tag's or an author's pages differ only in their bound values.
  const binding = filterBinding(filter);
  const values: Record<string, unknown> = {
    ...binding.values,
    now: bound,
    offset: page.offset,
    limit: page.limit,
    take: page.limit + page.countAhead,
    cursorAt: cursor?.publishedAt ?? null,
    cursorId: cursor?.id ?? null,
    skip: page.skip ?? 0,
  };
  const way = cursor === undefined ? 'offset' : 'cursor';
  // The page's ids, each row carrying how many follow from the page's first (the page included, up
  // to `take`): one uncorrelated sub-query, run once, counts the look-ahead in the index without
  // handing its 200 ids to JavaScript.
  const rows = await executeReusable(db, `teaser-window:${binding.shape}:${way}`, values, (value) => {
    const window = () => {
      // A tag's or an author's page alone is walked in the link's index, no row of `articles` read.
      const link = linkOnly(db, filter, (name) => value(name), value('now'));
      const { query, publishedAt, id } = link ?? filtered(db, filter, bound, (name) => value(name));
      return (
        cursor === undefined
          ? query.offset(value('offset'))
          : query.where(sql<boolean>`(${publishedAt}, ${id}) < (${value('cursorAt')}, ${value('cursorId')})`).offset(value('skip'))
      )
        .select(id.as('id'))
        .orderBy(publishedAt, 'desc')
        .orderBy(id, 'desc');
    };
    const ahead = db.selectFrom(window().limit(value('take')).as('ahead')).select((eb) => eb.fn.countAll<number>().as('n'));
    return window().select(ahead.as('ahead')).limit(value('limit'));
  });
  const teasers = await teasersByIds(
    db,
    rows.map((r) => r.id),
    now,
    memo,
  );
  // Rows exist before the offset whenever this page has any: the count is exact up to the cap.
  return { teasers, counted: rows.length ? page.offset + Number(rows[0]!.ahead ?? 0) : 0 };
}

/**
 * The listing's anchors: the id of every `every`-th article, newest first (positions every - 1,
 * 2 × every - 1…), read in one walk of the listing's index. A page deep in a listing reached by its
 * number is then sought from the anchor before it (listTeaserWindow with `after` and `skip`)
 * instead of skipping every entry before it. Valid while the listing is unchanged: kept under its
 * content tags (site/teasers/teaser-page.ts), as the page cache keeps the pages themselves.
 */
export async function listingAnchors(
  db: Db,
  filter: TeaserFilter,
  every: number,
  now: string = new Date().toISOString(),
): Promise<number[]> {
  const binding = filterBinding(filter);
  const values: Record<string, unknown> = { ...binding.values, now, every };
  const rows = await executeReusable(db, `teaser-anchors:${binding.shape}`, values, (value) => {
    const link = linkOnly(db, filter, (name) => value(name), value('now'));
    const { query, publishedAt, id } = link ?? filtered(db, filter, now, (name) => value(name));
    const numbered = query.select([id.as('id'), sql<number>`row_number() over (order by ${publishedAt} desc, ${id} desc)`.as('position')]);
    return db
      .selectFrom(numbered.as('numbered'))
      .select('numbered.id')
      .where(sql<boolean>`numbered.position % ${value('every')} = 0`)
      .orderBy('numbered.position');
  });
  return rows.map((r) => Number(r.id));
}

/**
 * Published articles with the given ids, in the order of the ids. With the app's memo, the
 * teasers kept since their last change are taken as they are and only the others are read.
 */
export async function teasersByIds(
  db: Db,
  ids: number[],
  now: string = new Date().toISOString(),
  memo?: TaggedMemo,
): Promise<ArticleTeaser[]> {
  const read = async (wanted: number[]) => hydrate(db, await teaserRowsByIds(db, wanted, now));
  if (!memo) return read(ids);
  return (await keptTeasers(memo, ids, read)).filter((t): t is ArticleTeaser => t !== undefined);
}

/** The rows of teasersByIds (public articles with the given ids, in the order of the ids), not yet hydrated. */
export async function teaserRowsByIds(db: Db, ids: number[], now: string = new Date().toISOString()): Promise<TeaserRow[]> {
  if (ids.length === 0) return [];
  const { names, keys } = valueList('id', ids);
  const values: Record<string, unknown> = { ...names, now };
  const rows = await executeReusable(db, `teasers:${ids.length}`, values, (value) =>
    selectTeaserRows(
      db
        .selectFrom('articles')
        .where((eb) => isPublic(eb, value('now')))
        .where(
          'articles.id',
          'in',
          keys.map((key) => value(key)),
        ),
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is TeaserRow => r !== undefined);
}

/**
 * How many published articles match the filter (for pagination), counting no further than
 * `atMost`: a listing needs to know whether more pages follow, not the size of the archive.
 */
export async function countTeasers(
  db: Db,
  filter: TeaserFilter,
  now: string = new Date().toISOString(),
  atMost = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const { query } = filtered(db, filter, now);
  const row = await db
    .selectFrom(query.select('articles.id').limit(atMost).as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How `filtered` takes each value of a filter: as it is, or as executeReusable's stand-in of that name. */
type Bind = <T>(name: string, actual: T) => T;
const direct: Bind = (_name, actual) => actual;

/**
 * A filter's values by the names `filtered` binds them under (a list's items as name0, name1…),
 * and its shape: which fields are set and how long each list is, what changes the statement's text.
 */
function filterBinding(f: TeaserFilter): { values: Record<string, unknown>; shape: string } {
  const values: Record<string, unknown> = {};
  const shape: string[] = [];
  for (const [name, value] of Object.entries(f)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      value.forEach((item, i) => {
        values[`${name}${i}`] = item;
      });
      shape.push(`${name}[${value.length}]`);
    } else {
      values[name] = value;
      shape.push(name);
    }
  }
  return { values, shape: shape.sort().join(',') };
}

/**
 * The filtered query, and the columns that order it: a tag's or an author's articles are read from
 * the link table's (id, public_at, article_id) index, newest first, so a page costs the same
 * whatever the size of the archive; other filters use the articles indexes.
 */
function filtered(db: Db, f: TeaserFilter, now: string, bind: Bind = direct) {
  let q = db.selectFrom('articles').where((eb) => isPublic(eb, bind('now', now)));
  let order: 'articles' | 'tag_link' | 'author_link' = 'articles';
  const list = <T>(name: string, items: T[]) => items.map((item, i) => bind(`${name}${i}`, item));
  if (f.sectionId !== undefined) q = q.where('articles.section_id', '=', bind('sectionId', f.sectionId));
  if (f.format !== undefined) q = q.where('articles.format', '=', bind('format', f.format));
  if (f.formats?.length) q = q.where('articles.format', 'in', list('formats', f.formats));
  if (f.excludeFormats?.length) q = q.where('articles.format', 'not in', list('excludeFormats', f.excludeFormats));
  if (f.seriesId !== undefined) q = q.where('articles.series_id', '=', bind('seriesId', f.seriesId));
  if (f.since !== undefined) q = q.where('articles.published_at', '>=', bind('since', f.since));
  if (f.excludeIds?.length) q = q.where('articles.id', 'not in', list('excludeIds', f.excludeIds));
  if (f.tagId !== undefined) {
    const tagId = bind('tagId', f.tagId);
    order = 'tag_link';
    q = q
      .innerJoin('article_tags as tag_link', (join) =>
        join.onRef('tag_link.article_id', '=', 'articles.id').on('tag_link.tag_id', '=', tagId),
      )
      .where(isPublicLink('tag_link', bind('now', now))) as unknown as typeof q;
  }
  if (f.personId !== undefined) {
    const personId = bind('personId', f.personId);
    if (order === 'articles') {
      order = 'author_link';
      q = q
        .innerJoin('article_authors as author_link', (join) =>
          join.onRef('author_link.article_id', '=', 'articles.id').on('author_link.person_id', '=', personId),
        )
        .where(isPublicLink('author_link', bind('now', now))) as unknown as typeof q;
    } else {
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
  }
  return {
    query: q,
    publishedAt: sql.ref<string>(order === 'articles' ? 'articles.published_at' : `${order}.public_at`),
    id: sql.ref<number>(order === 'articles' ? 'articles.id' : `${order}.article_id`),
  };
}

/** A listing's query and the columns that order it (the window only filters, selects `id` and orders by them). */
type Walk = ReturnType<typeof filtered>;

/** The link tables a listing can walk alone: which table, under which alias, keyed by which column. */
const LINKS = {
  tagId: { table: 'article_tags', alias: 'tag_link', key: 'tag_id' },
  personId: { table: 'article_authors', alias: 'author_link', key: 'person_id' },
} as const;

/**
 * The public articles of one tag or one author, walked in the link table's (key, public_at,
 * article_id) index alone, no row of `articles` read: the link's copy of the public rule
 * (isPublicLink) stands for the article's. Order by `publishedAt` then `id`, both descending, to
 * read them newest first. `entity` is the tag's or the person's id (or its stand-in), `now` the
 * walk's bound. A listing's window and the related articles' per-tag walks both read this.
 */
export function linkWalk(db: Db, link: keyof typeof LINKS, entity: number, now: string): Walk {
  const { table, alias, key } = LINKS[link];
  return {
    query: db
      .selectFrom(`${table} as ${alias}` as 'article_tags as tag_link')
      .where(sql.ref(`${alias}.${key}`), '=', entity)
      .where(isPublicLink(alias, now)) as unknown as Walk['query'],
    publishedAt: sql.ref<string>(`${alias}.public_at`),
    id: sql.ref<number>(`${alias}.article_id`),
  };
}

/** A filter on a tag alone or an author alone, walked by linkWalk; undefined for any other filter. */
function linkOnly(db: Db, f: TeaserFilter, bind: Bind, now: string): Walk | undefined {
  const names = Object.keys(filterBinding(f).values);
  const link = names.length === 1 ? names[0] : undefined;
  if (link !== 'tagId' && link !== 'personId') return undefined;
  return linkWalk(db, link, bind(link, f[link]!), now);
}

/** An article as a teaser lists it, before hydration. */
export interface TeaserRow {
  id: number;
  slug: string;
  section_id: number;
  format: ArticleFormat;
  kicker: string;
  headline: string;
  lead: string;
  published_at: string | null;
  updated_at: string | null;
  hero_image_id: number | null;
  source_outlet: string | null;
  section_slug: string;
  section_name: string;
  /** Visible comments of the article's thread (null: no thread yet). */
  comment_count: number | null;
}

/**
 * Several lists of rows hydrated together (two queries in all), each list kept in its order. With
 * the app's memo, a row whose teaser is kept takes it (authors, picture and card already read).
 */
export async function hydrateTeaserLists(db: Db, lists: readonly TeaserRow[][], memo?: TaggedMemo): Promise<ArticleTeaser[][]> {
  const rows = lists.flat();
  let teasers: ArticleTeaser[];
  if (memo) {
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const kept = await keptTeasers(
      memo,
      rows.map((r) => r.id),
      (ids) =>
        hydrate(
          db,
          ids.map((id) => rowsById.get(id)!),
        ),
    );
    teasers = kept.map((t) => t!);
  } else teasers = await hydrate(db, rows);
  let start = 0;
  return lists.map((list) => {
    start += list.length;
    return teasers.slice(start - list.length, start);
  });
}

/**
 * Adds the authors and the hero images in two queries, whatever the number of articles; the comment
 * counts came with the rows (selectTeaserRows), shown only while comments are open.
 */
async function hydrate(db: Db, rows: TeaserRow[]): Promise<ArticleTeaser[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.id))];
  const articles = valueList('article', ids);
  const imageIds = [...new Set(rows.map((r) => r.hero_image_id).filter((id): id is number => id !== null))];
  const [authors, countsShown, imagesById] = await Promise.all([
    executeReusable(db, `teaser-authors:${ids.length}`, articles.names, (value) =>
      db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .where(
          'article_authors.article_id',
          'in',
          articles.keys.map((key) => value(key)),
        )
        .select(['article_authors.article_id', 'people.id', 'people.name', 'people.slug'])
        .orderBy('article_authors.article_id')
        .orderBy('article_authors.position'),
    ),
    commentCountsShown(db),
    getImagesByIds(db, imageIds),
  ]);
  const authorsByArticle = new Map<number, ArticleTeaser['authors']>();
  for (const a of authors) {
    let list = authorsByArticle.get(a.article_id);
    if (!list) {
      list = [];
      authorsByArticle.set(a.article_id, list);
    }
    list.push({ id: a.id, name: a.name, slug: a.slug });
  }
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    sectionSlug: r.section_slug,
    sectionName: r.section_name,
    format: r.format,
    kicker: r.kicker,
    headline: r.headline,
    lead: r.lead,
    publishedAt: r.published_at ?? '',
    updatedAt: r.updated_at,
    heroImage: r.hero_image_id === null ? null : (imagesById.get(r.hero_image_id) ?? null),
    authors: authorsByArticle.get(r.id) ?? [],
    sourceOutlet: r.source_outlet,
    commentCount: countsShown ? Number(r.comment_count ?? 0) : 0,
  }));
}

/** The public path of an article. */
export function articlePath(a: { sectionSlug: string; slug: string }): string {
  return `/${a.sectionSlug}/${a.slug}`;
}
