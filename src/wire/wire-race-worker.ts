// A second server process for the "two processes, one folder" test (wire-two-processes.test.ts):
// boots the real app on the given database (its job runner polls too), says "ready", waits for
// "go" on stdin, then polls the agency AGENCY_ID by hand ROUNDS times, racing the test process on
// the same folder. Not used outside tests.
import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { pollAgency } from './wire-poll.ts';

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
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) await pollAgency(app.kiosque, Number(process.env.AGENCY_ID));
process.stdout.write('done\n');
await app.close();
await database.close();
