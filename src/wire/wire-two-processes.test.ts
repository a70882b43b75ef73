import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { raceSecondProcess } from '../../test/support/job-race.ts';
import { createNewsroom } from '../../test/support/newsroom.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { createAgency } from './agency-operations.ts';
import { pollAgency } from './wire-poll.ts';
import { newsMlSample } from './wire-samples.ts';

// Two server processes share one database and one watched folder (two front servers mounting the
// agency's drop): both job runners run, and both also poll the same agency by hand at the same
// moment. Every item must become exactly one dépêche, published once; every file must be moved
// once, to processed/.

const FILES = 16;

for (const engine of testDatabases()) {
  describe(`wire: two processes, one folder [${engine.label}]`, () => {
    let t: TestApp;
    let folder: string;

    before(async () => {
      t = await createTestApp({ dialect: engine.label });
      // Under DATA_DIR/agences, the default WIRE_ROOT of both processes.
      folder = path.join(t.database.dataDir, 'agences', 'apc');
      await fs.mkdir(folder, { recursive: true });
    });
    after(async () => {
      await t.close();
      await fs.rm(folder, { recursive: true, force: true });
    });

    test('each item once, each file once', async () => {
      const ctx = t.app.kiosque;
      const room = await createNewsroom(ctx.db);
      const past = new Date(Date.now() - 60_000);
      for (let i = 0; i < FILES; i++) {
        const file = path.join(folder, `apc-${String(i).padStart(3, '0')}.xml`);
        // Half the items come twice: version 1, then version 2 in a later file.
        const guid = `urn:race:${i % (FILES / 2)}`;
        await fs.writeFile(file, newsMlSample({ guid, version: i < FILES / 2 ? 1 : 2, story: i }));
        await fs.utimes(file, past, past);
      }
      const agencyId = await createAgency(ctx, SYSTEM_ACTOR, {
        name: 'Agence Presse Continentale',
        sectionId: room.section.id,
        rule: 'auto',
        format: 'newsml',
        folderPath: folder,
      });

      await raceSecondProcess({
        kind: 'wire-poll',
        database: t.database,
        env: { RACE_AGENCY_ID: String(agencyId), RACE_ROUNDS: '3' },
        race: async () => {
          for (let round = 0; round < 3; round++) await pollAgency(ctx, agencyId);
        },
      });

      const processed = await fs.readdir(path.join(folder, 'processed'));
      assert.equal(processed.length, FILES, processed.join(', '));
      assert.ok(
        processed.every((name) => /^apc-\d{3}\.xml$/.test(name)),
        'no file moved twice',
      );
      assert.deepEqual(await fs.readdir(folder), ['processed'], 'nothing failed, nothing left');

      const items = await ctx.db.selectFrom('wire_items').selectAll().where('agency_id', '=', agencyId).execute();
      assert.equal(items.length, FILES / 2);
      assert.ok(items.every((item) => item.version === 2 && item.state === 'published' && item.article_id !== null));
      const articles = await ctx.db.selectFrom('articles').select(['id', 'status']).where('format', '=', 'depeche').execute();
      assert.equal(articles.length, FILES / 2, 'one dépêche per GUID');
      assert.ok(articles.every((a) => a.status === 'published'));
      const publishes = await ctx.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'article.publish').execute();
      assert.equal(publishes.length, FILES / 2, 'each dépêche published once');
      const health = await ctx.db
        .selectFrom('wire_agencies')
        .select(['items_received', 'files_failed'])
        .where('id', '=', agencyId)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...health }, { items_received: FILES, files_failed: 0 }, 'each file counted by the process that moved it');
    });
  });
}
