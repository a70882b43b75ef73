import crypto from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { html } from '../core/html/html.ts';
import { mailerFor } from '../core/mail/mailer.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { readerSecret } from '../readers/reader-operations.ts';
import { wrapReaderMail } from '../readers/reader-mail.ts';

function signature(secret: string, readerId: number): string {
  return crypto.createHmac('sha256', secret).update(`desabonnement:${readerId}`).digest('base64url').slice(0, 32);
}

/** The opaque token of a reader's one-click unsubscribe link (no login needed, RFC 8058). */
export async function unsubscribeToken(ctx: AppContext, readerId: number): Promise<string> {
  return `${readerId}.${signature(await readerSecret(ctx), readerId)}`;
}

/** The reader a token unsubscribes, or null when the token is not one of ours. */
export async function readerOfUnsubscribeToken(ctx: AppContext, token: string): Promise<number | null> {
  const match = /^(\d{1,10})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = signature(await readerSecret(ctx), id);
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(match[2])) ? id : null;
}

const REPLY_MAIL_JOB = 'comment-reply-mail';
const replyMailPayload = z.strictObject({ commentId: z.number().int().positive() });

/**
 * Queues the mail that tells a comment's author about a reply now visible, in the caller's
 * transaction: sent by the durable job runner, so a post never waits for a mail server, and a
 * crash after the reply is stored cannot lose the mail. Once per reply.
 */
export async function enqueueReplyMail(db: Db, replyId: number): Promise<void> {
  await enqueueJob(db, {
    kind: REPLY_MAIL_JOB,
    payload: { commentId: replyId },
    uniqueKey: `${REPLY_MAIL_JOB}:${replyId}`,
    maxAttempts: 3,
  });
}

/** Registers the job that sends the reply mail (retried when the mail server fails). */
export function registerReplyMailJob(): void {
  registerJobHandler(REPLY_MAIL_JOB, replyMailPayload, async ({ commentId }, { ctx }) => {
    await notifyReply(ctx, commentId);
  });
}

/**
 * Tells the author of a comment, if they asked for it, that someone replied (once the reply is
 * visible). Every message carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
 */
async function notifyReply(ctx: AppContext, replyId: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('comments as reply')
    .innerJoin('comments as parent', 'parent.id', 'reply.parent_id')
    .innerJoin('readers as author', 'author.id', 'parent.reader_id')
    .innerJoin('readers as replier', 'replier.id', 'reply.reader_id')
    .innerJoin('articles', 'articles.id', 'reply.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'author.id as author_id',
      'author.email',
      'author.notify_replies',
      'replier.id as replier_id',
      'replier.display_name as replier_name',
      'articles.headline',
      'articles.slug',
      'sections.slug as section_slug',
      'reply.id',
    ])
    .where('reply.id', '=', replyId)
    .where('reply.status', '=', 'visible')
    .executeTakeFirst();
  if (row?.notify_replies !== 1 || row.author_id === row.replier_id) return false;
  const { settings } = await loadSiteChrome(ctx.db);
  const url = `${ctx.config.publicUrl}/commentaire/${row.id}`;
  const unsubscribe = `${ctx.config.publicUrl}/lecteurs/desabonnement/${await unsubscribeToken(ctx, row.author_id)}`;
  const subject = `${row.replier_name} vous a répondu sur ${settings.name}`;
  const text = [
    'Bonjour,',
    '',
    `${row.replier_name} a répondu à votre commentaire sous l’article « ${row.headline} » :`,
    url,
    '',
    `Pour ne plus recevoir ces messages : ${unsubscribe}`,
  ].join('\n');
  const body = html`<p>Bonjour,</p><p>${row.replier_name} a répondu à votre commentaire sous l’article «&#8239;${row.headline}&#8239;».</p><p><a href="${url}">Lire la réponse</a></p><p style="font-size:14px;color:#555"><a href="${unsubscribe}">Ne plus recevoir ces messages</a></p>`;
  await mailerFor(ctx.config).send({
    to: row.email,
    subject,
    text,
    html: wrapReaderMail(body),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  return true;
}
