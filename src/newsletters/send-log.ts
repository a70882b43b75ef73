import type { Db, Dialect } from '../core/db/database.ts';

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
 * Rows left "sending" by workers that are gone (no longer in job_workers): their message may or
 * may not have been accepted when the worker died. They go back to pending, marked in doubt, and
 * are sent again with the same Message-ID.
 */
export async function releaseDeadClaims(db: Db, editionId: number, self: string): Promise<number> {
  // This worker's own leftovers count too: a worker runs one job at a time, so when it starts the
  // edition's job again (after an error), nothing of that edition is in flight in it.
  const live = (await db.selectFrom('job_workers').select('id').execute()).map((w) => w.id).filter((id) => id !== self);
  let query = db
    .updateTable('newsletter_sends')
    .set({ status: 'pending', worker: null, in_doubt: 1 })
    .where('edition_id', '=', editionId)
    .where('status', '=', 'sending');
  if (live.length) query = query.where('worker', 'not in', live);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ClaimedRecipient {
  reader_id: number;
  email: string;
  attempts: number;
  in_doubt: number;
}

/**
 * Claims up to `limit` due pending rows for this worker: the rows are picked (PostgreSQL locks
 * them and skips rows another worker holds), then updated in the same transaction with the state
 * checked again, so a row is never claimed twice and exactly the updated rows are returned.
 */
export async function claimRecipients(
  db: Db,
  dialect: Dialect,
  input: { editionId: number; worker: string; limit: number; now: string },
): Promise<ClaimedRecipient[]> {
  return db.transaction().execute(async (trx) => {
    const pick = trx
      .selectFrom('newsletter_sends')
      .select('reader_id')
      .where('edition_id', '=', input.editionId)
      .where('status', '=', 'pending')
      .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', input.now)]))
      .orderBy('reader_id')
      .limit(input.limit);
    const ids = (await (dialect === 'postgres' ? pick.forUpdate().skipLocked() : pick).execute()).map((r) => r.reader_id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('newsletter_sends')
      .set((eb) => ({ status: 'sending', worker: input.worker, attempts: eb('attempts', '+', 1) }))
      .where('edition_id', '=', input.editionId)
      .where('status', '=', 'pending')
      .where('reader_id', 'in', ids)
      .returning(['reader_id', 'email', 'attempts', 'in_doubt'])
      .execute();
  });
}

/** Records the outcome of one claimed row, if this worker still holds it. */
export async function settleRecipient(
  db: Db,
  input: {
    editionId: number;
    readerId: number;
    worker: string;
    status: 'sent' | 'failed' | 'given_up' | 'pending';
    error?: string;
    retryAt?: string;
    now: string;
  },
): Promise<void> {
  await db
    .updateTable('newsletter_sends')
    .set({
      status: input.status,
      sent_at: input.status === 'sent' ? input.now : null,
      error: input.error?.slice(0, 500) ?? null,
      next_attempt_at: input.retryAt ?? null,
      worker: input.status === 'pending' ? null : input.worker,
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

/** When the next pending row becomes due (a soft failure waiting), or null when none waits. */
export async function nextRetryAt(db: Db, editionId: number): Promise<string | null> {
  const row = await db
    .selectFrom('newsletter_sends')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('edition_id', '=', editionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const pending = await db
    .selectFrom('newsletter_sends')
    .select('reader_id')
    .where('edition_id', '=', editionId)
    .where('status', 'in', ['pending', 'sending'])
    .limit(1)
    .executeTakeFirst();
  if (!pending) return null;
  return (row?.at as string | null | undefined) ?? new Date().toISOString();
}
