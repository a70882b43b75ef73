import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { z } from 'zod';
import { forEachDatabase } from '../../../test/support/databases.ts';
import type { TestDatabaseHandle } from '../../../test/support/databases.ts';
import type { AppContext } from '../app-context.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { claimJob } from './job-queue.ts';
import { enqueueJob, registerJobHandler, retryDelayMs, startJobRunner } from './job-runner.ts';

// The runner only needs the database of the application context.
const contextOf = (handle: DatabaseHandle) => ({ db: handle.db, dialect: handle.dialect }) as AppContext;
const past = (ms = 1000) => new Date(Date.now() - ms).toISOString();

forEachDatabase('job runner', (database) => {
  let handle: TestDatabaseHandle;
  const seen: string[] = [];
  let failuresLeft = 0;

  before(async () => {
    handle = await database.open();
    registerJobHandler('test-record', z.strictObject({ label: z.string() }), async ({ label }) => {
      // Slow enough that a second runner would overlap if claims were not exclusive.
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(label);
    });
    registerJobHandler('test-flaky', z.strictObject({}), async () => {
      if (failuresLeft-- > 0) throw new Error('panne passagère');
    });
  });
  after(() => handle.close());

  const job = (id: number) => handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs a due job once, leaves a future one pending', async () => {
    const runner = startJobRunner(contextOf(handle), { pollMs: 60_000 });
    try {
      const due = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 'maintenant' }, runAt: past() });
      const later = await enqueueJob(handle.db, {
        kind: 'test-record',
        payload: { label: 'plus tard' },
        runAt: new Date(Date.now() + 3600_000),
      });
      assert.equal(await runner.runDue(), 1);
      assert.equal(await runner.runDue(), 0);
      assert.ok(seen.includes('maintenant'));
      assert.ok(!seen.includes('plus tard'));
      assert.equal((await job(due.id)).status, 'done');
      assert.equal((await job(later.id)).status, 'pending');
    } finally {
      await runner.stop();
    }
  });

  it('polls on its own', async () => {
    const runner = startJobRunner(contextOf(handle), { pollMs: 20 });
    try {
      const { id } = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 'sondé' } });
      const deadline = Date.now() + 3000;
      while ((await job(id)).status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal((await job(id)).status, 'done');
    } finally {
      await runner.stop();
    }
  });

  it('keeps one job per unique key: enqueueing again moves it', async () => {
    const first = await enqueueJob(handle.db, {
      kind: 'test-record',
      payload: { label: 'a' },
      runAt: new Date(Date.now() + 3600_000),
      uniqueKey: 'cle:1',
    });
    const at = new Date(Date.now() + 7200_000).toISOString();
    const second = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 'b' }, runAt: at, uniqueKey: 'cle:1' });
    assert.equal(second.id, first.id);
    const row = await job(first.id);
    assert.equal(row.run_at, at);
    assert.deepEqual(JSON.parse(row.payload), { label: 'b' });
  });

  it('retries a failing job later, with growing delays, then gives up', async () => {
    assert.ok(retryDelayMs(2) > retryDelayMs(1));
    failuresLeft = 1;
    const runner = startJobRunner(contextOf(handle), { pollMs: 60_000 });
    try {
      const { id } = await enqueueJob(handle.db, { kind: 'test-flaky', runAt: past(), maxAttempts: 2 });
      await runner.runDue();
      let row = await job(id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, 'panne passagère');
      assert.ok(row.run_at > new Date().toISOString(), 'the retry waits');
      // Make it due again: the second attempt succeeds.
      await handle.db.updateTable('jobs').set({ run_at: past() }).where('id', '=', id).execute();
      await runner.runDue();
      row = await job(id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 2);

      failuresLeft = 5;
      const doomed = await enqueueJob(handle.db, { kind: 'test-flaky', runAt: past(), maxAttempts: 2 });
      await runner.runDue();
      await handle.db.updateTable('jobs').set({ run_at: past() }).where('id', '=', doomed.id).execute();
      await runner.runDue();
      row = await job(doomed.id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 2);
      assert.ok(row.finished_at);
    } finally {
      failuresLeft = 0;
      await runner.stop();
    }
  });

  it('fails a job with a malformed payload or no handler without retrying the payload', async () => {
    const runner = startJobRunner(contextOf(handle), { pollMs: 60_000 });
    try {
      const bad = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 42 }, runAt: past() });
      const unknown = await enqueueJob(handle.db, { kind: 'test-nobody-handles-this', runAt: past() });
      await runner.runDue();
      assert.equal((await job(bad.id)).status, 'failed');
      const row = await job(unknown.id);
      assert.equal(row.status, 'pending', 'retried later: another process may know the kind');
      assert.match(row.last_error ?? '', /Aucun gestionnaire/);
      await handle.db.deleteFrom('jobs').where('id', '=', unknown.id).execute();
    } finally {
      await runner.stop();
    }
  });

  it('takes over a job whose worker died once its lease ran out', async () => {
    const { id } = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 'repris' }, runAt: past() });
    // A worker claims it, then "crashes" (never finishes).
    const claimed = await claimJob(handle.db, handle.dialect, 'mort', 60_000);
    assert.equal(claimed?.id, id);
    const runner = startJobRunner(contextOf(handle), { pollMs: 60_000, workerId: 'vivant' });
    try {
      assert.equal(await runner.runDue(), 0, 'not while the lease holds');
      await handle.db.updateTable('jobs').set({ locked_until: past() }).where('id', '=', id).execute();
      assert.equal(await runner.runDue(), 1);
      const row = await job(id);
      assert.equal(row.status, 'done');
      assert.equal(row.attempts, 2);
      assert.ok(seen.includes('repris'));
    } finally {
      await runner.stop();
    }
  });

  it('survives a restart: a job left by a stopped process runs in the next one', async () => {
    const { id } = await enqueueJob(handle.db, {
      kind: 'test-record',
      payload: { label: 'après redémarrage' },
      runAt: new Date(Date.now() + 150),
    });
    const second = openDatabase({ databaseUrl: handle.databaseUrl, dataDir: handle.dataDir, poolSize: 2 });
    const runner = startJobRunner(contextOf(second), { pollMs: 25 });
    try {
      const deadline = Date.now() + 5000;
      while ((await job(id)).status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      assert.equal((await job(id)).status, 'done');
    } finally {
      await runner.stop();
      await second.close();
    }
  });

  it('renews the lease of a job while it runs, so nobody takes over a long job', async () => {
    let release = () => {};
    let claimedAt = 0;
    registerJobHandler('test-long', z.strictObject({}), async () => {
      claimedAt = Date.now();
      await new Promise<void>((resolve) => (release = resolve));
    });
    const { id } = await enqueueJob(handle.db, { kind: 'test-long', runAt: past() });
    const busy = startJobRunner(contextOf(handle), { pollMs: 60_000, leaseMs: 600, heartbeatMs: 50 });
    const other = startJobRunner(contextOf(handle), { pollMs: 60_000 });
    try {
      const running = busy.runDue();
      while (claimedAt === 0 || Date.now() - claimedAt < 1500) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await other.runDue(), 0, 'the lease was renewed past its 600 ms');
      assert.ok((await job(id)).locked_until! > new Date().toISOString());
      release();
      assert.equal(await running, 1);
      assert.equal((await job(id)).status, 'done');
    } finally {
      release();
      await busy.stop();
      await other.stop();
    }
  });

  it('takes back at once the jobs of a worker that stopped beating, whatever its lease', async () => {
    const { id } = await enqueueJob(handle.db, { kind: 'test-record', payload: { label: 'silencieux' }, runAt: past() });
    await claimJob(handle.db, handle.dialect, 'autre-machine:1:abc', 3600_000);
    await handle.db
      .insertInto('job_workers')
      .values({ id: 'autre-machine:1:abc', host: 'autre-machine', pid: 1, started_at: past(120_000), heartbeat_at: past(60_000) })
      .execute();
    const runner = startJobRunner(contextOf(handle), { pollMs: 60_000 });
    try {
      assert.equal(await runner.runDue(), 1);
      assert.equal((await job(id)).status, 'done');
      assert.ok(seen.includes('silencieux'));
    } finally {
      await runner.stop();
    }
  });

  it('never runs a job twice when two processes race on one database', async () => {
    const other = openDatabase({ databaseUrl: handle.databaseUrl, dataDir: handle.dataDir, poolSize: 4 });
    const labels = Array.from({ length: 12 }, (_, i) => `course-${i}`);
    for (const label of labels) await enqueueJob(handle.db, { kind: 'test-record', payload: { label }, runAt: past() });
    const runners = [startJobRunner(contextOf(handle), { pollMs: 60_000 }), startJobRunner(contextOf(other), { pollMs: 60_000 })];
    try {
      const counts = await Promise.all(runners.map((r) => r.runDue()));
      assert.equal(counts[0] + counts[1], labels.length);
      for (const label of labels) assert.equal(seen.filter((s) => s === label).length, 1, label);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await other.close();
    }
  });
});
