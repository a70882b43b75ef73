import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { getAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
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
  });
}
