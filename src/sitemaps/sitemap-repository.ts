import { sql } from 'kysely';
import type { Db, Dialect } from '../core/db/database.ts';
import type { Database } from '../core/db/schema.ts';
import { isPublic } from '../articles/published.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { getImagesByIds } from '../images/image-repository.ts';

/** A month of publication with how many public articles it has and its last change. */
export interface ArticleMonth {
  month: string;
  count: number;
  lastmod: string;
}

/** One article as a sitemap lists it. */
export interface SitemapArticle {
  id: number;
  slug: string;
  sectionSlug: string;
  headline: string;
  publishedAt: string;
  lastmod: string;
  heroImage: ImageRecord | null;
}

/** An address with the date its content last changed. */
export interface SitemapEntry {
  path: string;
  lastmod: string | null;
}

// The UTC month of publication ("2026-11"): text on SQLite, timestamptz on PostgreSQL.
const monthOf = (dialect: Dialect) =>
  dialect === 'postgres'
    ? sql<string>`to_char(articles.published_at at time zone 'UTC', 'YYYY-MM')`
    : sql<string>`substr(articles.published_at, 1, 7)`;
const lastChange = sql<string>`max(coalesce(articles.updated_at, articles.published_at))`;

/**
 * The months that have public articles, newest first: read from sitemap_months (kept by triggers
 * on articles: a row per month, not a pass over the archive). A month's lastmod is when its list
 * last changed (an article entered, changed or left it). A month that holds a published article
 * whose time has not come (usually none; found on articles_status_changes) is counted from that
 * index over the month alone, so the waiting article neither counts nor dates it.
 */
export async function listArticleMonths(db: Db, dialect: Dialect, now: string): Promise<ArticleMonth[]> {
  const month = monthOf(dialect);
  const [months, ahead] = await Promise.all([
    db.selectFrom('sitemap_months').select(['month', 'articles', 'lastmod']).where('articles', '>', 0).orderBy('month', 'desc').execute(),
    db
      .selectFrom('articles')
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '>', now)
      .select(month.as('month'))
      .distinct()
      .execute(),
  ]);
  const live = new Map<string, { count: number; lastmod: string | null }>();
  for (const { month: key } of ahead) {
    const { start, end } = monthRange(key);
    const row = await db
      .selectFrom('articles')
      .where((eb) => isPublic(eb, now))
      .where('articles.published_at', '>=', start)
      .where('articles.published_at', '<', end)
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(coalesce(articles.updated_at, articles.published_at))`.as('lastmod')])
      .executeTakeFirstOrThrow();
    live.set(key, { count: Number(row.n), lastmod: row.lastmod });
  }
  return months
    .map((r) => {
      const counted = live.get(r.month);
      return { month: r.month, count: counted?.count ?? r.articles, lastmod: counted?.lastmod ?? r.lastmod };
    })
    .filter((m) => m.count > 0);
}

// The first instant of a UTC month ("2026-11") and of the next, ISO.
function monthRange(monthKey: string): { start: string; end: string } {
  const [year, m] = monthKey.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, m - 1, 1)).toISOString(), end: new Date(Date.UTC(year, m, 1)).toISOString() };
}

/** The lists of the sitemap index other than months: a list's newest change, without listing it. */
export type ListFootprint = 'any' | 'authors' | 'tags' | 'series';

const changedAt = sql<string>`coalesce(articles.updated_at, articles.published_at)`;

/**
 * The last change of a public article that a list counts (any article for sections; one signed
 * by someone, tagged, or in a series), or null when there is none: the public articles are read
 * newest change first from articles_status_changed until one belongs, usually the first.
 */
export async function newestPublicChange(db: Db, dialect: Dialect, now: string, footprint: ListFootprint): Promise<string | null> {
  // SQLite would rather range over articles_status_changes by publication date, then sort them all.
  const articles =
    dialect === 'postgres'
      ? sql<Database['articles']>`articles`.as<'articles'>(sql`articles`)
      : sql<Database['articles']>`articles`.as<'articles'>(sql`articles indexed by articles_status_changed`);
  let q = db
    .selectFrom(articles)
    .select(changedAt.as('lastmod'))
    .where((eb) => isPublic(eb, now));
  if (footprint === 'authors')
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id'),
      ),
    );
  if (footprint === 'tags')
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id').whereRef('article_tags.article_id', '=', 'articles.id')),
    );
  if (footprint === 'series') q = q.where('articles.series_id', 'is not', null);
  const row = await q.orderBy(changedAt, 'desc').limit(1).executeTakeFirst();
  return row?.lastmod ?? null;
}

/** Rows of a table a list is drawn from (an upper bound of its entries). */
export async function countRows(db: Db, table: 'sections' | 'people' | 'tags' | 'series'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Public articles of one month (e.g. "2026-11"), oldest first, `limit` from `offset`: a range
 * query on the status + published_at index, so a month costs the same at any archive size.
 */
export async function listMonthArticles(
  db: Db,
  monthKey: string,
  now: string,
  page: { limit: number; offset: number },
): Promise<SitemapArticle[]> {
  const { start, end } = monthRange(monthKey);
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where((eb) => isPublic(eb, now))
    .where('articles.published_at', '>=', start)
    .where('articles.published_at', '<', end)
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.published_at',
      'articles.updated_at',
      'articles.hero_image_id',
      'sections.slug as section_slug',
    ])
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return withImages(db, rows);
}

/** Public articles published since `since` (the news sitemap), newest first. */
export async function listRecentArticles(db: Db, since: string, now: string, limit: number): Promise<SitemapArticle[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .where((eb) => isPublic(eb, now))
    .where('articles.published_at', '>=', since)
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.published_at',
      'articles.updated_at',
      'articles.hero_image_id',
      'sections.slug as section_slug',
    ])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return withImages(db, rows);
}

interface ArticleRow {
  id: number;
  slug: string;
  headline: string;
  published_at: string | null;
  updated_at: string | null;
  hero_image_id: number | null;
  section_slug: string;
}

async function withImages(db: Db, rows: ArticleRow[]): Promise<SitemapArticle[]> {
  const images = await getImagesByIds(db, [...new Set(rows.flatMap((r) => (r.hero_image_id === null ? [] : [r.hero_image_id])))]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionSlug: r.section_slug,
    headline: r.headline,
    publishedAt: r.published_at ?? '',
    lastmod: r.updated_at ?? r.published_at ?? '',
    heroImage: r.hero_image_id === null ? null : (images.get(r.hero_image_id) ?? null),
  }));
}

/** Sections, each with the last change of its public articles. */
export async function listSectionEntries(db: Db, now: string): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db
    .selectFrom('sections')
    .leftJoin('articles', (join) => join.onRef('articles.section_id', '=', 'sections.id').on((eb) => isPublic(eb, now)))
    .select(['sections.id', 'sections.slug', lastChange.as('lastmod')])
    .groupBy(['sections.id', 'sections.slug'])
    .orderBy('sections.position')
    .orderBy('sections.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: `/${r.slug}`, lastmod: r.lastmod }));
}

/** People who sign at least one public article, with their last article's change. */
export async function listAuthorEntries(db: Db, now: string): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('article_authors', 'article_authors.person_id', 'people.id')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .where((eb) => isPublic(eb, now))
    .select(['people.id', 'people.slug', lastChange.as('lastmod')])
    .groupBy(['people.id', 'people.slug'])
    .orderBy('people.slug')
    .execute();
  return rows.map((r) => ({ id: r.id, path: `/auteur/${r.slug}`, lastmod: r.lastmod }));
}

/** Tags on at least one public article. */
export async function listTagEntries(db: Db, now: string): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where((eb) => isPublic(eb, now))
    .select(['tags.id', 'tags.slug', lastChange.as('lastmod')])
    .groupBy(['tags.id', 'tags.slug'])
    .orderBy('tags.slug')
    .execute();
  return rows.map((r) => ({ id: r.id, path: `/sujet/${r.slug}`, lastmod: r.lastmod }));
}

/** Published dossiers, dated by their last article change (or their own publication). */
export async function listDossierEntries(db: Db, now: string): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db
    .selectFrom('dossiers')
    .leftJoin('dossier_articles', 'dossier_articles.dossier_id', 'dossiers.id')
    .leftJoin('articles', (join) => join.onRef('articles.id', '=', 'dossier_articles.article_id').on((eb) => isPublic(eb, now)))
    .where('dossiers.published_at', 'is not', null)
    .where('dossiers.published_at', '<=', now)
    .select(['dossiers.id', 'dossiers.slug', 'dossiers.published_at', lastChange.as('lastmod')])
    .groupBy(['dossiers.id', 'dossiers.slug', 'dossiers.published_at'])
    .orderBy('dossiers.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: `/dossier/${r.slug}`, lastmod: latest(r.lastmod, r.published_at) }));
}

/** Series with at least one public episode. */
export async function listSeriesEntries(db: Db, now: string): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db
    .selectFrom('series')
    .innerJoin('articles', 'articles.series_id', 'series.id')
    .where((eb) => isPublic(eb, now))
    .select(['series.id', 'series.slug', lastChange.as('lastmod')])
    .groupBy(['series.id', 'series.slug'])
    .orderBy('series.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: `/serie/${r.slug}`, lastmod: r.lastmod }));
}

/** Static pages (about, legal notice…) and the feeds page. */
export async function listPageEntries(db: Db): Promise<(SitemapEntry & { id: number })[]> {
  const rows = await db.selectFrom('pages').select(['id', 'slug', 'updated_at']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, path: `/${r.slug}`, lastmod: r.updated_at }));
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
