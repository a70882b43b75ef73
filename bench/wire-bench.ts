// `npm run bench -- --wire 200`: the wire ingesting N NewsML-G2 dépêches dropped in a watched
// folder (agency rule: publish automatically), per item, against a baseline measured in the same
// run: the same N articles created and published directly through the article operations (what
// the newsroom's own publishing costs, each with a main image already in the media library). The
// ratio is the wire's overhead (reading, parsing, sanitising, versions, moving files, and fetching
// each item's photo from a local photo server and storing it through the media library).

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
import { startPhotoServer } from '../src/wire/test-photo-server.ts';
import { newsMlSample } from '../src/wire/wire-samples.ts';
import { createSection, createSettings } from '../test/support/content-factories.ts';

export interface WireBenchResult {
  items: number;
  ingestMs: number;
  perItemMs: number;
  baselineMs: number;
  baselinePerItemMs: number;
  ratio: number;
  /** Dépêches published with the agency's photo as main image (all of them, when all went well). */
  withPhoto: number;
}

/** Ingests `count` dépêches from a folder, then publishes as many articles directly; returns both timings. */
export async function runWireBench(count: number): Promise<WireBenchResult> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-bench-wire-'));
  const folder = path.join(dataDir, 'agences', 'apc');
  await fs.mkdir(folder, { recursive: true });
  // The photo server is on 127.0.0.1: allowed for this run only.
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    KIOSQUE_DEMO: '0',
    PORT: '0',
    PAGE_CACHE: '1',
    WIRE_ALLOW_PRIVATE: '1',
  });
  const database = openDatabase({ dataDir, databaseUrl: undefined });
  const photos = await startPhotoServer();
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
        await fs.writeFile(file, newsMlSample({ guid: `urn:bench:${i}`, story: i, photoHref: photos.url('quai.jpg') }));
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
      const published = await ctx.db.selectFrom('articles').select(['id', 'hero_image_id']).where('status', '=', 'published').execute();
      if (published.length !== count) throw new Error(`${published.length} dépêches publiées sur ${count}`);
      const withPhoto = published.filter((a) => a.hero_image_id !== null).length;
      const heroImageId = published.find((a) => a.hero_image_id !== null)?.hero_image_id ?? null;

      // Baseline: the same articles, parsed beforehand, created and published by the operations alone.
      const inputs = Array.from({ length: count }, (_, i) => {
        const [item] = parseWireDocument(Buffer.from(newsMlSample({ guid: `urn:base:${i}`, story: i })), 'newsml');
        return wireArticleInput(item!, { name: agency.name, personId: agency.person_id, sectionId: section.id, tags: [] }, heroImageId);
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
        withPhoto,
      };
    } finally {
      await app.close();
    }
  } finally {
    await photos.close();
    await database.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
