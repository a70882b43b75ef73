import { type Actor, assertCan } from '../../accounts/policy.ts';
import { indexArticle } from '../../search/search-index.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { ArticleStatus } from '../../core/db/schema.ts';
import { invalidateArticle } from './article-cache.ts';
import { announceArticleChange } from './article-events.ts';
import { loadArticleState, lockForWrite } from './article-store.ts';

/** The state and dates an article had on the site it comes from. */
export interface HistoricPublication {
  status: Extract<ArticleStatus, 'draft' | 'submitted' | 'published'>;
  /** When it went live there (ISO 8601); null for a piece never published. */
  publishedAt: string | null;
  /** When it was last changed there after publication, if it was. */
  updatedAt: string | null;
  createdAt: string;
}

/**
 * Gives an imported article the state and dates it had on its old site. A migration keeps the
 * archive as readers knew it: an article published in 2014 stays published in 2014, even without
 * what Kiosque asks of new pieces (an image principale); the importer reports those gaps. Only
 * for imports: the workflow (publishArticle…) is the way for everything else.
 */
export async function applyHistoricPublication(ctx: AppContext, actor: Actor, id: number, state: HistoricPublication): Promise<void> {
  assertCan(actor, 'article:publish');
  const { before, after } = await ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, id);
    const before = await loadArticleState(trx, id);
    await trx
      .updateTable('articles')
      .set({
        status: state.status,
        published_at: state.publishedAt,
        updated_at: state.updatedAt,
        created_at: state.createdAt,
        submitted_at: state.status === 'submitted' ? state.createdAt : null,
      })
      .where('id', '=', id)
      .execute();
    const after = await loadArticleState(trx, id);
    await indexArticle(trx, ctx.dialect, id);
    await announceArticleChange(ctx, trx, before, after);
    return { before, after };
  });
  invalidateArticle(ctx, before, after);
}
