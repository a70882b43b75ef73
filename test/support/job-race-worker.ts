// The second server process of the "two processes racing" tests (see job-race.ts): boots the real
// app on the given database (its job runner runs too), says "ready", waits for "go" on stdin, then
// does the job kind named on its command line and prints what it did as one JSON line:
// - `due-jobs`: runs the jobs due now once, through the job runner's claims;
// - `wire-poll`: polls the agency RACE_AGENCY_ID by hand RACE_ROUNDS times, past the claims, to
//   race the test process on the same watched folder;
// - `desk-ingest`: stores the desk items of the JSON file RACE_ITEMS_FILE for the outlet
//   RACE_OUTLET_ID one by one, filing them into stories after each, as a feed poll does, to race
//   the test process's own items.
import fs from 'node:fs/promises';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/core/app-context.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openDatabase } from '../../src/core/db/database.ts';
import { jobRunnerOf } from '../../src/core/jobs/job-runner.ts';
import { upsertItem } from '../../src/desk/desk-repository.ts';
import type { FeedEntry } from '../../src/desk/feed-parse.ts';
import { assignStories } from '../../src/desk/story-store.ts';
import { pollAgency } from '../../src/wire/wire-poll.ts';

const KINDS: Record<string, (ctx: AppContext) => Promise<unknown>> = {
  'due-jobs': async (ctx) => ({ ran: await jobRunnerOf(ctx)!.runDue() }),
  'desk-ingest': async (ctx) => {
    const outlet = await ctx.db
      .selectFrom('desk_outlets')
      .selectAll()
      .where('id', '=', Number(process.env.RACE_OUTLET_ID))
      .executeTakeFirstOrThrow();
    const entries = JSON.parse(await fs.readFile(String(process.env.RACE_ITEMS_FILE), 'utf8')) as FeedEntry[];
    for (const entry of entries) {
      await upsertItem(ctx.db, outlet, null, entry);
      await assignStories(ctx.db);
    }
    return { items: entries.length };
  },
  'wire-poll': async (ctx) => {
    const rounds = Number(process.env.RACE_ROUNDS ?? 3);
    for (let round = 0; round < rounds; round++) await pollAgency(ctx, Number(process.env.RACE_AGENCY_ID));
    return { rounds };
  },
};

const run = KINDS[process.argv[2] ?? ''];
if (!run) throw new Error(`job-race-worker: kind expected (${Object.keys(KINDS).join(', ')})`);
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
process.stdout.write(`${JSON.stringify({ done: await run(app.kiosque) })}\n`);
await app.close();
await database.close();
