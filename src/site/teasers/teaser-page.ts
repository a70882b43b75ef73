import { type ArticleTeaser, countTeasers, listingAnchors, listTeaserWindow, type TeaserFilter } from '../../articles/teaser-repository.ts';
import type { TaggedMemo } from '../../core/cache/tagged-memo.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/app-error.ts';
import { PAGE_SIZE, pageWindow } from './pagination.ts';

/** One page of a paginated teaser listing. */
export interface TeaserPage {
  teasers: ArticleTeaser[];
  /** Matching articles, exact when `more` is false; else a lower bound ("plus de …"). */
  total: number;
  /** True when the listing goes on beyond `pageCount` pages (not counted further). */
  more: boolean;
  page: number;
  pageCount: number;
  /** The last article shown, for the "next page" link to seek from (null on the last page). */
  nextAfter: number | null;
}

/** Pages counted beyond the one shown: enough for the pagination bar, without counting the whole archive. */
const PAGES_AHEAD = 10;

/** A listing's anchors are this many entries apart (ten pages): a deep page by number skips fewer. */
const ANCHOR_EVERY = 200;

/**
 * The content tags under which a listing's anchors stay valid: every change of an article in it
 * invalidates them (articleCacheTags), as for the listing's cached pages. None: not kept.
 */
function listingTags(filter: TeaserFilter): string[] {
  const { sectionId, tagId, personId, seriesId, ...rest } = filter;
  if (Object.values(rest).some((v) => v !== undefined)) return [];
  return [
    ...(sectionId === undefined ? [] : [`section:${sectionId}`]),
    ...(tagId === undefined ? [] : [`tag:${tagId}`]),
    ...(personId === undefined ? [] : [`person:${personId}`]),
    ...(seriesId === undefined ? [] : [`series:${seriesId}`]),
  ];
}

/**
 * Loads page `page` of the articles matching `filter`; 404 beyond the last page. With `after` (the
 * last article of page - 1, carried by that page's "next" link), the page is sought from it through
 * the index instead of skipping the pages before: a reader or a crawler walking an archive page by
 * page pays the same for page 2,000 as for page 2. A stale or foreign `after` that leads nowhere
 * falls back to the page number, which stays the page's address (canonical).
 */
export async function loadTeaserPage(
  db: Db,
  filter: TeaserFilter,
  page: number,
  now = new Date().toISOString(),
  after?: number,
  /** Where a listing's anchors and its teasers are kept (the app's memo); without it, a deep page skips its offset. */
  memo?: TaggedMemo,
): Promise<TeaserPage> {
  const offset = (page - 1) * PAGE_SIZE;
  // An absurd page number only needs the count (and is then missing).
  if (!Number.isSafeInteger(offset)) {
    pageWindow(await countTeasers(db, filter, now, Number.MAX_SAFE_INTEGER), page);
    throw AppError.notFound();
  }
  const atMost = offset + PAGE_SIZE * PAGES_AHEAD + 1;
  const window = { limit: PAGE_SIZE, offset, countAhead: PAGE_SIZE * (PAGES_AHEAD - 1) + 1 };
  let found = after !== undefined && page > 1 ? await listTeaserWindow(db, filter, { ...window, after }, now, memo) : null;
  // A deep page reached by its number: sought from the anchor before it, skipping fewer than
  // ANCHOR_EVERY entries, rather than all the entries before it.
  if (!found?.teasers.length && memo && offset >= ANCHOR_EVERY) {
    const tags = listingTags(filter);
    const anchors = tags.length
      ? await memo.get(
          `anchors:${JSON.stringify(filter)}`,
          () => tags,
          () => listingAnchors(db, filter, ANCHOR_EVERY, now),
        )
      : [];
    const before = Math.floor(offset / ANCHOR_EVERY);
    const anchor = anchors[before - 1];
    if (anchor !== undefined)
      found = await listTeaserWindow(db, filter, { ...window, after: anchor, skip: offset - before * ANCHOR_EVERY }, now, memo);
  }
  if (!found?.teasers.length) found = await listTeaserWindow(db, filter, window, now, memo);
  const { teasers, counted } = found;
  const more = counted >= atMost;
  const total = more ? atMost - 1 : counted;
  const { pageCount } = pageWindow(total, page);
  return { teasers, total, more, page, pageCount, nextAfter: page < pageCount ? (teasers.at(-1)?.id ?? null) : null };
}
