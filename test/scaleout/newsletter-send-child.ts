// A newsletter sending process for the crash test: a job runner that sends due editions to the
// SMTP server named by SINK_URL, until the test kills it (SIGKILL) at some point of the send.
import type { AppContext } from '../../src/core/app-context.ts';
import { loadConfig } from '../../src/core/config.ts';
import { PageCache } from '../../src/core/cache/page-cache.ts';
import { openDatabase } from '../../src/core/db/database.ts';
import { startJobRunner } from '../../src/core/jobs/job-runner.ts';
import { registerNewsletterJobs } from '../../src/newsletters/send-job.ts';

const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  PUBLIC_URL: 'https://journal.exemple.fr',
  NEWSLETTER_SMTP_URL: process.env.SINK_URL,
  NEWSLETTER_MAX_CONNECTIONS: '8',
});
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
// As a web process sends (the default): in a thread at a lower priority.
registerNewsletterJobs({ thread: true });
const runner = startJobRunner(
  { db: database.db, dialect: database.dialect, config, pageCache: new PageCache({ enabled: false }) } as AppContext,
  { pollMs: 20 },
);
process.stdout.write(`worker ${runner.workerId}\n`);
setInterval(() => {}, 1 << 30);
