import { sql } from 'kysely';
import { isPublic } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';

/** A series (rendez-vous) with the number of its published episodes. */
export interface SeriesSummary {
  id: number;
  slug: string;
  sectionId: number | null;
  title: string;
  description: string;
  cadence: string;
  articleCount: number;
  /** Publication time of the latest published episode, or null. */
  latestAt: string | null;
}

function seriesWithCounts(db: Db, now: string) {
  return db.selectFrom('series').select([
    'series.id',
    'series.slug',
    'series.section_id',
    'series.title',
    'series.description',
    'series.cadence',
    (eb) =>
      eb
        .selectFrom('articles')
        .whereRef('articles.series_id', '=', 'series.id')
        .where((e) => isPublic(e, now))
        .select(sql<number>`count(*)`.as('n'))
        .as('article_count'),
    (eb) =>
      eb
        .selectFrom('articles')
        .whereRef('articles.series_id', '=', 'series.id')
        .where((e) => isPublic(e, now))
        .select((e) => e.fn.max('articles.published_at').as('latest'))
        .as('latest_at'),
  ]);
}

type SeriesRow = {
  id: number;
  slug: string;
  section_id: number | null;
  title: string;
  description: string;
  cadence: string;
  article_count: unknown;
  latest_at: string | null;
};

function toSummary(r: SeriesRow): SeriesSummary {
  return {
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    title: r.title,
    description: r.description,
    cadence: r.cadence,
    articleCount: Number(r.article_count ?? 0),
    latestAt: r.latest_at,
  };
}

/** Series, the most recently updated first, optionally of one section. */
export async function listSeries(
  db: Db,
  opts: { sectionId?: number; limit?: number } = {},
  now = new Date().toISOString(),
): Promise<SeriesSummary[]> {
  let q = seriesWithCounts(db, now);
  if (opts.sectionId !== undefined) q = q.where('series.section_id', '=', opts.sectionId);
  const rows = await q
    .orderBy('series.title')
    .limit(opts.limit ?? 50)
    .execute();
  // Most recently active first; series without any episode yet go last.
  return rows.map(toSummary).sort((a, b) => (b.latestAt ?? '').localeCompare(a.latestAt ?? '') || a.title.localeCompare(b.title, 'fr'));
}

/** The series with this slug, or undefined. */
export async function findSeriesBySlug(db: Db, slug: string, now = new Date().toISOString()): Promise<SeriesSummary | undefined> {
  const row = await seriesWithCounts(db, now).where('series.slug', '=', slug).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** "chaque lundi" → "Chaque lundi": the cadence as a line of its own. */
export function cadenceLabel(cadence: string): string {
  const text = cadence.trim();
  return text ? text[0].toLocaleUpperCase('fr') + text.slice(1) : '';
}
