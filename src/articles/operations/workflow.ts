import { type Actor, assertCan, type Permission } from '../../accounts/policy.ts';
import { canEditArticle } from '../visibility.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import type { Updateable } from 'kysely';
import type { ArticleStatus, ArticleTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { cancelJob, enqueueJob } from '../../core/jobs/job-runner.ts';
import { indexArticle, removeFromIndex } from '../../search/search-index.ts';
import { invalidateArticle } from './article-cache.ts';
import { announceArticleChange } from './article-events.ts';
import { deskPublishProblems } from '../../desk/pepite-guard.ts';
import { notPublishableError, publishProblems, validationError } from './article-input.ts';
import { STATUS_LABELS } from './article-status.ts';
import { type ArticleState, loadArticleState, loadPublishableState, lockForWrite, policySubject } from './article-store.ts';

/** The kind of the durable job that publishes a scheduled article. */
export const PUBLISH_SCHEDULED_JOB = 'publish-scheduled';

/** One pending publication job per article: rescheduling moves it. */
export function publishJobKey(articleId: number): string {
  return `publish:article:${articleId}`;
}

/** The states each action starts from (the edit screen shows the buttons that apply). */
export const WORKFLOW_SOURCES = {
  submit: ['draft'],
  returnToDraft: ['submitted', 'ready', 'scheduled', 'unpublished'],
  markReady: ['draft', 'submitted'],
  publish: ['draft', 'submitted', 'ready', 'scheduled', 'unpublished'],
  schedule: ['draft', 'submitted', 'ready', 'scheduled', 'unpublished'],
  unpublish: ['published'],
  delete: ['draft', 'submitted', 'ready', 'scheduled', 'unpublished'],
} as const satisfies Record<string, readonly ArticleStatus[]>;

/** Sends a draft to the editors (brouillon → soumis). Writers submit their own or shared pieces. */
export async function submitArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await transition(ctx, actor, id, {
    permission: 'article:submit',
    needsEdit: true,
    from: WORKFLOW_SOURCES.submit,
    to: 'submitted',
    verb: 'soumettre',
    set: (now) => ({ submitted_at: now }),
  });
}

/** Takes a piece back to brouillon (from soumis by its writer; from prêt, programmé, dépublié by an editor). */
export async function returnToDraft(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await transition(ctx, actor, id, {
    needsEdit: true,
    from: WORKFLOW_SOURCES.returnToDraft,
    to: 'draft',
    verb: 'remettre en brouillon',
    // A scheduled piece taken back loses its publication time and job.
    set: (_now, before): Updateable<ArticleTable> => (before.row.status === 'scheduled' ? { published_at: null } : {}),
    after: (trx) => cancelJob(trx, publishJobKey(id)).then(() => {}),
  });
}

/** An editor marks a piece ready to publish (soumis → prêt; an editor's own brouillon too). */
export async function markReady(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await transition(ctx, actor, id, {
    permission: 'article:publish',
    from: WORKFLOW_SOURCES.markReady,
    to: 'ready',
    verb: 'marquer comme prêt',
  });
}

/**
 * Publishes now. The publication date is now unless one in the past is kept (a republished piece,
 * or a scheduled one whose time came). Refused (422) while something publishing needs is missing.
 */
export async function publishArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await transition(ctx, actor, id, {
    permission: 'article:publish',
    from: WORKFLOW_SOURCES.publish,
    to: 'published',
    verb: 'publier',
    check: requirePublishable,
    set: (now, before) => ({
      published_at: before.row.published_at !== null && before.row.published_at <= now ? before.row.published_at : now,
    }),
    after: async (trx, _before, now) => {
      await cancelJob(trx, publishJobKey(id));
      await recordAudit(trx, actor, 'article.publish', { type: 'article', id }, { at: now });
    },
  });
}

/** Programs publication at a future instant: status programmé, and a durable job that publishes it then. */
export async function scheduleArticle(ctx: AppContext, actor: Actor, id: number, atIso: string): Promise<{ at: string }> {
  const at = new Date(atIso);
  if (Number.isNaN(at.getTime()))
    throw validationError('La programmation a échoué', [{ path: 'at', message: 'Date de publication : date invalide' }]);
  if (at.getTime() <= Date.now())
    throw validationError('La programmation a échoué', [{ path: 'at', message: 'Date de publication : elle doit être dans le futur' }]);
  const iso = at.toISOString();
  await transition(ctx, actor, id, {
    permission: 'article:publish',
    from: WORKFLOW_SOURCES.schedule,
    to: 'scheduled',
    verb: 'programmer',
    check: requirePublishable,
    set: () => ({ published_at: iso }),
    after: async (trx) => {
      await enqueueJob(trx, { kind: PUBLISH_SCHEDULED_JOB, payload: { articleId: id }, runAt: iso, uniqueKey: publishJobKey(id) });
      await recordAudit(trx, actor, 'article.schedule', { type: 'article', id }, { at: iso });
    },
  });
  return { at: iso };
}

/** Withdraws a published article: its address answers 410 from now on. */
export async function unpublishArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await transition(ctx, actor, id, {
    permission: 'article:publish',
    from: WORKFLOW_SOURCES.unpublish,
    to: 'unpublished',
    verb: 'dépublier',
    after: (trx) => recordAudit(trx, actor, 'article.unpublish', { type: 'article', id }),
  });
}

/**
 * Deletes an article for good (revisions, byline, tags, corrections, redirects go with it).
 * Decision: a published article cannot be deleted — unpublish it first, so its removal from the
 * site is a deliberate step that readers see as "retiré" (410); any other state may be deleted.
 */
export async function deleteArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'article:delete');
  const before = await ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, id);
    const before = await loadArticleState(trx, id);
    if (!(WORKFLOW_SOURCES.delete as readonly ArticleStatus[]).includes(before.row.status)) {
      throw new AppError('conflict', 409, 'Un article publié ne peut pas être supprimé : dépubliez-le d’abord.');
    }
    await cancelJob(trx, publishJobKey(id));
    await removeFromIndex(trx, ctx.dialect, id);
    await trx.deleteFrom('articles').where('id', '=', id).execute();
    await recordAudit(
      trx,
      actor,
      'article.delete',
      { type: 'article', id },
      { headline: before.row.headline, slug: before.row.slug, status: before.row.status },
    );
    await announceArticleChange(ctx, trx, before, null);
    return before;
  });
  invalidateArticle(ctx, before, null);
}

/**
 * The scheduled publication itself, run by the job as the system: publishes only an article still
 * scheduled whose time has come, so a job run twice (or after a reschedule or a manual publish)
 * does nothing the second time. Returns whether it published.
 */
export async function publishIfDue(ctx: AppContext, actor: Actor, id: number): Promise<boolean> {
  const row = await ctx.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirst();
  if (row?.status !== 'scheduled' || row.published_at === null || row.published_at > new Date().toISOString()) return false;
  try {
    await publishArticle(ctx, actor, id);
    return true;
  } catch (error) {
    // Published (or taken back) by someone else in the meantime: nothing left to do.
    if (error instanceof AppError && (error.code === 'conflict' || error.code === 'not_found')) return false;
    throw error;
  }
}

interface TransitionSpec {
  permission?: Permission;
  /** The actor must also be allowed to edit this article (own, shared, or any). */
  needsEdit?: boolean;
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  /** French infinitive for the refusal message ("impossible de publier"). */
  verb: string;
  check?: (trx: Db, before: ArticleState) => Promise<void>;
  set?: (now: string, before: ArticleState) => Updateable<ArticleTable>;
  after?: (trx: Db, before: ArticleState, now: string) => Promise<void>;
}

// Every state change: policy, allowed source state, a guarded UPDATE (a concurrent change of state
// makes it match nothing and fail), side effects in the same transaction, then cache invalidation.
async function transition(ctx: AppContext, actor: Actor, id: number, spec: TransitionSpec): Promise<void> {
  if (spec.permission) assertCan(actor, spec.permission);
  const { before, after } = await ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, id);
    const now = new Date().toISOString();
    const before = await loadArticleState(trx, id);
    if (spec.needsEdit && !canEditArticle(actor, policySubject(before)))
      throw new AppError('forbidden', 403, 'Vous ne pouvez pas modifier cet article.');
    if (!spec.from.includes(before.row.status)) throw stateError(before.row.status, spec.verb);
    await spec.check?.(trx, before);
    const result = await trx
      .updateTable('articles')
      .set({ status: spec.to, ...spec.set?.(now, before) })
      .where('id', '=', id)
      .where('status', '=', before.row.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw stateError(before.row.status, spec.verb);
    await spec.after?.(trx, before, now);
    const after = await loadArticleState(trx, id);
    // The search index follows the public state in the same transaction.
    await indexArticle(trx, ctx.dialect, id);
    await announceArticleChange(ctx, trx, before, after);
    return { before, after };
  });
  invalidateArticle(ctx, before, after);
}

function stateError(status: ArticleStatus, verb: string): AppError {
  return new AppError('conflict', 409, `Cet article est « ${STATUS_LABELS[status]} » : impossible de le ${verb}.`, { details: { status } });
}

async function requirePublishable(trx: Db, before: ArticleState): Promise<void> {
  const problems = publishProblems(await loadPublishableState(trx, before.row));
  // A pépite drafted at the desk must not repeat too much of its original (desk/pepite-guard.ts).
  problems.push(...(await deskPublishProblems(trx, before.row.id)));
  if (problems.length) throw notPublishableError(problems);
}
