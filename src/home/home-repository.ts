import { type ArticleTeaser, listTeasers } from '../articles/teaser-repository.ts';
import type { Db } from '../core/db/database.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { type DossierSummary, listDossiers } from '../dossiers/dossier-repository.ts';
import { listSections, type Section } from '../sections/section-repository.ts';
import { listSeries, type SeriesSummary } from '../series/series-repository.ts';
import { parisDay } from '../site/teasers/paris-day.ts';

/**
 * Sections that get a block on the front page, in order. Until the editors can curate the home
 * page (a later issue), the choice is fixed here; a missing slug is simply skipped.
 */
export const HOME_SECTION_SLUGS = ['international', 'politique', 'economie', 'societe', 'decryptages', 'light'] as const;

const TOP_STORIES = 4;
const SECTION_BLOCK_SIZE = 4;
const MEDIA_BLOCK_SIZE = 3;
const DEPECHES = 6;
const PEPITES_MAX = 8;
const DOSSIERS = 3;
const SERIES = 4;

/** Formats that have their own blocks (wire, picks, media) and so stay out of the main and section blocks. */
const OWN_BLOCK_FORMATS: ArticleFormat[] = ['pepite', 'depeche', 'video', 'podcast'];

/** Everything the front page shows. */
export interface HomeData {
  lead: ArticleTeaser | null;
  top: ArticleTeaser[];
  sectionBlocks: { section: Section; teasers: ArticleTeaser[] }[];
  /** The pépites of one Paris day: today's, else the latest day that had some. */
  pepites: { day: string | null; isToday: boolean; teasers: ArticleTeaser[] };
  depeches: ArticleTeaser[];
  videos: ArticleTeaser[];
  podcasts: ArticleTeaser[];
  dossiers: DossierSummary[];
  series: SeriesSummary[];
  /** Paris calendar day of the rendering, "2026-11-26". */
  today: string;
}

/**
 * Loads the front page in two rounds of parallel queries: every independent block first, then
 * the section blocks, which must leave out the stories already shown at the top.
 */
export async function loadHome(db: Db, now = new Date().toISOString()): Promise<HomeData> {
  const [sections, leadCandidates, topCandidates, pepiteCandidates, depeches, videos, podcasts, dossiers, series] = await Promise.all([
    listSections(db),
    listTeasers(db, { formats: ['decryptage', 'actualite'] }, { limit: 12 }, now),
    listTeasers(db, { excludeFormats: OWN_BLOCK_FORMATS }, { limit: TOP_STORIES + 1 }, now),
    listTeasers(db, { format: 'pepite' }, { limit: PEPITES_MAX }, now),
    listTeasers(db, { format: 'depeche' }, { limit: DEPECHES }, now),
    listTeasers(db, { format: 'video' }, { limit: MEDIA_BLOCK_SIZE }, now),
    listTeasers(db, { format: 'podcast' }, { limit: MEDIA_BLOCK_SIZE }, now),
    listDossiers(db, { limit: DOSSIERS }, now),
    listSeries(db, { limit: SERIES }, now),
  ]);

  // The lead is the latest analysis or news story that has a picture to carry the page.
  const lead = leadCandidates.find((t) => t.heroImage !== null) ?? leadCandidates[0] ?? topCandidates[0] ?? null;
  const top = topCandidates.filter((t) => t.id !== lead?.id).slice(0, TOP_STORIES);
  const shown = [lead, ...top].filter((t): t is ArticleTeaser => t !== null).map((t) => t.id);

  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  const blockSections = HOME_SECTION_SLUGS.map((slug) => bySlug.get(slug)).filter((s): s is Section => s !== undefined);
  const blockTeasers = await Promise.all(
    blockSections.map((s) => listTeasers(db, { sectionId: s.id, excludeFormats: OWN_BLOCK_FORMATS, excludeIds: shown }, { limit: SECTION_BLOCK_SIZE }, now)),
  );
  const sectionBlocks = blockSections.map((section, i) => ({ section, teasers: blockTeasers[i] })).filter((b) => b.teasers.length > 0);

  const today = parisDay(now);
  const pepiteDay = pepiteCandidates[0] ? parisDay(pepiteCandidates[0].publishedAt) : null;
  const pepites = {
    day: pepiteDay,
    isToday: pepiteDay === today,
    teasers: pepiteCandidates.filter((t) => parisDay(t.publishedAt) === pepiteDay),
  };

  return { lead, top, sectionBlocks, pepites, depeches, videos, podcasts, dossiers, series, today };
}
