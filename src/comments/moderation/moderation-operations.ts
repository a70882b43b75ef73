import { type Actor, assertCan } from '../../accounts/policy.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { type ModerationListName, parseEntries, saveModerationList } from '../../readers/moderation-lists.ts';
import { tidyUserText, userTextProblem } from '../../readers/user-text.ts';
import { checkAbuseRate } from '../abuse-rate.ts';
import { countVisible } from '../comment-operations.ts';
import { invalidateComments } from '../comment-invalidation.ts';
import { enqueueReplyMail } from '../reply-notifications.ts';
import { learnDecision } from '../spam-model.ts';

export const DESK_ACTIONS = ['approve', 'refuse', 'feature', 'unfeature'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

function reasonText(raw: unknown, what: string, max = 1000): string {
  const text = typeof raw === 'string' ? raw : '';
  const problem = userTextProblem(text, what);
  if (problem) throw new AppError('validation_failed', 422, problem, { details: { field: 'reason' } });
  const tidy = tidyUserText(text);
  if (tidy.length > max)
    throw new AppError('validation_failed', 422, `${what} doit compter au plus ${max} caractères.`, { details: { field: 'reason' } });
  return tidy;
}

/**
 * One moderator decision on one or more comments: approve (shows it, learns "fine"), refuse with
 * a statement of reasons shown to the author (hides it, learns "refused"), feature or unfeature.
 * Reports on the comment are resolved; every decision is in the audit log.
 */
export async function moderateComments(
  ctx: AppContext,
  actor: Actor,
  input: { ids: number[]; action: DeskAction; reason?: unknown; now?: Date },
): Promise<number> {
  assertCan(actor, 'comment:moderate');
  const now = input.now ?? new Date();
  if (input.ids.length === 0)
    throw new AppError('validation_failed', 422, 'Cochez au moins un commentaire.', { details: { field: 'ids' } });
  if (input.ids.length > 200)
    throw new AppError('validation_failed', 422, 'Deux cents commentaires au plus à la fois.', { details: { field: 'ids' } });
  const reason = input.action === 'refuse' ? reasonText(input.reason, 'Le motif') : '';
  if (input.action === 'refuse' && reason.length < 3)
    throw new AppError('validation_failed', 422, 'Donnez le motif du refus : il est montré à l’auteur du commentaire.', {
      details: { field: 'reason' },
    });
  const comments = await ctx.db
    .selectFrom('comments')
    .select(['id', 'article_id', 'parent_id', 'reader_id', 'status', 'body', 'featured'])
    .where('id', 'in', input.ids)
    .where('status', '!=', 'removed')
    .execute();
  const articles = new Set<number>();
  for (const c of comments) {
    await ctx.db.transaction().execute(async (trx) => {
      if (input.action === 'approve') {
        await trx
          .updateTable('comments')
          .set({ status: 'visible', decided_at: now.toISOString(), decided_by_user_id: actor.userId, decision_reason: '' })
          .where('id', '=', c.id)
          .execute();
        if (c.status !== 'visible') {
          await countVisible(trx, c.article_id, c.parent_id, 1);
          if (c.parent_id !== null) await enqueueReplyMail(trx, c.id);
          if (c.status === 'rejected' && c.reader_id !== null)
            await trx
              .insertInto('reader_notices')
              .values({
                reader_id: c.reader_id,
                kind: 'approval',
                comment_id: c.id,
                message: 'Après réexamen, votre commentaire est publié.',
                created_at: now.toISOString(),
              })
              .execute();
        }
      } else if (input.action === 'refuse') {
        await trx
          .updateTable('comments')
          .set({
            status: 'rejected',
            featured: 0,
            decided_at: now.toISOString(),
            decided_by_user_id: actor.userId,
            decision_reason: reason,
          })
          .where('id', '=', c.id)
          .execute();
        if (c.status === 'visible') await countVisible(trx, c.article_id, c.parent_id, -1);
        if (c.reader_id !== null)
          await trx
            .insertInto('reader_notices')
            .values({ reader_id: c.reader_id, kind: 'refusal', comment_id: c.id, message: reason, created_at: now.toISOString() })
            .execute();
      } else {
        await trx
          .updateTable('comments')
          .set({ featured: input.action === 'feature' ? 1 : 0 })
          .where('id', '=', c.id)
          .execute();
      }
      if (input.action === 'approve' || input.action === 'refuse')
        await trx
          .updateTable('comment_reports')
          .set({ resolved_at: now.toISOString() })
          .where('comment_id', '=', c.id)
          .where('resolved_at', 'is', null)
          .execute();
      const auditAction =
        input.action === 'approve'
          ? 'comment.approve'
          : input.action === 'refuse'
            ? 'comment.refuse'
            : input.action === 'feature'
              ? 'comment.feature'
              : 'comment.unfeature';
      await recordAudit(
        trx,
        actor,
        auditAction,
        { type: 'comment', id: c.id },
        reason ? { reason, article: c.article_id } : { article: c.article_id },
      );
    });
    if (input.action === 'approve' || input.action === 'refuse') await learnDecision(ctx.db, c.body, input.action === 'refuse');
    articles.add(c.article_id);
    invalidateComments(
      ctx,
      c.article_id,
      input.action === 'approve' ? c.status !== 'visible' : input.action === 'refuse' ? c.status === 'visible' : false,
    );
  }
  if (input.action === 'refuse') for (const articleId of articles) await checkAbuseRate(ctx, articleId, now);
  return comments.length;
}

export const READER_SANCTIONS = ['warn', 'suspend', 'ban', 'reinstate'] as const;
export type ReaderSanction = (typeof READER_SANCTIONS)[number];

/** Warns, suspends until a date, bans or reinstates a reader; the message is shown on their profile. */
export async function sanctionReader(
  ctx: AppContext,
  actor: Actor,
  input: { readerId: number; sanction: ReaderSanction; message: unknown; until?: unknown; now?: Date },
): Promise<void> {
  assertCan(actor, 'comment:moderate');
  const now = input.now ?? new Date();
  const message = reasonText(input.message, 'Le message');
  if (input.sanction !== 'reinstate' && message.length < 3)
    throw new AppError('validation_failed', 422, 'Écrivez le message adressé au lecteur : il le verra sur son compte.', {
      details: { field: 'reason' },
    });
  let until: string | null = null;
  if (input.sanction === 'suspend') {
    const raw = typeof input.until === 'string' ? input.until : '';
    const date = /^\d{4}-\d\d-\d\d$/.test(raw) ? new Date(`${raw}T23:59:59+01:00`) : null;
    if (!date || Number.isNaN(date.getTime()) || date <= now)
      throw new AppError('validation_failed', 422, 'Choisissez une date de fin de suspension dans le futur.', {
        details: { field: 'until' },
      });
    until = date.toISOString();
  }
  const reader = await ctx.db.selectFrom('readers').select('id').where('id', '=', input.readerId).executeTakeFirst();
  if (!reader) throw AppError.notFound('Ce lecteur n’existe pas.');
  await ctx.db.transaction().execute(async (trx) => {
    if (input.sanction === 'suspend')
      await trx
        .updateTable('readers')
        .set({ status: 'suspended', suspended_until: until, sanction_message: message })
        .where('id', '=', reader.id)
        .execute();
    if (input.sanction === 'ban')
      await trx
        .updateTable('readers')
        .set({ status: 'banned', suspended_until: null, sanction_message: message })
        .where('id', '=', reader.id)
        .execute();
    if (input.sanction === 'reinstate')
      await trx
        .updateTable('readers')
        .set({ status: 'active', suspended_until: null, sanction_message: '' })
        .where('id', '=', reader.id)
        .execute();
    if (input.sanction !== 'reinstate')
      await trx
        .insertInto('reader_notices')
        .values({
          reader_id: reader.id,
          kind: input.sanction === 'warn' ? 'warning' : input.sanction === 'suspend' ? 'suspension' : 'ban',
          comment_id: null,
          message,
          created_at: now.toISOString(),
        })
        .execute();
    await recordAudit(trx, actor, `reader.${input.sanction}` as 'reader.warn', { type: 'reader', id: reader.id }, { message, until });
  });
}

/** Ends an automatic pré-modération: the article returns to its usual mode (one click on the desk). */
export async function restoreArticleMode(ctx: AppContext, actor: Actor, articleId: number): Promise<void> {
  assertCan(actor, 'comment:moderate');
  const done = await ctx.db
    .updateTable('comment_threads')
    .set({ auto_premoderation_at: null, auto_premoderation_reason: '' })
    .where('article_id', '=', articleId)
    .where('auto_premoderation_at', 'is not', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw AppError.notFound('Cet article n’est pas en pré-modération automatique.');
  await recordAudit(ctx.db, actor, 'comments.restore-mode', { type: 'article', id: articleId });
  ctx.pageCache.invalidate([`comments:${articleId}`]);
}

/** Saves the word lists and disposable domains (moderators and up). */
export async function saveLists(ctx: AppContext, actor: Actor, lists: Record<ModerationListName, unknown>): Promise<void> {
  assertCan(actor, 'comment:moderate');
  const parsed = {} as Record<ModerationListName, string[]>;
  for (const [name, raw] of Object.entries(lists) as [ModerationListName, unknown][]) {
    const text = typeof raw === 'string' ? raw : '';
    const problem = userTextProblem(text.replace(/\r?\n/g, ' '), 'La liste');
    if (problem) throw new AppError('validation_failed', 422, problem, { details: { field: name } });
    if (text.length > 50_000)
      throw new AppError('validation_failed', 422, 'La liste est trop longue (50 000 caractères au plus).', { details: { field: name } });
    parsed[name] = parseEntries(text);
  }
  for (const [name, entries] of Object.entries(parsed) as [ModerationListName, string[]][]) await saveModerationList(ctx.db, name, entries);
  await recordAudit(
    ctx.db,
    actor,
    'comments.lists',
    { type: 'settings', id: 1 },
    { sizes: Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.length])) },
  );
}
