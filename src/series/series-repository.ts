import { compareInstants } from '../core/text/dates.ts';
import { isPublic } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';

/** A series (rendez-vous) with the date of its latest published episode. */
export interface SeriesSummary {
  id: number;
  slug: string;
  sectionId: number | null;
  title: string;
  description: string;
  cadence: string;
  /** Publication time of the latest published episode, or null. */
  latestAt: string | null;
}

const SERIES_COLUMNS = ['series.id', 'series.slug', 'series.section_id', 'series.title', 'series.description', 'series.cadence'] as const;

/**
 * The series columns and each one's latest public episode: a `max` that both engines read from the
 * end of the (series_id, status, published_at) index whatever the number of episodes (counting
 * them would read every one: a weekly column has a thousand after twenty years).
 */
function seriesQuery(db: Db, now: string) {
  return db
    .selectFrom('series')
    .select(SERIES_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('articles')
        .select((sub) => sub.fn.max('articles.published_at').as('latest'))
        .whereRef('articles.series_id', '=', 'series.id')
        .where((sub) => isPublic(sub, now))
        .as('latest_at'),
    );
}

function toSummary(r: {
  id: number;
  slug: string;
  section_id: number | null;
  title: string;
  description: string;
  cadence: string;
  latest_at: string | null;
}): SeriesSummary {
  return {
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    title: r.title,
    description: r.description,
    cadence: r.cadence,
    latestAt: r.latest_at ?? null,
  };
}

/** Series, the most recently updated first, optionally of one section. */
export async function listSeries(
  db: Db,
  opts: { sectionId?: number; limit?: number } = {},
  now = new Date().toISOString(),
): Promise<SeriesSummary[]> {
  let q = seriesQuery(db, now);
  if (opts.sectionId !== undefined) q = q.where('series.section_id', '=', opts.sectionId);
  const rows = await q
    .orderBy('series.title')
    .limit(opts.limit ?? 50)
    .execute();
  // Most recently active first; series without any episode yet go last.
  return rows.map(toSummary).sort((a, b) => compareInstants(b.latestAt ?? '', a.latestAt ?? '') || a.title.localeCompare(b.title, 'fr'));
}

/** The series with this slug, or undefined. */
export async function findSeriesBySlug(db: Db, slug: string, now = new Date().toISOString()): Promise<SeriesSummary | undefined> {
  // Built once (executeReusable): only the series and the time are bound.
  const [row] = await executeReusable(db, 'series:slug', { slug, now }, (value) =>
    seriesQuery(db, value('now')).where('series.slug', '=', value('slug')),
  );
  return row ? toSummary(row) : undefined;
}

/** "chaque lundi" → "Chaque lundi": the cadence as a line of its own. */
export function cadenceLabel(cadence: string): string {
  const text = cadence.trim();
  return text ? text[0].toLocaleUpperCase('fr') + text.slice(1) : '';
}
