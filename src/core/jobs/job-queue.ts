import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import type { Database, JobTable } from '../db/schema.ts';

/** A row of the jobs table. */
export type JobRow = Selectable<JobTable>;

/** What a feature asks the runner to do, now or later. */
export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  /** When the job becomes due (ISO 8601 or Date); default now. */
  runAt?: string | Date;
  /** At most one job per key: enqueueing again replaces its payload and time (e.g. a rescheduled article). */
  uniqueKey?: string;
  /** With a uniqueKey: leave a job of that key alone while it runs (its handler may queue its own next run). */
  unlessRunning?: boolean;
  maxAttempts?: number;
}

/**
 * Adds a job. With a uniqueKey, an existing job of that key is reset to pending with the new
 * payload and time, whatever its state: a worker still running the old one will not overwrite it
 * (completion is guarded by the claim, see `finishJob`), and handlers are idempotent.
 */
export async function enqueueJob(db: Db, job: NewJob): Promise<{ id: number }> {
  const now = new Date().toISOString();
  const runAt = job.runAt === undefined ? now : new Date(job.runAt).toISOString();
  const payload = JSON.stringify(job.payload ?? {});
  const row = {
    kind: job.kind,
    payload,
    unique_key: job.uniqueKey ?? null,
    run_at: runAt,
    created_at: now,
    max_attempts: job.maxAttempts ?? 5,
  };
  const query = db.insertInto('jobs').values(row);
  const inserted = await (job.uniqueKey
    ? query.onConflict((oc) => {
        const update = oc.column('unique_key').doUpdateSet({
          kind: job.kind,
          payload,
          run_at: runAt,
          status: 'pending',
          attempts: 0,
          max_attempts: row.max_attempts,
          locked_by: null,
          locked_until: null,
          last_error: null,
          finished_at: null,
        });
        return job.unlessRunning ? update.where('jobs.status', '!=', 'running') : update;
      })
    : query
  )
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: Number(inserted.id) };
  // Left alone because it runs: the running job is the one.
  const running = await db.selectFrom('jobs').select('id').where('unique_key', '=', job.uniqueKey!).executeTakeFirstOrThrow();
  return { id: Number(running.id) };
}

/** Removes the pending job of a key (e.g. an article taken off the schedule); running jobs finish. */
export async function cancelJob(db: Db, uniqueKey: string): Promise<boolean> {
  const result = await db.deleteFrom('jobs').where('unique_key', '=', uniqueKey).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Which kinds of job a worker takes: only these, or all but these (a process dedicated to some kinds). */
export interface JobKinds {
  only?: readonly string[];
  except?: readonly string[];
}

/** True when some job is due or its lease has run out: a cheap read, so idle polling takes no write lock. */
export async function hasDueJob(db: Db, now: string, kinds: JobKinds = {}): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => dueCondition(eb, now))
    .where((eb) => kindCondition(eb, kinds))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims one due job for this worker, atomically: two processes never get the same job.
 * PostgreSQL locks the chosen row with FOR UPDATE SKIP LOCKED, so a concurrent claim picks
 * another row; SQLite runs the whole UPDATE under its single writer lock, and the outer WHERE
 * re-checks the state. A running job whose lease expired (its worker crashed) is due again.
 */
export async function claimJob(
  db: Db,
  dialect: Dialect,
  workerId: string,
  leaseMs: number,
  now: Date = new Date(),
  kinds: JobKinds = {},
): Promise<JobRow | undefined> {
  const nowIso = now.toISOString();
  const lockedUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', locked_by: workerId, locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) => {
      const pick = eb
        .selectFrom('jobs')
        .select('id')
        .where((w) => dueCondition(w, nowIso))
        .where((w) => kindCondition(w, kinds))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1);
      return dialect === 'postgres' ? pick.forUpdate().skipLocked() : pick;
    })
    .where((eb) => dueCondition(eb, nowIso))
    .returningAll()
    .executeTakeFirst();
  return claimed;
}

/** Marks a claimed job done, if this worker still holds it (it may have been re-enqueued meanwhile). */
export async function finishJob(db: Db, job: JobRow, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date().toISOString(), locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Records a failure of a claimed job: back to pending at `retryAt` while attempts remain,
 * else failed for good (kept with its last error for the operators).
 */
export async function failJob(db: Db, job: JobRow, workerId: string, error: string, retryAt: Date | null): Promise<void> {
  const finalFailure = retryAt === null || job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set(
      finalFailure
        ? { status: 'failed', finished_at: new Date().toISOString(), locked_by: null, locked_until: null, last_error: error.slice(0, 2000) }
        : { status: 'pending', run_at: retryAt.toISOString(), locked_by: null, locked_until: null, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
}

// Pending and due, or running with an expired lease (the worker that held it died).
function dueCondition(eb: ExpressionBuilder<Database, 'jobs'>, nowIso: string) {
  return eb.or([
    eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
    eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', nowIso)]),
  ]);
}

function kindCondition(eb: ExpressionBuilder<Database, 'jobs'>, kinds: JobKinds) {
  return eb.and([
    ...(kinds.only ? [eb('kind', 'in', kinds.only.length ? [...kinds.only] : [''])] : []),
    ...(kinds.except?.length ? [eb('kind', 'not in', [...kinds.except])] : []),
  ]);
}

/** A job runner's identity: jobs.locked_by names it, job_workers keeps it alive. */
export interface WorkerIdentity {
  id: string;
  host: string;
  pid: number;
}

/**
 * Records that this worker is alive (insert or refresh its row) and extends the lease of every
 * job it is running, so a long job keeps its claim while a dead worker's claim runs out soon.
 */
export async function beat(db: Db, worker: WorkerIdentity, leaseMs: number, now: Date = new Date()): Promise<void> {
  const nowIso = now.toISOString();
  await db
    .insertInto('job_workers')
    .values({ id: worker.id, host: worker.host, pid: worker.pid, started_at: nowIso, heartbeat_at: nowIso })
    .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: nowIso }))
    .execute();
  await db
    .updateTable('jobs')
    .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('status', '=', 'running')
    .where('locked_by', '=', worker.id)
    .execute();
}

/** Removes this worker's row when it stops (its jobs are finished or handed back first). */
export async function retireWorker(db: Db, worker: WorkerIdentity): Promise<void> {
  await db.deleteFrom('job_workers').where('id', '=', worker.id).execute();
}

/**
 * Hands the running jobs of dead workers back to the queue, due at once; returns how many. A
 * worker is dead when it stopped beating for `deadAfterMs`, or, on this host, when its process is
 * gone (or has our pid without being one of this process's live runners, `localIds`: we are its
 * restart). So a restarted server takes back the jobs it held when it was killed, without
 * waiting for their lease.
 */
export async function reclaimFromDeadWorkers(
  db: Db,
  self: WorkerIdentity,
  localIds: ReadonlySet<string>,
  deadAfterMs: number,
  now: Date = new Date(),
): Promise<number> {
  const workers = await db.selectFrom('job_workers').select(['id', 'host', 'pid', 'heartbeat_at']).execute();
  const limit = new Date(now.getTime() - deadAfterMs).toISOString();
  const dead = workers
    .filter((w) => w.id !== self.id && !localIds.has(w.id))
    .filter((w) => w.heartbeat_at < limit || (w.host === self.host && (w.pid === self.pid || !processAlive(w.pid))))
    .map((w) => w.id);
  // Jobs held by a worker that has no row at all (it was never registered, or was removed) and whose
  // lease ran out are due again by dueCondition; nothing to do for them here.
  if (dead.length === 0) return 0;
  const released = await db
    .updateTable('jobs')
    .set({ status: 'pending', locked_by: null, locked_until: null })
    .where('status', '=', 'running')
    .where('locked_by', 'in', dead)
    .executeTakeFirst();
  await db.deleteFrom('job_workers').where('id', 'in', dead).execute();
  return Number(released.numUpdatedRows);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
