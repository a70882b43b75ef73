import type { AppContext } from '../core/app-context.ts';
import type { PageCache } from '../core/cache/page-cache.ts';

/**
 * The cached pages of one article's comments are dropped at most once in this long. Twenty readers
 * posting on one article would otherwise drop its page at every post, and every reader would wait
 * for a render that the next post throws away: grouped, the page is rendered a few times a second
 * and read from the cache in between. A newly visible comment still shows within this delay plus
 * one render, well under the second the issue allows.
 */
export const COMMENT_INVALIDATION_GROUP_MS = 250;

interface ArticleDrops {
  /** When the article's pages were last dropped (performance.now()). */
  lastAt: number;
  /** Tags waiting for the next drop, and its promise; null when none is scheduled. */
  pending: { tags: Set<string>; done: Promise<void> } | null;
}

const byCache = new WeakMap<PageCache, Map<number, ArticleDrops>>();
/** Past this many articles remembered, those quiet for a whole group delay are forgotten. */
const PRUNE_ABOVE = 1000;

/**
 * Drops the cached pages that show an article's comments (`comments:N`), and those that show its
 * count (`article:N`: the article header and its teasers) when the count changed. The first change
 * after a quiet moment drops them at once; changes that follow within the group delay are dropped
 * together at its end. Resolves once the pages are dropped: a route that redirects to the article
 * waits for it, so the reader sees their own change; the comments island, which shows the new
 * comment in place, does not.
 */
export function invalidateComments(ctx: AppContext, articleId: number, countChanged: boolean): Promise<void> {
  const tags = countChanged ? [`comments:${articleId}`, `article:${articleId}`] : [`comments:${articleId}`];
  let articles = byCache.get(ctx.pageCache);
  if (!articles) {
    articles = new Map();
    byCache.set(ctx.pageCache, articles);
  }
  const now = performance.now();
  const state = articles.get(articleId);
  if (state?.pending) {
    for (const tag of tags) state.pending.tags.add(tag);
    return state.pending.done;
  }
  if (!state || now - state.lastAt >= COMMENT_INVALIDATION_GROUP_MS) {
    ctx.pageCache.invalidate(tags);
    if (articles.size > PRUNE_ABOVE) prune(articles, now);
    articles.set(articleId, { lastAt: now, pending: null });
    return Promise.resolve();
  }
  const pending = { tags: new Set(tags), done: Promise.resolve() };
  pending.done = new Promise<void>((resolve) => {
    setTimeout(
      () => {
        state.pending = null;
        state.lastAt = performance.now();
        ctx.pageCache.invalidate(pending.tags);
        resolve();
      },
      state.lastAt + COMMENT_INVALIDATION_GROUP_MS - now,
    );
  });
  state.pending = pending;
  return pending.done;
}

function prune(articles: Map<number, ArticleDrops>, now: number): void {
  for (const [id, state] of articles) if (!state.pending && now - state.lastAt >= COMMENT_INVALIDATION_GROUP_MS) articles.delete(id);
}
