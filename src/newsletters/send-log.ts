import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Dialect } from '../core/db/database.ts';
import type { Database } from '../core/db/schema.ts';

/**
 * The send log: one row per (edition, reader), the primary key, so a recipient can be listed
 * once only. Rows go pending → sending (claimed by one worker, atomically) → sent | failed |
 * given_up. Everything that decides who gets a message is a single conditional statement.
 */

/**
 * Lists the edition's recipients (active subscribers now) in the log, once: a second call, from
 * a restart or another process, adds nobody (the primary key and ON CONFLICT DO NOTHING decide).
 */
export async function listRecipients(db: Db, editionId: number, newsletterId: number): Promise<number> {
  await db
    .insertInto('newsletter_sends')
    .columns(['edition_id', 'reader_id', 'email', 'status'])
    .expression((eb) =>
      eb
        .selectFrom('newsletter_subscriptions')
        .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
        .select((s) => [s.val(editionId).as('edition_id'), 'readers.id', 'readers.email', s.val('pending').as('status')])
        .where('newsletter_subscriptions.newsletter_id', '=', newsletterId)
        .where('newsletter_subscriptions.status', '=', 'active'),
    )
    .onConflict((oc) => oc.columns(['edition_id', 'reader_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('newsletter_sends')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('edition_id', '=', editionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rows left "sending" by workers that are gone (no longer in job_workers): claimed, never
 * acknowledged. Most were never handed to the SMTP server (the rest of the worker's small batch);
 * at most one per connection was, and may or may not have been accepted when the worker died.
 * All go back to pending, marked in doubt, and are sent (again, for those few) with the same
 * Message-ID. This is the fast path of a restart; the lease (claimRecipients) is the slow one.
 */
export async function releaseDeadClaims(db: Db, editionId: number, self: string): Promise<number> {
  // This worker's own leftovers count too: a worker runs one job at a time, so when it starts the
  // edition's job again (after an error), nothing of that edition is in flight in it.
  const live = (await db.selectFrom('job_workers').select('id').execute()).map((w) => w.id).filter((id) => id !== self);
  let query = db
    .updateTable('newsletter_sends')
    .set({ status: 'pending', worker: null, lease_until: null, in_doubt: 1 })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'sending');
  if (live.length) query = query.where('worker', 'not in', live);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives back claimed rows this worker never handed to the SMTP server (not in doubt). */
export async function releaseUnstarted(db: Db, input: { editionId: number; worker: string; readerIds: number[] }): Promise<void> {
  if (input.readerIds.length === 0) return;
  await db
    .updateTable('newsletter_sends')
    .set((eb) => ({ status: 'pending', worker: null, lease_until: null, attempts: eb('attempts', '-', 1) }))
    .where('edition_id', '=', input.editionId)
    .where('status', '=', 'sending')
    .where('worker', '=', input.worker)
    .where('reader_id', 'in', input.readerIds)
    .execute();
}

export interface ClaimedRecipient {
  reader_id: number;
  email: string;
  attempts: number;
  in_doubt: number;
}

/**
 * Claims up to `limit` rows for this worker until `leaseUntil`, in one statement (atomic on both
 * engines, and short: SQLite's single connection is not held across awaits): due pending rows,
 * and rows whose lease ran out without an acknowledgement (their worker vanished without being
 * known dead; they come back in doubt). PostgreSQL skips rows another worker is claiming; the
 * outer conditions are checked again on the locked rows, so a row is never claimed twice.
 *
 * Each kind is picked apart, through the (edition, status, reader) index: a single pick with an
 * OR of the two states walked the edition in reader order past every row already sent, so a
 * claim cost grew with the edition's progress (34 ms at 90,000 sent of 100,000 on SQLite).
 */
export async function claimRecipients(
  db: Db,
  dialect: Dialect,
  input: { editionId: number; worker: string; limit: number; now: string; leaseUntil: string },
): Promise<ClaimedRecipient[]> {
  const claimable = (w: ExpressionBuilder<Database, 'newsletter_sends'>) =>
    w.or([
      w.and([w('status', '=', 'pending'), w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', input.now)])]),
      w.and([w('status', '=', 'sending'), w('lease_until', '<', input.now)]),
    ]);
  const ofEdition = db.selectFrom('newsletter_sends').select('reader_id').where('edition_id', '=', input.editionId);
  const due = ofEdition
    .where('status', '=', 'pending')
    .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', input.now)]))
    .orderBy('reader_id')
    .limit(input.limit);
  const expired = ofEdition.where('status', '=', 'sending').where('lease_until', '<', input.now).orderBy('reader_id').limit(input.limit);
  const locked = <Q extends typeof due>(q: Q) => (dialect === 'postgres' ? q.forUpdate().skipLocked() : q);
  // Materialised, so each pick runs once: inlined as a subquery, PostgreSQL may run it again for
  // each row and claim many times the limit.
  return db
    .with(
      (cte) => cte('due').materialized(),
      () => locked(due),
    )
    .with(
      (cte) => cte('expired').materialized(),
      () => locked(expired),
    )
    .with(
      (cte) => cte('picked').materialized(),
      (w) =>
        w
          .selectFrom((eb) =>
            eb.selectFrom('due').select('due.reader_id').unionAll(eb.selectFrom('expired').select('expired.reader_id')).as('both'),
          )
          .select('both.reader_id')
          .orderBy('both.reader_id')
          .limit(input.limit),
    )
    .updateTable('newsletter_sends')
    .set((eb) => ({
      in_doubt: eb.case().when('status', '=', 'sending').then(1).else(eb.ref('in_doubt')).end(),
      status: 'sending',
      worker: input.worker,
      lease_until: input.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('edition_id', '=', input.editionId)
    .where(claimable)
    .where('reader_id', 'in', (eb) => eb.selectFrom('picked').select('picked.reader_id'))
    .returning(['reader_id', 'email', 'attempts', 'in_doubt'])
    .execute();
}

/**
 * Records the outcome of one claimed row, if this worker still holds it: called for each message
 * as soon as its SMTP reply is in (never batched), so a 250 is on disk one statement later.
 */
export async function settleRecipient(
  db: Db,
  input: {
    editionId: number;
    readerId: number;
    worker: string;
    status: 'sent' | 'failed' | 'given_up' | 'pending';
    error?: string;
    retryAt?: string;
    /** When the message was handed to the SMTP server. */
    startedAt: string;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('newsletter_sends')
    .set({
      status: input.status,
      started_at: input.startedAt,
      sent_at: input.status === 'sent' ? input.now : null,
      error: input.error?.slice(0, 500) ?? null,
      next_attempt_at: input.retryAt ?? null,
      worker: input.status === 'pending' ? null : input.worker,
      lease_until: null,
    })
    .where('edition_id', '=', input.editionId)
    .where('reader_id', '=', input.readerId)
    .where('status', '=', 'sending')
    .where('worker', '=', input.worker)
    .execute();
}

/** Counts by status of an edition's log (the progress shown to editors). */
export async function sendCounts(db: Db, editionId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('newsletter_sends')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * When the edition's job should run again: now if a row is due, the first soft failure's retry
 * time, or the end of another worker's lease; null when nothing is left to send.
 */
export async function nextRetryAt(db: Db, editionId: number): Promise<string | null> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('newsletter_sends')
    .select([
      'status',
      sql<string | null>`min(coalesce(next_attempt_at, ${now}))`.as('retry'),
      (eb) => eb.fn.min('lease_until').as('lease'),
    ])
    .where('edition_id', '=', editionId)
    .where('status', 'in', ['pending', 'sending'])
    .groupBy('status')
    .execute();
  if (rows.length === 0) return null;
  const times = rows.map((r) => (r.status === 'pending' ? r.retry : r.lease) as string | null).map((t) => t ?? now);
  return times.sort()[0];
}
