import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import {
  beat,
  claimJob,
  failJob,
  finishJob,
  hasDueJob,
  type JobKinds,
  type JobRow,
  reclaimFromDeadWorkers,
  retireWorker,
  type WorkerIdentity,
} from './job-queue.ts';

export { cancelJob, enqueueJob, type JobRow, type NewJob } from './job-queue.ts';

/** What a handler receives besides its payload. */
export interface JobContext {
  ctx: AppContext;
  job: JobRow;
}

interface Registration {
  schema: z.ZodType;
  handler: (payload: unknown, context: JobContext) => Promise<void>;
}

// Core never imports a feature: features register their handlers here (see each feature's jobs file).
const handlers = new Map<string, Registration>();

/** Registers (or replaces) the handler of a job kind; the payload is validated by the schema before each run. */
export function registerJobHandler<S extends z.ZodType>(
  kind: string,
  schema: S,
  handler: (payload: z.infer<S>, context: JobContext) => Promise<void>,
): void {
  handlers.set(kind, { schema, handler: handler as Registration['handler'] });
}

/** Delay before the next attempt: 10 s, 40 s, 2 min 40 s… capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 4 ** Math.max(0, attempts - 1), 3600_000);
}

export interface JobRunnerOptions {
  /** How often to look for due jobs when idle. */
  pollMs?: number;
  /** Names this process in locked_by; default host:pid:random. */
  workerId?: string;
  /** How long a claim holds without renewal before another worker may take the job over (default 15 s). */
  leaseMs?: number;
  /** How often this worker says it is alive and renews its running job's lease (default 2 s). */
  heartbeatMs?: number;
  /** A worker silent this long is dead and its jobs are taken back (default 10 s). */
  deadAfterMs?: number;
  /** Which kinds this runner takes (default all): e.g. a process dedicated to sending newsletters. */
  kinds?: JobKinds;
}

export interface JobRunner {
  readonly workerId: string;
  /** Runs every job due now, one after another; resolves with how many ran. */
  runDue(): Promise<number>;
  /** Stops polling and waits for the job in progress. */
  stop(): Promise<void>;
}

/**
 * Starts polling the jobs table. Safe with several processes on one database: each job is claimed
 * atomically (see claimJob) and failures are retried with growing delays up to max_attempts.
 * The worker beats every 2 s (job_workers), which also renews the short lease of the job it runs;
 * the jobs of a worker that died are taken back as soon as that is known: at once for a dead
 * process on this host (a restart takes back its own jobs), after 10 s of silence elsewhere.
 */
export function startJobRunner(ctx: AppContext, options: JobRunnerOptions = {}): JobRunner {
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 15_000;
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const deadAfterMs = options.deadAfterMs ?? 10_000;
  const kinds = options.kinds ?? {};
  const host = os.hostname();
  const workerId = options.workerId ?? `${host}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const identity: WorkerIdentity = { id: workerId, host, pid: process.pid };
  liveWorkers.add(workerId);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const keepAlive = async () => {
    await beat(ctx.db, identity, leaseMs);
    await reclaimFromDeadWorkers(ctx.db, identity, liveWorkers, deadAfterMs);
  };
  const warn = (error: unknown) => {
    // A lost database connection must not kill the process: log and try again later.
    if (!stopped) process.emitWarning(`Tâches : ${error instanceof Error ? error.message : String(error)}`);
  };
  // Registered (and dead workers' jobs taken back) before the first claim.
  let current: Promise<number> = keepAlive().then(
    () => 0,
    (error: unknown) => {
      warn(error);
      return 0;
    },
  );
  let beating: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = beating.then(keepAlive).catch(warn);
  }, heartbeatMs);
  heartbeat.unref();

  async function runOne(job: JobRow): Promise<void> {
    const registration = handlers.get(job.kind);
    try {
      if (!registration) throw new Error(`Aucun gestionnaire pour les tâches « ${job.kind} »`);
      const parsed = registration.schema.safeParse(JSON.parse(job.payload));
      if (!parsed.success) {
        // A malformed payload will not get better by retrying.
        await failJob(ctx.db, job, workerId, `Données invalides : ${parsed.error.message}`, null);
        return;
      }
      await registration.handler(parsed.data, { ctx, job });
      await finishJob(ctx.db, job, workerId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await failJob(ctx.db, job, workerId, message, new Date(Date.now() + retryDelayMs(job.attempts)));
    }
  }

  async function drain(): Promise<number> {
    let ran = 0;
    let misses = 0;
    while (!stopped) {
      const now = new Date();
      if (!(await hasDueJob(ctx.db, now.toISOString(), kinds))) break;
      const job = await claimJob(ctx.db, ctx.dialect, workerId, leaseMs, now, kinds);
      if (!job) {
        // Another worker took it between our look and our claim: look again, but not forever.
        if (++misses >= 3) break;
        continue;
      }
      misses = 0;
      if (job.attempts > job.max_attempts) {
        // Claimed again after its lease ran out too often: its worker keeps dying on it.
        await failJob(ctx.db, job, workerId, job.last_error ?? 'Abandonnée après expiration répétée du bail', null);
        continue;
      }
      await runOne(job);
      ran++;
    }
    return ran;
  }

  function runDue(): Promise<number> {
    // One drain at a time per runner: a poll during a manual run waits for it.
    current = current.then(drain, drain);
    return current;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runDue().catch(warn).finally(schedule);
    }, pollMs);
    timer.unref();
  }
  schedule();

  const runner: JobRunner = {
    workerId,
    runDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      runners.delete(ctx);
      await current.catch(() => {});
      await beating.catch(() => {});
      await retireWorker(ctx.db, identity).catch(() => {});
      liveWorkers.delete(workerId);
    },
  };
  runners.set(ctx, runner);
  return runner;
}

// The workers of this process (tests run several applications in one process): never taken for dead.
const liveWorkers = new Set<string>();

// The runner of each application, so tests and maintenance code can run due jobs at once.
const runners = new WeakMap<AppContext, JobRunner>();

/** The runner started for this application, if any. */
export function jobRunnerOf(ctx: AppContext): JobRunner | undefined {
  return runners.get(ctx);
}

/** Stops this application's runner (app onClose), waiting for the job in progress. */
export async function stopJobRunner(ctx: AppContext): Promise<void> {
  await runners.get(ctx)?.stop();
}
