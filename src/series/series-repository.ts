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

const SERIES_COLUMNS = ['series.id', 'series.slug', 'series.section_id', 'series.title', 'series.description', 'series.cadence'] as const;

type SeriesRow = {
  id: number;
  slug: string;
  section_id: number | null;
  title: string;
  description: string;
  cadence: string;
};

/**
 * Adds the published episodes' count and latest date in one grouped query over the series index
 * (series_id, status, published_at), instead of two sub-queries per series.
 */
async function withEpisodes(db: Db, rows: SeriesRow[], now: string): Promise<SeriesSummary[]> {
  if (rows.length === 0) return [];
  const stats = await db
    .selectFrom('articles')
    .select(['articles.series_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('articles.published_at').as('latest')])
    .where(
      'articles.series_id',
      'in',
      rows.map((r) => r.id),
    )
    .where((eb) => isPublic(eb, now))
    .groupBy('articles.series_id')
    .execute();
  const bySeries = new Map(stats.map((s) => [s.series_id, s]));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    title: r.title,
    description: r.description,
    cadence: r.cadence,
    articleCount: Number(bySeries.get(r.id)?.n ?? 0),
    latestAt: bySeries.get(r.id)?.latest ?? null,
  }));
}

/** Series, the most recently updated first, optionally of one section. */
export async function listSeries(
  db: Db,
  opts: { sectionId?: number; limit?: number } = {},
  now = new Date().toISOString(),
): Promise<SeriesSummary[]> {
  let q = db.selectFrom('series').select(SERIES_COLUMNS);
  if (opts.sectionId !== undefined) q = q.where('series.section_id', '=', opts.sectionId);
  const rows = await q
    .orderBy('series.title')
    .limit(opts.limit ?? 50)
    .execute();
  // Most recently active first; series without any episode yet go last.
  return (await withEpisodes(db, rows, now)).sort(
    (a, b) => (b.latestAt ?? '').localeCompare(a.latestAt ?? '') || a.title.localeCompare(b.title, 'fr'),
  );
}

/** The series with this slug, or undefined. */
export async function findSeriesBySlug(db: Db, slug: string, now = new Date().toISOString()): Promise<SeriesSummary | undefined> {
  const row = await db.selectFrom('series').select(SERIES_COLUMNS).where('series.slug', '=', slug).executeTakeFirst();
  return row ? (await withEpisodes(db, [row], now))[0] : undefined;
}

/** "chaque lundi" → "Chaque lundi": the cadence as a line of its own. */
export function cadenceLabel(cadence: string): string {
  const text = cadence.trim();
  return text ? text[0].toLocaleUpperCase('fr') + text.slice(1) : '';
}
