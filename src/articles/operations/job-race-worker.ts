// A second server process for the "two processes racing" test (article-publishing.test.ts): boots
// the real app on the given database, says "ready", waits for "go" on stdin, runs the due jobs
// once and prints how many it ran. Not used outside tests.
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../core/config.ts';
import { openDatabase } from '../../core/db/database.ts';
import { jobRunnerOf } from '../../core/jobs/job-runner.ts';

const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: process.env.DATA_DIR,
  DATABASE_URL: process.env.DATABASE_URL,
  KIOSQUE_DEMO: '0',
  PORT: '0',
});
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
const app = await buildApp({ config, database });
await app.ready();
process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  process.stdin.on('data', (chunk) => {
    if (String(chunk).includes('go')) resolve();
  });
});
process.stdin.pause();
const ran = await jobRunnerOf(app.kiosque)!.runDue();
process.stdout.write(`${JSON.stringify({ ran })}\n`);
await app.close();
await database.close();
