import {
  type ArticleTeaser,
  hydrateTeaserLists,
  listTeaserRowsMany,
  type TeaserRow,
  teaserRowsByIds,
} from '../articles/teaser-repository.ts';
import { memoized, type TaggedMemo } from '../core/cache/tagged-memo.ts';
import type { Db } from '../core/db/database.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { type DossierSummary, listDossiers } from '../dossiers/dossier-repository.ts';
import { listSections, type Section } from '../sections/section-repository.ts';
import { listSeries, type SeriesSummary } from '../series/series-repository.ts';
import { parisDay } from '../site/teasers/paris-day.ts';

/**
 * Sections that get a block on the front page, in order. Editors choose the lead and top stories
 * (home_slots, /admin/une); the section blocks follow this fixed list, a missing slug is skipped.
 */
export const HOME_SECTION_SLUGS = ['international', 'politique', 'economie', 'societe', 'decryptages', 'light'] as const;

/** How many top stories follow the lead; the editors' slots 1…TOP_STORIES fill them first. */
export const TOP_STORIES = 4;
const SECTION_BLOCK_SIZE = 4;
const MEDIA_BLOCK_SIZE = 3;
const DEPECHES = 6;
const PEPITES_MAX = 8;
const DOSSIERS = 3;
/** The front page's content tag: every change of its slots, sections, dossiers, series or articles invalidates it. */
export const HOME_TAG = 'home';
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
 * Loads the front page in few round trips (each is costly on PostgreSQL): every list's rows, the
 * section blocks' included, in one statement as soon as the sections are known, beside the
 * editors' picks, dossiers and series; then the authors, images and comment counts of all the
 * teasers together. A section block leaves out the stories shown at the
 * top: it reads as many more rows as there are top places, and drops those stories itself.
 * With a memo (the page's render), the sections, the editors' slots, dossiers and series are read
 * once per change of the front page (its `home` tag, which every change of them invalidates).
 */
export async function loadHome(db: Db, now = new Date().toISOString(), memo?: TaggedMemo): Promise<HomeData> {
  const shownAtMost = 1 + TOP_STORIES;
  // Every list of teasers in one statement, once the sections (for their blocks) are known.
  const listsOf = async (sections: Section[]) => {
    const bySlug = new Map(sections.map((s) => [s.slug, s]));
    const blockSections = HOME_SECTION_SLUGS.map((slug) => bySlug.get(slug)).filter((s): s is Section => s !== undefined);
    const lists = await listTeaserRowsMany(
      db,
      [
        { filter: { formats: ['decryptage', 'actualite'] }, limit: 12 },
        // Enough to fill every top place even when the editors' picks are among the newest.
        { filter: { excludeFormats: OWN_BLOCK_FORMATS }, limit: 2 * TOP_STORIES + 2 },
        { filter: { format: 'pepite' }, limit: PEPITES_MAX },
        { filter: { format: 'depeche' }, limit: DEPECHES },
        { filter: { format: 'video' }, limit: MEDIA_BLOCK_SIZE },
        { filter: { format: 'podcast' }, limit: MEDIA_BLOCK_SIZE },
        ...blockSections.map((s) => ({
          filter: { sectionId: s.id, excludeFormats: OWN_BLOCK_FORMATS },
          limit: SECTION_BLOCK_SIZE + shownAtMost,
        })),
      ],
      now,
    );
    return { lists: lists.slice(0, 6), blocks: blockSections.map((section, i) => ({ section, rows: lists[6 + i] })) };
  };
  const [{ lists, blocks }, slots, dossiers, series] = await Promise.all([
    memoized(
      memo,
      'home:sections',
      () => [HOME_TAG],
      () => listSections(db),
    ).then(listsOf),
    loadEditorsPickRows(db, now, memo),
    memoized(
      memo,
      'home:dossiers',
      (list) => [HOME_TAG, ...list.map((d) => `dossier:${d.id}`)],
      () => listDossiers(db, { limit: DOSSIERS }, now),
    ),
    memoized(
      memo,
      'home:series',
      (list) => [HOME_TAG, ...list.map((s) => `series:${s.id}`)],
      () => listSeries(db, { limit: SERIES }, now),
    ),
  ]);
  const [picked, leadCandidates, topCandidates, pepiteCandidates, depeches, videos, podcasts, ...blockTeasers] = await hydrateTeaserLists(
    db,
    [slots.rows, ...lists, ...blocks.map((b) => b.rows)],
    memo,
  );

  const { lead, top } = chooseTopStories(editorsPicks(slots.positions, picked), leadCandidates, topCandidates);
  const shown = new Set([lead, ...top].filter((t): t is ArticleTeaser => t !== null).map((t) => t.id));
  const sectionBlocks = blocks
    .map((block, i) => ({ section: block.section, teasers: blockTeasers[i].filter((t) => !shown.has(t.id)).slice(0, SECTION_BLOCK_SIZE) }))
    .filter((b) => b.teasers.length > 0);

  const today = parisDay(now);
  const pepiteDay = pepiteCandidates[0] ? parisDay(pepiteCandidates[0].publishedAt) : null;
  const pepites = {
    day: pepiteDay,
    isToday: pepiteDay === today,
    teasers: pepiteCandidates.filter((t) => parisDay(t.publishedAt) === pepiteDay),
  };

  return { lead, top, sectionBlocks, pepites, depeches, videos, podcasts, dossiers, series, today };
}

/** The editors' picks (home_slots) that are public now: the lead (position 0) and the top stories in order. */
export interface EditorsPicks {
  lead: ArticleTeaser | null;
  top: ArticleTeaser[];
}

/** home_slots in order, and the rows of the slotted articles still public (a withdrawn or scheduled one is skipped). */
async function loadEditorsPickRows(
  db: Db,
  now: string,
  memo?: TaggedMemo,
): Promise<{ positions: { position: number; article_id: number }[]; rows: TeaserRow[] }> {
  const positions = await memoized(
    memo,
    'home:slots',
    () => [HOME_TAG],
    () => db.selectFrom('home_slots').select(['position', 'article_id']).orderBy('position').execute(),
  );
  const rows = await teaserRowsByIds(
    db,
    positions.map((s) => s.article_id),
    now,
  );
  return { positions, rows };
}

/** The lead (position 0) and the top stories in the slots' order, from the slotted articles still public. */
function editorsPicks(slots: readonly { position: number; article_id: number }[], teasers: readonly ArticleTeaser[]): EditorsPicks {
  if (slots.length === 0) return { lead: null, top: [] };
  const byId = new Map(teasers.map((t) => [t.id, t]));
  const leadSlot = slots.find((s) => s.position === 0);
  const lead = leadSlot ? (byId.get(leadSlot.article_id) ?? null) : null;
  const top = slots
    .filter((s) => s.position > 0)
    .map((s) => byId.get(s.article_id))
    .filter((t): t is ArticleTeaser => t !== undefined && t.id !== lead?.id);
  return { lead, top };
}

/**
 * The lead and top stories: the editors' picks first, the automatic choice for any place they
 * left empty (or whose article is no longer public). No story appears twice.
 */
export function chooseTopStories(
  picks: EditorsPicks,
  leadCandidates: readonly ArticleTeaser[],
  topCandidates: readonly ArticleTeaser[],
): { lead: ArticleTeaser | null; top: ArticleTeaser[] } {
  const picked = new Set(picks.top.map((t) => t.id));
  // Without a pick, the lead is the latest analysis or news story that has a picture to carry the page.
  const automaticLeads = leadCandidates.filter((t) => !picked.has(t.id));
  const lead =
    picks.lead ??
    automaticLeads.find((t) => t.heroImage !== null) ??
    automaticLeads[0] ??
    topCandidates.find((t) => !picked.has(t.id)) ??
    picks.top[0] ??
    null;
  const top = picks.top.filter((t) => t.id !== lead?.id).slice(0, TOP_STORIES);
  for (const t of topCandidates) {
    if (top.length >= TOP_STORIES) break;
    if (t.id !== lead?.id && !top.some((x) => x.id === t.id)) top.push(t);
  }
  return { lead, top };
}
