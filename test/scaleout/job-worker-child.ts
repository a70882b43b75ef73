// A job worker in its own process, for the crash tests: it claims due jobs of kind
// "test-hang", says so on stdout ("claimed <id>") and hangs, until the test kills it.
import { z } from 'zod';
import type { AppContext } from '../../src/core/app-context.ts';
import { openDatabase } from '../../src/core/db/database.ts';
import { registerJobHandler, startJobRunner } from '../../src/core/jobs/job-runner.ts';

const database = openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR ?? 'data', poolSize: 2 });
registerJobHandler('test-hang', z.object({}), async (_payload, { job }) => {
  process.stdout.write(`claimed ${job.id}\n`);
  await new Promise(() => {});
});
// A lease far longer than the test: only the liveness check can explain a quick takeover.
const runner = startJobRunner({ db: database.db, dialect: database.dialect } as AppContext, { pollMs: 20, leaseMs: 600_000 });
process.stdout.write(`worker ${runner.workerId}\n`);
// The runner's timers do not hold the process open (a server's listening socket does).
setInterval(() => {}, 1 << 30);
