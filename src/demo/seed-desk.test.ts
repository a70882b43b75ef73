import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { PHOTOS_DIR } from '../wire/wire-folder.ts';
import { DEMO_DEPECHES, DEMO_OUTLETS } from './content/veille.ts';

// The demo's desk and wire, without any network: the outlets' items filed into stories by the
// desk's own detection, and the agency's dropped file read by the wire's first poll.

for (const engine of testDatabases()) {
  describe(`demo desk and wire [${engine.label}]`, () => {
    let t: TestApp;
    let editor: SignedIn;
    let admin: SignedIn;

    before(async () => {
      // A clock given: the demo is seeded here, its agency folder under this data directory.
      t = await createTestApp({ dialect: engine.label, seed: true, now: new Date() });
      editor = await signInAs(t.app, 'editeur');
      admin = await signInAs(t.app, 'administrateur');
    });
    after(() => t?.close());

    test('the desk shows the outlets’ stories, one of them already treated by a pépite', async () => {
      const outlets = await getAs(t.app, editor, '/admin/veille/medias');
      for (const outlet of DEMO_OUTLETS) assert.ok(outlets.body.includes(outlet.name), outlet.name);
      const desk = await getAs(t.app, editor, '/admin/veille');
      assert.equal(desk.statusCode, 200);
      const stories = desk.body.split('data-veille-story').slice(1);
      const serenne = stories.find((s) => /col de la Sérenne/.test(s));
      const quotas = stories.find((s) => /Quotas de pêche/.test(s));
      assert.ok(serenne && quotas, 'both stories are on the desk');
      assert.match(serenne, /3 articles, 3 médias/);
      assert.match(serenne, /Premier : L’Écho des Vallées/);
      assert.match(serenne, /Pas encore traité par la rédaction/);
      assert.match(quotas, /3 articles, 3 médias/);
      assert.match(quotas, /Déjà publié par la rédaction/);
      assert.ok(stories.length >= 5, `the single items too (${stories.length})`);
    });

    test('the first poll of the agency reads its dropped file: the dépêches wait for an editor', async () => {
      await jobRunnerOf(t.app.kiosque)!.runDue();
      const agency = await t.database.db.selectFrom('wire_agencies').selectAll().executeTakeFirstOrThrow();
      assert.equal(agency.last_error, null);
      assert.ok(agency.last_success_at);
      // Stored relative to the wire's root and resolved at each poll: the data directory may move.
      assert.equal(agency.folder_path, 'presse-horizon');
      const held = await t.database.db.selectFrom('wire_items').select(['state', 'headline']).execute();
      assert.deepEqual(
        held.map((h) => h.state),
        DEMO_DEPECHES.map(() => 'held'),
      );
      const queue = await getAs(t.app, editor, '/admin/depeches');
      for (const d of DEMO_DEPECHES) assert.ok(queue.body.includes(d.headline.slice(0, 30)), d.headline);
      const agencies = await getAs(t.app, admin, '/admin/agences');
      assert.match(agencies.body, /Agence Presse Horizon/);
    });

    test('the dépêches’ photos came with them: an editor publishes one, its photo is the main image with its credit', async () => {
      await jobRunnerOf(t.app.kiosque)!.runDue();
      const folder = path.join(t.app.kiosque.config.wireRoot, 'presse-horizon');
      assert.deepEqual(await fs.readdir(path.join(folder, 'photos')), [], 'the photos left the inbox with their file');
      assert.equal((await fs.readdir(path.join(folder, PHOTOS_DIR))).length, DEMO_DEPECHES.filter((d) => d.photo).length);
      const depeche = DEMO_DEPECHES[0]!;
      const row = await t.database.db.selectFrom('wire_items').select('id').where('guid', '=', depeche.guid).executeTakeFirstOrThrow();
      const answer = await postFormAs(t.app, editor, `/admin/depeches/${row.id}/publier`, {});
      assert.equal(answer.headers.location, '/admin/depeches?ok=publiee', 'published with its photo');
      const item = await t.database.db.selectFrom('wire_items').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      const article = await t.database.db.selectFrom('articles').selectAll().where('id', '=', item.article_id!).executeTakeFirstOrThrow();
      assert.ok(article.hero_image_id);
      const page = await getAs(t.app, null, `/international/${article.slug}`);
      assert.equal(page.statusCode, 200);
      const hero = /<div class="article__hero"[\s\S]*?<\/figure>/.exec(page.body)?.[0] ?? '';
      assert.ok(hero.includes(`src="/media/${article.hero_image_id}-`), 'the photo is shown');
      assert.ok(/Crédit photo\s:\sPresse Horizon \/ Lise Marchal/.test(hero), 'with its credit');
    });
  });
}
