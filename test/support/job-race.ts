import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { TestDatabaseHandle } from './databases.ts';

// Races a second server process against the test process on one database (job-race-worker.ts):
// waits for it to boot, lets the test prepare, says "go" to both at once, and checks that it ended
// well. Used by the tests that prove a job runs once across processes.

const WORKER = path.join(import.meta.dirname, 'job-race-worker.ts');

/** The job kinds the second process knows (see job-race-worker.ts). */
export type RaceKind = 'due-jobs' | 'wire-poll' | 'desk-ingest';

/**
 * Starts the second process on `database`, awaits `ready` (what must happen once it has booted),
 * then starts it and `race` together; resolves with the second process's report once it has exited.
 */
export async function raceSecondProcess(options: {
  kind: RaceKind;
  database: Pick<TestDatabaseHandle, 'dataDir' | 'databaseUrl'>;
  env?: Record<string, string>;
  ready?: () => Promise<void>;
  race: () => Promise<unknown>;
}): Promise<string> {
  const worker = spawn(process.execPath, [WORKER, options.kind], {
    env: { ...process.env, DATA_DIR: options.database.dataDir, DATABASE_URL: options.database.databaseUrl ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    let output = '';
    worker.stdout.on('data', (chunk) => (output += String(chunk)));
    const exited = once(worker, 'exit');
    while (!output.includes('ready')) {
      const ended = await Promise.race([once(worker.stdout, 'data').then(() => false), exited.then(() => true)]);
      if (ended) assert.fail(`le second processus s’est arrêté avant d’être prêt : ${output}`);
    }
    await options.ready?.();
    worker.stdin.write('go\n');
    await options.race();
    const [code] = await exited;
    assert.equal(code, 0, output);
    assert.match(output, /"done"/);
    return output;
  } finally {
    worker.kill();
  }
}
