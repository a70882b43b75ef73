import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { outboundPost } from '../core/http/outbound-fetch.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { webhookHeaders } from '../webhooks/webhook-signature.ts';
import { countVisible } from './comment-operations.ts';
import { invalidateComments } from './comment-invalidation.ts';
import type { RuleHit } from './moderation-rules.ts';

// The optional external classifier (as Coral's external moderation phase): each new comment is
// POSTed, signed as a Standard Webhook, to the publication's own toxicity service, from the durable
// job runner. The comment is stored and shown (or queued) by the built-in rules first; the
// classifier can only send it back to the queue. A classifier down, slow or answering nonsense
// changes nothing: the built-in rules' verdict stands.

export const CLASSIFY_JOB = 'comment-classify';
/** The classifier has this long to answer each attempt. */
export const CLASSIFIER_TIMEOUT_MS = 5_000;

const jobPayload = z.strictObject({ commentId: z.number().int().positive() });
/** What the classifier answers: a score between 0 (harmless) and 1 (toxic). */
const classifierAnswer = z.object({ score: z.number().min(0).max(1) });

/** The classifier's settings, or null when none is configured. */
export async function classifierSettings(db: Db) {
  const row = await db.selectFrom('comment_classifier').selectAll().where('id', '=', 1).executeTakeFirst();
  return row?.url ? row : null;
}

/** Queues the classification of a new comment (in the caller's transaction); the caller knows a classifier is configured. */
export async function enqueueClassification(db: Db, commentId: number): Promise<void> {
  await enqueueJob(db, { kind: CLASSIFY_JOB, payload: { commentId }, maxAttempts: 3 });
}

/** The body sent for one comment: its text and article, never the reader's e-mail or address. */
async function payloadOf(ctx: AppContext, commentId: number) {
  const row = await ctx.db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('readers', 'readers.id', 'comments.reader_id')
    .select([
      'comments.id',
      'comments.body',
      'comments.parent_id',
      'comments.created_at',
      'comments.status',
      'comments.decided_at',
      'comments.article_id',
      'comments.rules',
      'articles.headline',
      'readers.display_name',
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  return row;
}

/** Sends the comment back to the queue (a human decision always wins: decided comments are left alone). */
async function holdBack(ctx: AppContext, commentId: number, hit: RuleHit): Promise<void> {
  const held = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('comments')
      .select(['status', 'rules', 'article_id', 'parent_id', 'decided_at'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!row || row.decided_at !== null || (row.status !== 'visible' && row.status !== 'pending')) return null;
    const rules = [...(JSON.parse(row.rules) as RuleHit[]), hit];
    const updated = await trx
      .updateTable('comments')
      .set({ status: 'pending', rules: JSON.stringify(rules) })
      .where('id', '=', commentId)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
    if (row.status === 'visible') await countVisible(trx, row.article_id, row.parent_id, -1);
    return row;
  });
  if (held?.status === 'visible') invalidateComments(ctx, held.article_id, true);
}

/** Registers the job that asks the classifier; a failed attempt is retried, then given up (the comment keeps its verdict). */
export function registerClassifierJob(): void {
  registerJobHandler(CLASSIFY_JOB, jobPayload, async ({ commentId }, { ctx }) => {
    const settings = await classifierSettings(ctx.db);
    const comment = await payloadOf(ctx, commentId);
    if (!settings || !comment || comment.decided_at !== null) return;
    if (comment.status !== 'visible' && comment.status !== 'pending') return;
    const body = JSON.stringify({
      type: 'comment.created',
      comment: {
        id: comment.id,
        text: comment.body,
        isReply: comment.parent_id !== null,
        createdAt: comment.created_at,
        authorName: comment.display_name ?? '',
        article: { id: comment.article_id, headline: comment.headline },
      },
    });
    const result = await outboundPost(settings.url, webhookHeaders(settings.secret, `comment-${comment.id}-${randomUUID()}`, body), body, {
      allowPrivate: ctx.config.webhooksAllowPrivate,
      timeoutMs: CLASSIFIER_TIMEOUT_MS,
      maxBytes: 4096,
    });
    if (!result.ok) throw new Error(`Classificateur : ${result.error}`);
    let answer: z.infer<typeof classifierAnswer>;
    try {
      answer = classifierAnswer.parse(JSON.parse(result.body));
    } catch {
      throw new Error('Classificateur : réponse illisible (attendu : {"score": nombre entre 0 et 1}).');
    }
    if (answer.score >= settings.threshold)
      await holdBack(ctx, commentId, {
        rule: 'classificateur',
        detail: `score ${answer.score.toFixed(2)} (seuil ${settings.threshold.toFixed(2)})`,
      });
  });
}
