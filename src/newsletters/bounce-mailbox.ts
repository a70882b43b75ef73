import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { handleBounceNotice } from './bounce-handling.ts';
import { bounceNotices } from './bounce-message.ts';

export const BOUNCE_MAILBOX_JOB = 'newsletter-bounce-mailbox';
/** Messages read per pass at most: a full mailbox is worked through over several passes. */
const BATCH = 200;
/** The flag the messages read get, for people who look at the mailbox (the cursor is what counts). */
const HANDLED_FLAGS = ['\\Seen'];

/** Where the bounce mailbox is: imap[s]://user:password@host[:port][/Mailbox] (INBOX by default). */
export function bounceMailboxAddress(url: string): {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
} {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 993 : 143),
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox,
  };
}

/**
 * Queues a reading of the bounce mailbox (when one is configured); one job at a time. At boot
 * (`next` unset) a reading in progress is left alone; the job itself queues the next one.
 */
export async function scheduleBounceMailbox(ctx: Pick<AppContext, 'db' | 'config'>, next?: string): Promise<void> {
  if (!ctx.config.newsletterMail.bounceImap) return;
  await enqueueJob(ctx.db, {
    kind: BOUNCE_MAILBOX_JOB,
    payload: {},
    runAt: next,
    uniqueKey: BOUNCE_MAILBOX_JOB,
    unlessRunning: next === undefined,
  });
}

/** How far a mailbox has been read; a new UIDVALIDITY (the mailbox was made anew) starts it over. */
async function readCursor(db: Db, mailbox: string, uidValidity: number): Promise<number> {
  const row = await db
    .selectFrom('newsletter_bounce_mailbox')
    .select(['uid_validity', 'last_uid'])
    .where('mailbox', '=', mailbox)
    .executeTakeFirst();
  return row && Number(row.uid_validity) === uidValidity ? Number(row.last_uid) : 0;
}

/**
 * Reads the new messages of the bounce mailbox (IMAP, NEWSLETTER_BOUNCE_IMAP_URL) and hands what
 * each says to the bounce rule the webhook uses (bounce-handling.ts). Exactly once across restarts:
 * messages are taken in UID order after the stored cursor, and each message's effect and the
 * cursor's move are one transaction; the messages read are then flagged \Seen (for people: a
 * message someone opened is still read, as the cursor decides). Resolves with how many were read.
 */
export async function readBounceMailbox(ctx: Pick<AppContext, 'db' | 'config'>): Promise<{ read: number; notices: number }> {
  const url = ctx.config.newsletterMail.bounceImap;
  if (!url) return { read: 0, notices: 0 };
  const address = bounceMailboxAddress(url);
  const key = `${address.user}@${address.host}:${address.port}/${address.mailbox}`;
  // Loaded when a mailbox is configured: a server that reads none never loads the IMAP client.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: address.host,
    port: address.port,
    secure: address.secure,
    auth: { user: address.user, pass: address.pass },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  client.on('error', () => {}); // A dropped connection fails the command in progress; the job is retried.
  await client.connect();
  let read = 0;
  let notices = 0;
  try {
    const lock = await client.getMailboxLock(address.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`boîte des rebonds ${address.mailbox} introuvable`);
      const uidValidity = Number(mailbox.uidValidity);
      const last = await readCursor(ctx.db, key, uidValidity);
      // `n:*` also names the highest UID when it is below n (RFC 3501 6.4.8): filtered here.
      const found = mailbox.exists > 0 ? await client.search({ uid: `${last + 1}:*` }, { uid: true }) : [];
      const uids = (found || [])
        .filter((uid) => uid > last)
        .sort((a, b) => a - b)
        .slice(0, BATCH);
      const fetched: { uid: number; source: Buffer }[] = [];
      if (uids.length > 0)
        for await (const message of client.fetch(uids.join(','), { uid: true, source: true }, { uid: true }))
          if (message.source) fetched.push({ uid: message.uid, source: message.source });
      fetched.sort((a, b) => a.uid - b.uid);
      for (const message of fetched) {
        const said = await bounceNotices(message.source).catch(() => []);
        const now = new Date().toISOString();
        await ctx.db.transaction().execute(async (trx) => {
          for (const notice of said) await handleBounceNotice(trx, notice);
          await trx
            .insertInto('newsletter_bounce_mailbox')
            .values({ mailbox: key, uid_validity: uidValidity, last_uid: message.uid, updated_at: now })
            .onConflict((oc) => oc.column('mailbox').doUpdateSet({ uid_validity: uidValidity, last_uid: message.uid, updated_at: now }))
            .execute();
        });
        read++;
        notices += said.length;
      }
      if (fetched.length > 0) await client.messageFlagsAdd(fetched.map((m) => m.uid).join(','), HANDLED_FLAGS, { uid: true, silent: true });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { read, notices };
}

const payloadSchema = z.object({});

/** Registers the reading of the bounce mailbox: every NEWSLETTER_BOUNCE_IMAP_SECONDS, sooner while messages remain. */
export function registerBounceMailboxJob(): void {
  registerJobHandler(BOUNCE_MAILBOX_JOB, payloadSchema, async (_payload, { ctx }) => {
    const { read } = await readBounceMailbox(ctx);
    const delay = read >= BATCH ? 1000 : ctx.config.newsletterMail.bounceImapSeconds * 1000;
    // Queued after this run: the runner's completion of this job leaves a re-enqueued job pending.
    await scheduleBounceMailbox(ctx, new Date(Date.now() + delay).toISOString());
  });
}
