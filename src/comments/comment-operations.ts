import type { AppContext } from '../core/app-context.ts';
import { announceContentEvent } from '../core/events/content-events.ts';
import { AppError } from '../core/http/app-error.ts';
import type { PhaseTimer } from '../core/http/server-timing.ts';
import { foldedKey } from '../core/text/loose-match.ts';
import { loadSiteChrome, type Settings } from '../publication/publication-repository.ts';
import { spendProof, verifyProof } from '../readers/proof-of-work.ts';
import { hashIp } from '../readers/rate-limit.ts';
import { readerSecret } from '../readers/reader-operations.ts';
import { assertReaderMayParticipate, type Reader } from '../readers/reader-session.ts';
import { tidyUserText, userTextProblem } from '../readers/user-text.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import { effectiveMode } from './comment-mode.ts';
import { bumpVisibleCount, type CommentFacts, commentFacts, findComment, type PublicComment } from './comment-repository.ts';
import { COMMENT_MAX, COMMENT_MIN } from './comment-text.ts';
import { applyRules } from './moderation-rules.ts';
import { checkAbuseRate } from './abuse-rate.ts';
import { enqueueReplyMail } from './reply-notifications.ts';
import { invalidateComments } from './comment-invalidation.ts';
import { badgeForComment, NO_BADGE } from './staff-badge.ts';
import { enqueueClassification } from './external-classifier.ts';

/** A reader may edit a comment this long after posting it. */
export const EDIT_WINDOW_MS = 10 * 60_000;

/** Reasons a reader can give when reporting. */
export const REPORT_REASONS = {
  insulte: 'Insulte',
  haine: 'Propos haineux',
  harcelement: 'Harcèlement',
  spam: 'Spam ou publicité',
  'hors-sujet': 'Hors sujet',
  'fausse-information': 'Fausse information',
  autre: 'Autre',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

/** Comments a reader may post per hour, and per address. */
const POST_LIMITS = { perReader: { limit: 20, windowMs: 3600_000 }, perIp: { limit: 60, windowMs: 3600_000 } };

function invalid(field: string, message: string, status = 422): AppError {
  return new AppError('validation_failed', status, message, { details: { field } });
}

function cleanText(raw: unknown): string {
  if (typeof raw !== 'string') throw invalid('body', 'Écrivez votre commentaire.');
  const problem = userTextProblem(raw, 'Le commentaire');
  if (problem) throw invalid('body', problem);
  const text = tidyUserText(raw);
  if (text.length < COMMENT_MIN) throw invalid('body', 'Écrivez votre commentaire (2 caractères au moins).');
  if (text.length > COMMENT_MAX)
    throw invalid('body', `Le commentaire est trop long : ${COMMENT_MAX} caractères au plus (il en compte ${text.length}).`, 413);
  return text;
}

/** The article's mode now; posting and editing are refused while comments are closed or suspended. */
function openMode(article: CommentFacts['article'], settings: Settings, now: Date) {
  const mode = effectiveMode(
    settings,
    {
      commentsSetting: article.comments_setting,
      publishedAt: article.published_at ?? '',
      autoPremoderationAt: article.auto_premoderation_at,
    },
    now,
  );
  if (mode === 'suspended')
    throw new AppError('forbidden', 403, 'Les commentaires sont suspendus sur tout le site.', { details: { reason: 'suspended' } });
  if (mode === 'closed')
    throw new AppError('forbidden', 403, 'Les commentaires sont fermés pour cet article.', { details: { reason: 'closed' } });
  return { mode, path: articlePath({ sectionSlug: article.section_slug, slug: article.slug }) };
}

/** The facts of a comment about to be stored (commentFacts), or the answer that the article is not public. */
async function factsOrNotFound(ctx: AppContext, input: Parameters<typeof commentFacts>[1]): Promise<CommentFacts> {
  const facts = await commentFacts(ctx.db, input);
  if (!facts) throw AppError.notFound('Cet article n’existe pas ou n’est pas publié.');
  return facts;
}

const proofFailed = () => invalid('altcha', 'La vérification anti-robot a échoué : rechargez la page et réessayez.', 400);

function assertHasName(reader: Reader): void {
  if (!reader.displayName)
    throw new AppError('conflict', 409, 'Choisissez d’abord le nom sous lequel vos commentaires paraîtront.', {
      details: { reason: 'no-name' },
    });
}

export interface PostResult {
  id: number;
  status: 'visible' | 'pending';
  articlePath: string;
  articleId: number;
}

/**
 * Posts a comment or a reply: every check, then the rules decide whether it shows now or waits.
 * In few round trips (comment-queries.test.ts holds the count): one statement reads all the
 * rules need, the limits are counted, and one transaction spends the proof of work and stores
 * the comment with its counts and the jobs that follow it (reply mail, external classifier).
 * `timer`, when given, times its phases (sent back as Server-Timing).
 */
export async function postComment(
  ctx: AppContext,
  input: { reader: Reader; articleId: number; parentId: number | null; body: unknown; proof: unknown; ip: string; now?: Date },
  timer?: PhaseTimer,
): Promise<PostResult & { comment: PublicComment }> {
  const now = input.now ?? new Date();
  const reader = input.reader;
  assertReaderMayParticipate(reader, now);
  assertHasName(reader);
  const text = cleanText(input.body);
  const secret = await readerSecret(ctx);
  const ipHash = hashIp(input.ip, secret);
  const bodyKey = foldedKey(text);
  const facts = await factsOrNotFound(ctx, {
    articleId: input.articleId,
    parentId: input.parentId,
    readerId: reader.id,
    readerEmail: reader.email,
    ipHash,
    bodyKey,
    now,
  });
  const { settings } = await loadSiteChrome(ctx.db);
  timer?.lap('facts');
  const { article } = facts;
  const { mode, path } = openMode(article, settings, now);
  if (input.parentId !== null) {
    const parent = facts.parent;
    if (!parent || parent.articleId !== article.id || parent.status !== 'visible')
      throw invalid('parent', 'Vous ne pouvez répondre qu’à un commentaire visible de cet article.');
    if (parent.parentId !== null) throw invalid('parent', 'On ne répond qu’aux commentaires, pas aux réponses.');
  }
  const proof = verifyProof(secret, input.proof, now);
  if (proof.result === 'invalid') throw proofFailed();
  timer?.lap('proof');
  const allowed = await ctx.rateLimiter.takeAll(
    [
      { bucket: `comment:reader:${reader.id}`, rate: POST_LIMITS.perReader },
      { bucket: `comment:ip:${ipHash}`, rate: POST_LIMITS.perIp },
    ],
    now,
  );
  if (!allowed) throw new AppError('rate_limited', 429, 'Vous avez publié beaucoup de commentaires : réessayez dans une heure.');
  timer?.lap('limits');

  const verdict = await applyRules(ctx.db, facts.rules, {
    text,
    proof: proof.result,
    premoderation: mode === 'premoderation',
    spamThreshold: settings.comments_spam_threshold,
  });
  if (verdict.outcome === 'reject') throw invalid('body', verdict.message);
  const status = verdict.outcome === 'publish' ? 'visible' : 'pending';
  // Staff are few: only their posts read the badge's details.
  const badge = facts.isStaff ? await badgeForComment(ctx.db, reader.email, article.id) : NO_BADGE;
  timer?.lap('rules');
  const createdAt = now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    // Spent with the comment: a proof is used once, and only by a comment that is stored.
    if (proof.result === 'valid' && !(await spendProof(trx, proof.signature, now))) throw proofFailed();
    const row = await trx
      .insertInto('comments')
      .values({
        article_id: article.id,
        reader_id: reader.id,
        parent_id: input.parentId,
        body: text,
        body_key: bodyKey,
        status,
        created_at: createdAt,
        edited_at: null,
        spam_score: verdict.spamScore,
        rules: JSON.stringify(verdict.hits),
        decided_at: null,
        decided_by_user_id: null,
        contested_at: null,
        ip_hash: ipHash,
        author_badge: badge.badge,
        author_badge_line: badge.line,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status === 'visible') await countVisible(trx, article.id, input.parentId, 1);
    // With the comment, in its transaction: a crash cannot leave a comment the classifier never
    // sees, nor a published reply whose author is never told. Neither delays the answer.
    if (facts.classifierSet) await enqueueClassification(trx, row.id);
    if (status === 'visible' && input.parentId !== null) await enqueueReplyMail(trx, row.id);
    // Other tools (webhooks) hear of it with the comment, whatever its status.
    await announceContentEvent(trx, {
      type: 'comment.created',
      subject: { type: 'comment', id: row.id },
      occurredAt: createdAt,
      data: {
        id: row.id,
        article: { id: article.id, url: ctx.config.publicUrl + path, headline: article.headline },
        parent_id: input.parentId,
        status: status === 'visible' ? 'published' : 'pending',
        author: { name: reader.displayName },
        body: text,
        created_at: createdAt,
      },
    });
    return row.id;
  });
  timer?.lap('store');
  if (status === 'visible') invalidateComments(ctx, article.id, true);
  timer?.lap('invalidate');
  // The comment as the page shows it, from what was just stored (not read back).
  const comment: PublicComment = {
    id,
    articleId: article.id,
    parentId: input.parentId,
    body: text,
    authorName: reader.displayName,
    readerId: reader.id,
    createdAt,
    editedAt: null,
    likeCount: 0,
    replyCount: 0,
    featured: false,
    status,
    badge: badge.badge,
    badgeLine: badge.line,
  };
  return { id, status, articlePath: path, articleId: article.id, comment };
}

/** Keeps the article's visible count and the parent's reply count right when a comment shows or hides. */
export async function countVisible(db: AppContext['db'], articleId: number, parentId: number | null, delta: 1 | -1): Promise<void> {
  await bumpVisibleCount(db, articleId, delta);
  if (parentId !== null)
    await db
      .updateTable('comments')
      .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
      .where('id', '=', parentId)
      .execute();
}

async function ownComment(ctx: AppContext, reader: Reader, commentId: number) {
  const comment = await findComment(ctx.db, commentId);
  // Another reader's comment is answered as if it did not exist: nothing about it leaks.
  if (!comment || comment.readerId !== reader.id || comment.status === 'removed') throw AppError.notFound('Ce commentaire n’existe pas.');
  return comment;
}

/** Edits one's own comment within 10 minutes; the rules run again (a visible comment may go back to the queue). */
export async function editComment(
  ctx: AppContext,
  input: { reader: Reader; commentId: number; body: unknown; now?: Date },
): Promise<PostResult> {
  const now = input.now ?? new Date();
  assertReaderMayParticipate(input.reader, now);
  const comment = await ownComment(ctx, input.reader, input.commentId);
  if (comment.status === 'rejected') throw new AppError('forbidden', 403, 'Un commentaire refusé ne peut plus être modifié.');
  if (Date.parse(comment.createdAt) + EDIT_WINDOW_MS < now.getTime())
    throw new AppError('forbidden', 403, 'Un commentaire ne peut être modifié que dans les 10 minutes qui suivent sa publication.', {
      details: { reason: 'edit-window' },
    });
  const text = cleanText(input.body);
  const bodyKey = foldedKey(text);
  const facts = await factsOrNotFound(ctx, {
    articleId: comment.articleId,
    parentId: null,
    readerId: input.reader.id,
    readerEmail: input.reader.email,
    ipHash: '',
    bodyKey,
    now,
    excludeId: comment.id,
  });
  const { settings } = await loadSiteChrome(ctx.db);
  const { mode, path } = openMode(facts.article, settings, now);
  const verdict = await applyRules(ctx.db, facts.rules, {
    text,
    proof: 'valid',
    premoderation: mode === 'premoderation',
    spamThreshold: settings.comments_spam_threshold,
  });
  if (verdict.outcome === 'reject') throw invalid('body', verdict.message);
  // An edit never jumps the queue: a waiting comment keeps waiting, a visible one waits if a rule fires now.
  const status = comment.status === 'pending' || verdict.outcome === 'queue' ? 'pending' : 'visible';
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      .set({ body: text, body_key: bodyKey, edited_at: now.toISOString(), status, rules: JSON.stringify(verdict.hits) })
      .where('id', '=', comment.id)
      .execute();
    if (comment.status === 'visible' && status === 'pending') await countVisible(trx, comment.articleId, comment.parentId, -1);
  });
  invalidateComments(ctx, comment.articleId, comment.status !== status);
  return { id: comment.id, status, articlePath: path, articleId: comment.articleId };
}

/** Deletes one's own comment: its text is erased; replies by others stay. */
export async function deleteOwnComment(ctx: AppContext, input: { reader: Reader; commentId: number }): Promise<{ articleId: number }> {
  const comment = await ownComment(ctx, input.reader, input.commentId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('comments').set({ status: 'removed', body: '', body_key: '' }).where('id', '=', comment.id).execute();
    if (comment.status === 'visible') await countVisible(trx, comment.articleId, comment.parentId, -1);
  });
  invalidateComments(ctx, comment.articleId, comment.status === 'visible');
  return { articleId: comment.articleId };
}

async function visibleComment(ctx: AppContext, commentId: number) {
  const comment = await findComment(ctx.db, commentId);
  if (comment?.status !== 'visible') throw AppError.notFound('Ce commentaire n’existe pas ou n’est plus visible.');
  return comment;
}

/** Likes a visible comment, once per reader (a second like changes nothing). */
export async function likeComment(
  ctx: AppContext,
  input: { reader: Reader; commentId: number; now?: Date },
): Promise<{ articleId: number; liked: boolean }> {
  const now = input.now ?? new Date();
  assertReaderMayParticipate(input.reader, now);
  const comment = await visibleComment(ctx, input.commentId);
  const liked = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('comment_likes')
      .values({ comment_id: comment.id, reader_id: input.reader.id, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .updateTable('comments')
      .set((eb) => ({ like_count: eb('like_count', '+', 1) }))
      .where('id', '=', comment.id)
      .execute();
    return true;
  });
  if (liked) invalidateComments(ctx, comment.articleId, false);
  return { articleId: comment.articleId, liked };
}

/** Reports a visible comment with a reason (once per reader); the abuse rate of the article is checked. */
export async function reportComment(
  ctx: AppContext,
  input: { reader: Reader; commentId: number; reason: unknown; text: unknown; now?: Date },
): Promise<{ articleId: number }> {
  const now = input.now ?? new Date();
  assertReaderMayParticipate(input.reader, now);
  if (typeof input.reason !== 'string' || !Object.hasOwn(REPORT_REASONS, input.reason))
    throw invalid('reason', 'Choisissez le motif du signalement.');
  const raw = typeof input.text === 'string' ? input.text : '';
  const problem = userTextProblem(raw, 'La précision');
  if (problem) throw invalid('text', problem);
  const text = tidyUserText(raw);
  if (text.length > 500) throw invalid('text', 'La précision doit compter au plus 500 caractères.', 413);
  if (input.reason === 'autre' && text.length < 3) throw invalid('text', 'Précisez ce qui ne va pas (motif « Autre »).');
  const comment = await visibleComment(ctx, input.commentId);
  if (!(await ctx.rateLimiter.take(`report:reader:${input.reader.id}`, { limit: 30, windowMs: 3600_000 }, now)))
    throw new AppError('rate_limited', 429, 'Vous avez fait beaucoup de signalements : réessayez dans une heure.');
  const done = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('comment_reports')
      .values({
        comment_id: comment.id,
        reader_id: input.reader.id,
        reason: input.reason as string,
        text,
        created_at: now.toISOString(),
        resolved_at: null,
      })
      .onConflict((oc) => oc.columns(['comment_id', 'reader_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .updateTable('comments')
      .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
      .where('id', '=', comment.id)
      .execute();
    return true;
  });
  if (!done) throw new AppError('conflict', 409, 'Vous avez déjà signalé ce commentaire : la modération va l’examiner.');
  await checkAbuseRate(ctx, comment.articleId, now);
  return { articleId: comment.articleId };
}

/** Contests a refusal, once: the comment returns to the queue with the reader's words. */
export async function contestDecision(
  ctx: AppContext,
  input: { reader: Reader; commentId: number; text: unknown; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const raw = typeof input.text === 'string' ? input.text : '';
  const problem = userTextProblem(raw, 'La contestation');
  if (problem) throw invalid('text', problem);
  const text = tidyUserText(raw);
  if (text.length < 3) throw invalid('text', 'Expliquez en quelques mots pourquoi vous contestez la décision.');
  if (text.length > 1000) throw invalid('text', 'La contestation doit compter au plus 1 000 caractères.', 413);
  const comment = await ownComment(ctx, input.reader, input.commentId);
  if (comment.status !== 'rejected') throw new AppError('conflict', 409, 'Seule une décision de refus peut être contestée.');
  const done = await ctx.db
    .updateTable('comments')
    .set({ status: 'pending', contested_at: now.toISOString(), contest_text: text })
    .where('id', '=', comment.id)
    .where('status', '=', 'rejected')
    .where('contested_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0)
    throw new AppError('conflict', 409, 'Vous avez déjà contesté cette décision : elle ne peut l’être qu’une fois.');
}
