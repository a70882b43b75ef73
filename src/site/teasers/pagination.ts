import { z } from 'zod';
import { AppError } from '../../core/http/app-error.ts';
import { html } from '../../core/html/html.ts';

/** Teasers per page on every paginated listing (sections, authors, tags, series). */
export const PAGE_SIZE = 20;

const PAGE_MESSAGE = 'Le numéro de page doit être un nombre entier supérieur ou égal à 1.';

// Digits only: "abc", "-1", "0", "1.5", "1e3", " 2" and repeated ?page= (an array) are refused.
// Other query parameters (utm_*, fbclid…) are ignored.
const pageQuerySchema = z.object({
  page: z
    .string()
    .regex(/^[1-9][0-9]*$/, PAGE_MESSAGE)
    .optional(),
  // The article a "next page" link seeks from (see loadTeaserPage); anything else is ignored.
  apres: z.unknown().optional(),
});

const afterSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number);

/** The requested page number, and whether ?page= was given at all (then ?page=1 must redirect). */
export interface PageRequest {
  page: number;
  explicit: boolean;
  /** The last article of the previous page, from `&apres=` (a hint: the page number decides). */
  after?: number;
}

/** Reads ?page= from a parsed query string; throws a 400 AppError on anything but a positive integer. */
export function parsePageQuery(query: unknown): PageRequest {
  const parsed = pageQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw AppError.badRequest(PAGE_MESSAGE, parsed.error.issues);
  const raw = parsed.data.page;
  // A huge number is still a valid request for a page that does not exist: 404, not 400.
  if (raw === undefined) return { page: 1, explicit: false };
  const after = afterSchema.safeParse(parsed.data.apres);
  return after.success && Number.isSafeInteger(after.data)
    ? { page: Number(raw), explicit: true, after: after.data }
    : { page: Number(raw), explicit: true };
}

/** The slice of a listing a page shows; throws 404 beyond the last page (page 1 always exists). */
export function pageWindow(total: number, page: number, pageSize = PAGE_SIZE): { pageCount: number; offset: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (page > pageCount) throw AppError.notFound('Cette page n’existe pas : la liste compte moins de pages.');
  return { pageCount, offset: (page - 1) * pageSize };
}

/** The path of page n of a listing: the bare path for page 1, `?page=n` after (`&page=n` after a query, as on search). */
export function pagePath(basePath: string, n: number): string {
  return n <= 1 ? basePath : `${basePath}${basePath.includes('?') ? '&' : '?'}page=${n}`;
}

/** `<link rel="prev/next">` for the head of a paginated listing. */
export function paginationHeadLinks(publicUrl: string, basePath: string, page: number, pageCount: number): string {
  const prev = page > 1 ? html`<link rel="prev" href="${publicUrl + pagePath(basePath, page - 1)}">` : '';
  const next = page < pageCount ? html`<link rel="next" href="${publicUrl + pagePath(basePath, page + 1)}">` : '';
  return prev + next;
}

/** Page numbers to show: first, last, and two around the current one; null marks a gap. */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && n - last === 2) out.push(last + 1);
    else if (typeof last === 'number' && n - last > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/**
 * The pagination bar: previous/next links, "Page 2 sur 5", numbered pages. Empty for a single page.
 * With `more`, the listing goes on beyond `pageCount` (it was not counted to the end): "Page 2",
 * and the numbers end with a gap instead of the last page.
 */
export function renderPagination(
  basePath: string,
  page: number,
  pageCount: number,
  more = false,
  /** The page's last article: the "next page" link carries it, so the next page is sought from there (loadTeaserPage). */
  nextAfter: number | null = null,
): string {
  if (pageCount <= 1) return '';
  const prev =
    page > 1
      ? html`<a class="pagination__prev" rel="prev" href="${pagePath(basePath, page - 1)}"><span aria-hidden="true">←</span> Page précédente</a>`
      : '';
  const next =
    page < pageCount
      ? html`<a class="pagination__next" rel="next" href="${pagePath(basePath, page + 1)}!${nextAfter === null ? '' : `&amp;apres=${nextAfter}`}">Page suivante <span aria-hidden="true">→</span></a>`
      : '';
  const shown = pageNumbers(page, pageCount);
  if (more) shown.splice(shown.length - 1, 1, null);
  const numbers = shown.map((n) => {
    if (n === null) return html`<li class="pagination__gap" aria-hidden="true">…</li>`;
    if (n === page) return html`<li><a class="pagination__page" href="${pagePath(basePath, n)}" aria-current="page">${String(n)}</a></li>`;
    return html`<li><a class="pagination__page" href="${pagePath(basePath, n)}" aria-label="Page ${String(n)}">${String(n)}</a></li>`;
  });
  return html`<nav class="pagination" aria-label="Pagination"><p class="pagination__status">Page ${String(page)}${more ? '' : ` sur ${pageCount}`}</p><ul class="pagination__pages">!${numbers}</ul><div class="pagination__steps">!${prev}!${next}</div></nav>`;
}
