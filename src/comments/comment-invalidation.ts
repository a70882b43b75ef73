import type { AppContext } from '../core/app-context.ts';

/**
 * Drops the cached pages that show an article's comments (`comments:N`), and those that show its
 * count (`article:N`: the article header and its teasers) when the count changed. At once, before
 * the change is answered: the page cache never serves a page older than the last change, so the
 * poster, sent back to the article, finds their comment there without waiting for anything. The
 * page is rendered again lazily, by the next reader (one render for all the readers who ask for it
 * meanwhile: core/http/page-response.ts), never on the poster's clock.
 */
export function invalidateComments(ctx: AppContext, articleId: number, countChanged: boolean): void {
  ctx.pageCache.invalidate(countChanged ? [`comments:${articleId}`, `article:${articleId}`] : [`comments:${articleId}`]);
}
