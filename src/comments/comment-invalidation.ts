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

/**
 * Drops the pages that show a reader's comments under their name (the name changed): the comments
 * area of each article they commented on, and each comment's own page (tagged `comments:N` too).
 */
export async function invalidateCommentsOf(ctx: AppContext, readerId: number): Promise<void> {
  const rows = await ctx.db.selectFrom('comments').select('article_id').distinct().where('reader_id', '=', readerId).execute();
  if (rows.length) ctx.pageCache.invalidate(rows.map((r) => `comments:${r.article_id}`));
}
