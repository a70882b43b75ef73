import { NEWSLETTERS_TAG } from './signup-block.ts';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { parseBlocks } from './edition-blocks.ts';
import { personalise, renderEdition, type RenderedEdition } from './edition-render.ts';
import { manageToken, newsletterSecret, unsubscribeToken } from './newsletter-links.ts';
import { endSubscriptions, findNewsletter, type NewsletterRow } from './newsletter-repository.ts';
import {
  createNewsletterTransport,
  type EditionMessage,
  messageIdFor,
  returnPathFor,
  type NewsletterTransport,
} from './newsletter-transport.ts';
import { claimRecipients, listRecipients, nextRetryAt, releaseDeadClaims, settleRecipient } from './send-log.ts';

export const NEWSLETTER_SEND_JOB = 'newsletter-send';
/** A soft failure (4xx, connection lost) is tried this many times, then given up and counted. */
export const SOFT_ATTEMPTS = 3;
/** Wait before retrying a soft failure, times the attempts so far. */
export const SOFT_RETRY_MS = 30_000;

const payloadSchema = z.object({ editionId: z.number().int().positive() });

/** Queues the sending of an edition (now, or at its time); one job per edition. */
export async function enqueueEditionSend(ctx: Pick<AppContext, 'db'>, editionId: number, runAt?: string): Promise<void> {
  await enqueueJob(ctx.db, {
    kind: NEWSLETTER_SEND_JOB,
    payload: { editionId },
    runAt,
    uniqueKey: `${NEWSLETTER_SEND_JOB}:${editionId}`,
    maxAttempts: 50,
  });
}

/** The two per-recipient links and the headers every edition message carries (RFC 2369, 8058, 5322). */
export function recipientParts(
  ctx: AppContext,
  input: { secret: string; newsletter: NewsletterRow; editionId: number; readerId: number },
): { manage: string; unsubscribe: string; headers: Record<string, string>; messageId: string; returnPath: string } {
  const site = ctx.config.publicUrl;
  const host = new URL(site).hostname;
  const domain = input.newsletter.sender_email.split('@')[1] ?? host;
  const unsubscribe = `${site}/newsletters/desabonnement/${unsubscribeToken(input.secret, input.readerId, input.newsletter.id)}`;
  const manage = `${site}/newsletters/mes-newsletters/${manageToken(input.secret, input.readerId)}`;
  const base = ctx.config.newsletterMail.returnPath ?? input.newsletter.sender_email;
  return {
    manage,
    unsubscribe,
    messageId: messageIdFor(input.editionId, input.readerId, domain),
    returnPath: returnPathFor(base, input.editionId, input.readerId),
    headers: {
      'List-Id': `${encodedPhrase(input.newsletter.name)} <${input.newsletter.slug}.${host}>`,
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** A display phrase for a header, as an RFC 2047 encoded word when it is not plain ASCII. */
function encodedPhrase(text: string): string {
  const clean = text.replace(/[\r\n]/g, ' ');
  return /^[ -~]*$/.test(clean) ? `"${clean.replace(/["\\]/g, '')}"` : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}

/** The message for one recipient, built from the edition rendered once. */
export function messageFor(
  ctx: AppContext,
  input: { secret: string; newsletter: NewsletterRow; editionId: number; readerId: number; email: string; rendered: RenderedEdition },
): EditionMessage {
  const parts = recipientParts(ctx, input);
  const body = personalise(input.rendered, parts);
  return {
    from: { name: input.newsletter.sender_name, address: input.newsletter.sender_email },
    replyTo: input.newsletter.reply_to || undefined,
    to: input.email,
    subject: input.rendered.subject,
    text: body.text,
    html: body.html,
    messageId: parts.messageId,
    returnPath: parts.returnPath,
    headers: parts.headers,
  };
}

/** Renders a stored edition (the same rendering for the preview, the test message and the send). */
export async function renderStoredEdition(
  ctx: AppContext,
  editionId: number,
): Promise<{ newsletter: NewsletterRow; rendered: RenderedEdition }> {
  const edition = await ctx.db.selectFrom('newsletter_editions').selectAll().where('id', '=', editionId).executeTakeFirstOrThrow();
  const newsletter = await findNewsletter(ctx.db, edition.newsletter_id);
  if (!newsletter) throw new Error(`Newsletter ${edition.newsletter_id} introuvable`);
  const rendered = await renderEdition(ctx, newsletter, {
    subject: edition.subject,
    intro: edition.intro,
    blocks: parseBlocks(edition.blocks),
    date: edition.scheduled_at ?? edition.created_at,
  });
  return { newsletter, rendered };
}

/** Whether this worker still holds the edition's job (a worker whose lease was taken over must stop). */
async function stillHolds(ctx: AppContext, editionId: number, worker: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('jobs')
    .select(['locked_by', 'status'])
    .where('unique_key', '=', `${NEWSLETTER_SEND_JOB}:${editionId}`)
    .executeTakeFirst();
  return row?.status === 'running' && row.locked_by === worker;
}

/**
 * Sends an edition: lists its recipients once, takes back the claims of dead workers, then claims
 * and sends batches until none is left. Every message is claimed in the log before it is sent and
 * settled after, so a crash, a restart or a second process never sends a recipient's message
 * twice, except the ones in flight at the crash (sent again with the same Message-ID).
 */
export async function sendEdition(
  ctx: AppContext,
  editionId: number,
  worker: string,
  options: { transport?: NewsletterTransport; holds?: () => Promise<boolean> } = {},
): Promise<void> {
  const edition = await ctx.db.selectFrom('newsletter_editions').selectAll().where('id', '=', editionId).executeTakeFirst();
  if (!edition || edition.status === 'sent' || edition.status === 'draft' || edition.status === 'awaiting_approval') return;
  const nowIso = new Date().toISOString();
  if (edition.started_at === null) {
    await ctx.db.transaction().execute(async (trx) => {
      const recipients = await listRecipients(trx, editionId, edition.newsletter_id);
      await trx
        .updateTable('newsletter_editions')
        .set({ status: 'sending', started_at: nowIso, recipients, updated_at: nowIso })
        .where('id', '=', editionId)
        .execute();
    });
  }
  await releaseDeadClaims(ctx.db, editionId, worker);
  const [{ newsletter, rendered }, secret] = await Promise.all([renderStoredEdition(ctx, editionId), newsletterSecret(ctx)]);
  const transport = options.transport ?? createNewsletterTransport(ctx.config);
  const batchSize = Math.max(20, ctx.config.newsletterMail.maxConnections * 20);
  try {
    for (;;) {
      if (options.holds && !(await options.holds())) return;
      const now = new Date().toISOString();
      const claimed = await claimRecipients(ctx.db, ctx.dialect, { editionId, worker, limit: batchSize, now });
      if (claimed.length === 0) break;
      // As many messages in flight as connections, each recorded as soon as the server took it: at a
      // crash, at most that many were accepted without being recorded (and are sent again).
      let next = 0;
      const sendOne = async (r: (typeof claimed)[number]) => {
        const outcome = await transport.send(
          messageFor(ctx, { secret, newsletter, editionId, readerId: r.reader_id, email: r.email, rendered }),
        );
        const at = new Date().toISOString();
        if (outcome.kind === 'sent') return settleRecipient(ctx.db, { editionId, readerId: r.reader_id, worker, status: 'sent', now: at });
        if (outcome.kind === 'hard') {
          await settleRecipient(ctx.db, { editionId, readerId: r.reader_id, worker, status: 'failed', error: outcome.error, now: at });
          await endSubscriptions(ctx.db, { readerId: r.reader_id, newsletterId: null, status: 'bounced', now: at });
          return;
        }
        if (r.attempts >= SOFT_ATTEMPTS) {
          await settleRecipient(ctx.db, { editionId, readerId: r.reader_id, worker, status: 'given_up', error: outcome.error, now: at });
          await ctx.db
            .updateTable('newsletter_subscriptions')
            .set((eb) => ({ soft_bounces: eb('soft_bounces', '+', 1) }))
            .where('reader_id', '=', r.reader_id)
            .where('newsletter_id', '=', newsletter.id)
            .execute();
          return;
        }
        const retryAt = new Date(Date.now() + SOFT_RETRY_MS * r.attempts).toISOString();
        return settleRecipient(ctx.db, {
          editionId,
          readerId: r.reader_id,
          worker,
          status: 'pending',
          error: outcome.error,
          retryAt,
          now: at,
        });
      };
      await Promise.all(
        Array.from({ length: Math.min(ctx.config.newsletterMail.maxConnections, claimed.length) }, async () => {
          while (next < claimed.length) await sendOne(claimed[next++]);
        }),
      );
    }
  } finally {
    if (!options.transport) transport.close();
  }
  const retry = await nextRetryAt(ctx.db, editionId);
  if (retry) {
    // Soft failures wait: the same job comes back when the first is due.
    await enqueueEditionSend(ctx, editionId, retry);
    return;
  }
  const done = new Date().toISOString();
  await ctx.db
    .updateTable('newsletter_editions')
    .set({ status: 'sent', sent_at: done, updated_at: done })
    .where('id', '=', editionId)
    .execute();
  ctx.pageCache.invalidate([NEWSLETTERS_TAG]); // The public archive lists it now.
}

/** Registers the send job with the runner (called once at boot by the routes). */
export function registerNewsletterJobs(): void {
  registerJobHandler(NEWSLETTER_SEND_JOB, payloadSchema, async ({ editionId }, { ctx, job }) => {
    const worker = job.locked_by ?? 'inconnu';
    await sendEdition(ctx, editionId, worker, { holds: () => stillHolds(ctx, editionId, worker) });
  });
}
