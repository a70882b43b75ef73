// `npm run bench -- --wire 200`: the wire ingesting N NewsML-G2 dépêches dropped in a watched
// folder (agency rule: publish automatically), per item, against a baseline measured in the same
// run: the same N articles created and published directly through the article operations (what
// the newsroom's own publishing costs). The ratio is the wire's overhead (reading, parsing,
// sanitising, versions, moving files).

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { SYSTEM_ACTOR } from '../src/accounts/policy.ts';
import { createArticle, publishArticle } from '../src/articles/operations/index.ts';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { stopJobRunner } from '../src/core/jobs/job-runner.ts';
import { createAgency } from '../src/wire/agency-operations.ts';
import { parseWireDocument } from '../src/wire/parse-wire.ts';
import { wireArticleInput } from '../src/wire/wire-body.ts';
import { pollAgency } from '../src/wire/wire-poll.ts';
import { newsMlSample } from '../src/wire/wire-samples.ts';
import { createSection, createSettings } from '../test/support/content-factories.ts';

export interface WireBenchResult {
  items: number;
  ingestMs: number;
  perItemMs: number;
  baselineMs: number;
  baselinePerItemMs: number;
  ratio: number;
}

/** Ingests `count` dépêches from a folder, then publishes as many articles directly; returns both timings. */
export async function runWireBench(count: number): Promise<WireBenchResult> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-bench-wire-'));
  const folder = path.join(dataDir, 'agences', 'apc');
  await fs.mkdir(folder, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, KIOSQUE_DEMO: '0', PORT: '0', PAGE_CACHE: '1' });
  const database = openDatabase({ dataDir, databaseUrl: undefined });
  try {
    await migrateToLatest(database.db);
    const app = await buildApp({ config, database });
    await app.ready();
    const ctx = app.kiosque;
    await stopJobRunner(ctx);
    try {
      await createSettings(ctx.db);
      const section = await createSection(ctx.db, { name: 'Fil', slug: 'fil' });
      const past = new Date(Date.now() - 60_000);
      for (let i = 0; i < count; i++) {
        const file = path.join(folder, `apc-${String(i).padStart(6, '0')}.xml`);
        await fs.writeFile(file, newsMlSample({ guid: `urn:bench:${i}`, story: i }));
        await fs.utimes(file, past, past);
      }
      const agencyId = await createAgency(ctx, SYSTEM_ACTOR, {
        name: 'Agence Presse Continentale',
        sectionId: section.id,
        rule: 'auto',
        format: 'newsml',
        folderPath: folder,
      });
      const agency = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', agencyId).executeTakeFirstOrThrow();

      const started = performance.now();
      await pollAgency(ctx, agencyId);
      const ingestMs = performance.now() - started;
      const published = await ctx.db.selectFrom('articles').select('id').where('status', '=', 'published').execute();
      if (published.length !== count) throw new Error(`${published.length} dépêches publiées sur ${count}`);

      // Baseline: the same articles, parsed beforehand, created and published by the operations alone.
      const inputs = Array.from({ length: count }, (_, i) => {
        const [item] = parseWireDocument(Buffer.from(newsMlSample({ guid: `urn:base:${i}`, story: i })), 'newsml');
        return wireArticleInput(item!, { name: agency.name, personId: agency.person_id, sectionId: section.id, tags: [] });
      });
      const baseStarted = performance.now();
      for (const input of inputs) {
        const { id } = await createArticle(ctx, SYSTEM_ACTOR, input);
        await publishArticle(ctx, SYSTEM_ACTOR, id);
      }
      const baselineMs = performance.now() - baseStarted;
      const round = (n: number) => Math.round(n * 100) / 100;
      return {
        items: count,
        ingestMs: Math.round(ingestMs),
        perItemMs: round(ingestMs / count),
        baselineMs: Math.round(baselineMs),
        baselinePerItemMs: round(baselineMs / count),
        ratio: round(ingestMs / baselineMs),
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
