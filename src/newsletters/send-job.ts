import { NEWSLETTERS_TAG } from './signup-block.ts';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { PageCache } from '../core/cache/page-cache.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { audienceCounting } from './audience-counts.ts';
import { parseBlocks } from './edition-blocks.ts';
import { personalise, renderEdition, type RenderedEdition } from './edition-render.ts';
import { manageToken, newsletterSecret, unsubscribeToken } from './newsletter-links.ts';
import { countSoftBounce, endSubscriptions, findNewsletter, type NewsletterRow } from './newsletter-repository.ts';
import {
  createNewsletterTransport,
  type EditionMessage,
  messageIdFor,
  returnPathFor,
  type NewsletterTransport,
} from './newsletter-transport.ts';
import { createSendPacer } from './send-pace.ts';
import {
  type ClaimedRecipient,
  claimRecipients,
  listRecipients,
  nextRetryAt,
  releaseDeadClaims,
  releaseUnstarted,
  settleRecipient,
} from './send-log.ts';
import { sendInThread } from './send-thread.ts';

export const NEWSLETTER_SEND_JOB = 'newsletter-send';
/** A soft failure (4xx, connection lost) is tried this many times, then given up and counted. */
export const SOFT_ATTEMPTS = 3;
/** Wait before retrying a soft failure, times the attempts so far. */
export const SOFT_RETRY_MS = 30_000;
/** Recipients claimed at a time, per SMTP connection: small, so a crash leaves few claims to take back. */
const CLAIMS_PER_CONNECTION = 2;
/** How long a claim is the worker's; a claim not acknowledged by then may be taken by another worker. */
const CLAIM_LEASE_MS = 120_000;
/** A message is not started with less than this left on its claim (the transport's timeouts fit well within it). */
const SEND_BUDGET_MS = 60_000;

const payloadSchema = z.object({ editionId: z.number().int().positive() });

/** What sending needs of the application: configuration, database, and where to say a page changed. */
export type SendContext = Pick<AppContext, 'config' | 'db' | 'dialect'> & { pageCache: Pick<PageCache, 'invalidate'> };

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
  ctx: Pick<AppContext, 'config'>,
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
  ctx: Pick<AppContext, 'config'>,
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

/**
 * Renders a stored edition (the same rendering for the preview, the test message and the send).
 * For the send (`counted`), with the edition's pixel and counted links when its newsletter counts
 * its audience; never for a preview or a test, which would count the newsroom's own looks.
 */
export async function renderStoredEdition(
  ctx: Pick<AppContext, 'config' | 'db'>,
  editionId: number,
  options: { counted?: boolean } = {},
): Promise<{ newsletter: NewsletterRow; rendered: RenderedEdition }> {
  const edition = await ctx.db.selectFrom('newsletter_editions').selectAll().where('id', '=', editionId).executeTakeFirstOrThrow();
  const newsletter = await findNewsletter(ctx.db, edition.newsletter_id);
  if (!newsletter) throw new Error(`Newsletter ${edition.newsletter_id} introuvable`);
  const counting = options.counted && newsletter.count_audience === 1 ? audienceCounting(await newsletterSecret(ctx), editionId) : null;
  const rendered = await renderEdition(
    ctx,
    newsletter,
    {
      subject: edition.subject,
      intro: edition.intro,
      blocks: parseBlocks(edition.blocks),
      date: edition.scheduled_at ?? edition.created_at,
    },
    counting,
  );
  return { newsletter, rendered };
}

/** Whether this worker still holds the edition's job (a worker whose lease was taken over must stop). */
async function stillHolds(ctx: Pick<AppContext, 'db'>, editionId: number, worker: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('jobs')
    .select(['locked_by', 'status'])
    .where('unique_key', '=', `${NEWSLETTER_SEND_JOB}:${editionId}`)
    .executeTakeFirst();
  return row?.status === 'running' && row.locked_by === worker;
}

/**
 * Sends an edition, exactly once per recipient as far as SMTP allows. Recipients are claimed
 * atomically in small batches (two per connection) under a lease; each message's outcome is
 * written the moment its SMTP reply is in, one statement per message, before that connection
 * takes another; a restart (or another worker, once the lease has run out) sends again only
 * rows whose claim was never acknowledged, with the same Message-ID.
 *
 * The window that remains, and cannot be closed from the client side of SMTP: the server has
 * said 250 (or is saying it) and the process dies before the UPDATE leaves it. At most one message
 * per connection is in that window at any instant, so a kill costs at most `maxConnections`
 * copies. The crash test (SIGKILL at ten points of 2,000 messages, 8 connections) measures it and
 * prints it: 13 and 20 copies for ten kills on SQLite, 24 on PostgreSQL (0 to 8 per kill) on a
 * 2-core machine under a load average of 20 to 30, where a reply can wait long for the CPU. A copy
 * carries the same Message-ID, which lets receiving systems and readers' clients drop it.
 */
export async function sendEdition(
  ctx: SendContext,
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
  const [{ newsletter, rendered }, secret] = await Promise.all([
    renderStoredEdition(ctx, editionId, { counted: true }),
    newsletterSecret(ctx),
  ]);
  const transport = options.transport ?? createNewsletterTransport(ctx.config);
  const lanes = Math.max(1, ctx.config.newsletterMail.maxConnections);
  const pacer = createSendPacer(ctx.db, { batch: lanes });

  // The claimed rows not yet handed to a connection, and when their lease ends.
  let queue: ClaimedRecipient[] = [];
  let leaseEnds = 0;
  let claiming: Promise<void> | null = null;
  let exhausted = false;
  let stopped = false;
  const claimMore = async () => {
    if (options.holds && !(await options.holds())) {
      stopped = true;
      return;
    }
    const now = Date.now();
    const claimed = await claimRecipients(ctx.db, ctx.dialect, {
      editionId,
      worker,
      limit: lanes * CLAIMS_PER_CONNECTION,
      now: new Date(now).toISOString(),
      leaseUntil: new Date(now + CLAIM_LEASE_MS).toISOString(),
    });
    if (claimed.length === 0) exhausted = true;
    queue = claimed;
    leaseEnds = now + CLAIM_LEASE_MS;
  };
  /** The next recipient for a free connection, claiming a batch when none is left. */
  const take = async (): Promise<(ClaimedRecipient & { leaseEnds: number }) | undefined> => {
    for (;;) {
      if (queue.length > 0) {
        // A message is started only while its claim has time left for a whole SMTP transaction,
        // so no other worker can take the row over while it is on the wire.
        if (Date.now() + SEND_BUDGET_MS < leaseEnds) {
          const [next] = queue.splice(0, 1);
          return { ...next, leaseEnds };
        }
        const late = queue.map((r) => r.reader_id);
        queue = [];
        await releaseUnstarted(ctx.db, { editionId, worker, readerIds: late });
      }
      if (exhausted || stopped) return undefined;
      claiming ??= claimMore().finally(() => {
        claiming = null;
      });
      await claiming;
    }
  };
  const sendOne = async (r: ClaimedRecipient, started: number) => {
    const startedAt = new Date(started).toISOString();
    const outcome = await transport.send(
      messageFor(ctx, { secret, newsletter, editionId, readerId: r.reader_id, email: r.email, rendered }),
    );
    const at = new Date().toISOString();
    const settled = { editionId, readerId: r.reader_id, worker, startedAt, now: at };
    // Nothing between the reply and this write: it is the window described above.
    if (outcome.kind === 'sent') return settleRecipient(ctx.db, { ...settled, status: 'sent' });
    if (outcome.kind === 'hard') {
      await settleRecipient(ctx.db, { ...settled, status: 'failed', error: outcome.error });
      await endSubscriptions(ctx.db, { readerId: r.reader_id, newsletterId: null, status: 'bounced', now: at });
      return;
    }
    if (r.attempts >= SOFT_ATTEMPTS) {
      await settleRecipient(ctx.db, { ...settled, status: 'given_up', error: outcome.error });
      await countSoftBounce(ctx.db, { readerId: r.reader_id, newsletterId: newsletter.id, now: at });
      return;
    }
    const retryAt = new Date(Date.now() + SOFT_RETRY_MS * r.attempts).toISOString();
    return settleRecipient(ctx.db, { ...settled, status: 'pending', error: outcome.error, retryAt });
  };
  try {
    // One message in flight per connection: each connection takes the next recipient as soon as
    // its previous one is settled and the publication's cap gives it a slot (send-pace.ts).
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let r = await take(); r; r = await take()) {
          // The slot is awaited with the recipient in hand, so a slow claim cannot bunch messages.
          const started = await pacer.wait();
          if (started + SEND_BUDGET_MS >= r.leaseEnds) {
            // Waited too long for a slot (a low hourly cap): the claim is handed back, not risked.
            await releaseUnstarted(ctx.db, { editionId, worker, readerIds: [r.reader_id] });
            exhausted = false; // It is pending again: the next claim takes it.
            continue;
          }
          await sendOne(r, started);
        }
      }),
    );
  } finally {
    if (!options.transport) transport.close();
  }
  if (stopped) return; // Another worker holds the job now; nothing claimed is left unstarted.
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

/** Sends an edition as its job does: while this worker still holds the job. */
export function sendEditionForJob(ctx: SendContext, editionId: number, worker: string): Promise<void> {
  return sendEdition(ctx, editionId, worker, { holds: () => stillHolds(ctx, editionId, worker) });
}

/**
 * Registers the send job with the runner: a web process sends in a thread at a lower priority
 * (`thread`, send-thread.ts), a dedicated `newsletter:worker` process, niced as a whole, in place.
 */
export function registerNewsletterJobs(options: { thread: boolean }): void {
  registerJobHandler(NEWSLETTER_SEND_JOB, payloadSchema, async ({ editionId }, { ctx, job }) => {
    const worker = job.locked_by ?? 'inconnu';
    await (options.thread ? sendInThread(ctx, editionId, worker) : sendEditionForJob(ctx, editionId, worker));
  });
}
