import type { Actor } from '../../accounts/policy.ts';
import { canEditArticle } from '../visibility.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { indexArticle } from '../../search/search-index.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/app-error.ts';
import { invalidateArticle } from './article-cache.ts';
import { announceArticleChange } from './article-events.ts';
import { type ArticleInput, articleInputSchema } from './article-input.ts';
import { loadArticleState, lockForWrite, policySubject } from './article-store.ts';
import { applyUpdate } from './save-article.ts';

/** One saved version of an article: who saved it and when. */
export interface RevisionSummary {
  revision: number;
  createdAt: string;
  userId: number | null;
  userName: string | null;
}

/** A saved version with its content (the editable fields as they were). */
export interface Revision extends RevisionSummary {
  snapshot: ArticleInput;
}

/** The article's saved versions, newest first. */
export async function listRevisions(db: Db, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select(['article_revisions.revision', 'article_revisions.created_at', 'article_revisions.user_id', 'users.name'])
    .where('article_revisions.article_id', '=', articleId)
    .orderBy('article_revisions.revision', 'desc')
    .execute();
  return rows.map((r) => ({ revision: r.revision, createdAt: r.created_at, userId: r.user_id, userName: r.name }));
}

/** One saved version with its content, or a 404. */
export async function getRevision(db: Db, articleId: number, revision: number): Promise<Revision> {
  const row = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.user_id')
    .select([
      'article_revisions.revision',
      'article_revisions.created_at',
      'article_revisions.user_id',
      'article_revisions.snapshot',
      'users.name',
    ])
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.revision', '=', revision)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Cette version de l’article n’existe pas.');
  // Snapshots were valid when stored; parsing again applies today's defaults to older ones.
  const snapshot = articleInputSchema.parse(JSON.parse(row.snapshot));
  return { revision: row.revision, createdAt: row.created_at, userId: row.user_id, userName: row.name, snapshot };
}

/**
 * Restores an old version: a new revision whose content equals it (history is never rewritten).
 * Corrections published since are kept: a restore cannot remove a correction note.
 */
export async function restoreRevision(ctx: AppContext, actor: Actor, articleId: number, revision: number): Promise<{ revision: number }> {
  const { snapshot } = await getRevision(ctx.db, articleId, revision);
  const { before, after } = await ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, articleId);
    const before = await loadArticleState(trx, articleId);
    if (!canEditArticle(actor, policySubject(before))) throw new AppError('forbidden', 403, 'Vous ne pouvez pas modifier cet article.');
    const after = await applyUpdate(trx, actor, before, snapshot, new URL(ctx.config.publicUrl).origin);
    await indexArticle(trx, ctx.dialect, articleId);
    await recordAudit(
      trx,
      actor,
      'article.restore-revision',
      { type: 'article', id: articleId },
      { restored: revision, revision: after.row.revision },
    );
    await announceArticleChange(ctx, trx, before, after);
    return { before, after };
  });
  invalidateArticle(ctx, before, after);
  return { revision: after.row.revision };
}
