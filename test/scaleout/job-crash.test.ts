// A worker killed (SIGKILL) the moment it claims a job: the job must not wait for its lease.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { z } from 'zod';
import type { AppContext } from '../../src/core/app-context.ts';
import { enqueueJob, registerJobHandler, startJobRunner } from '../../src/core/jobs/job-runner.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

const CHILD = path.join(import.meta.dirname, 'job-worker-child.ts');

/** Starts the child worker, waits until it claimed a job, kills it with SIGKILL; returns the claimed id. */
async function killAtClaim(handle: TestDatabaseHandle): Promise<number> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, DATA_DIR: handle.dataDir, DATABASE_URL: handle.databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const claimed = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /claimed (\d+)/.exec(output);
      if (match) {
        child.kill('SIGKILL');
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before claiming:\n${output}`)));
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  return claimed;
}

forEachDatabase('jobs survive a worker killed at claim', (engine) => {
  let handle: TestDatabaseHandle;
  const ran: number[] = [];
  before(async () => {
    handle = await engine.open();
    registerJobHandler('test-hang', z.object({}), async (_payload, { job }) => {
      ran.push(job.id);
    });
  });
  after(() => handle.close());

  it('the next process takes the job back at once, not after its lease', async () => {
    const { id } = await enqueueJob(handle.db, { kind: 'test-hang' });
    assert.equal(await killAtClaim(handle), id);
    const row = await handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'running', 'claimed by the dead worker');
    assert.ok(row.locked_until! > new Date(Date.now() + 60_000).toISOString(), 'its lease is far from over');

    // The restart: a new worker on this host sees the dead process and takes its job back.
    const started = Date.now();
    const runner = startJobRunner({ db: handle.db, dialect: handle.dialect } as AppContext, { pollMs: 50 });
    try {
      const read = () => handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      let done = await read();
      while (done.status !== 'done') {
        assert.ok(Date.now() - started < 10_000, 'taken back within seconds');
        await new Promise((resolve) => setTimeout(resolve, 20));
        done = await read();
      }
      assert.deepEqual(ran, [id], 'ran once here');
      assert.equal(done.status, 'done');
      assert.equal(done.attempts, 2);
      const workers = await handle.db.selectFrom('job_workers').select('id').execute();
      assert.deepEqual(
        workers.map((w) => w.id),
        [runner.workerId],
        'the dead worker is forgotten',
      );
    } finally {
      await runner.stop();
    }
  });
});
