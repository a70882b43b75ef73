import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { getAs } from '../../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import { enqueueJob, jobRunnerOf, startJobRunner, stopJobRunner } from '../../core/jobs/job-runner.ts';
import { multipartBody } from '../../media/test-media-fixtures.ts';
import { ghostExport, ghostPosts } from '../ghost/ghost-fixture.ts';
import { type FixturePost, wxrDocument } from '../wordpress/wxr-fixture.ts';
import { findRun } from './import-run-repository.ts';
import { IMPORT_RUN_JOB } from './import-run-operations.ts';

const SITE = { url: 'https://petit-journal.example', title: 'Le Petit Journal du canton' };

function posts(count: number): FixturePost[] {
  return Array.from({ length: count }, (_, n) => ({
    id: n + 1,
    title: `Conseil communautaire, séance nº ${n + 1}`,
    slug: `conseil-seance-${n + 1}`,
    status: 'publish',
    date: `2020-0${1 + (n % 9)}-1${n % 10} 18:00:00`,
    content: `<p>Compte rendu de la séance nº ${n + 1} : budget, voirie et cantine.</p>`,
    categories: [['vie-publique', 'Vie publique']],
  }));
}

for (const engine of testDatabases()) {
  describe(`import screen [${engine.label}]`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let editor: SignedIn;

    before(async () => {
      t = await createTestApp({ dialect: engine.label, env: { IMPORT_MAX_BYTES: String(200 * 1024) } });
      await createSettings(t.app.kiosque.db, { name: 'La Gazette des essais' });
      admin = await signInAs(t.app, 'administrateur', { name: 'Agnès Propriétaire' });
      editor = await signInAs(t.app, 'editeur');
      // The test runs the jobs itself, at the moments it checks.
      await stopJobRunner(t.app.kiosque);
      startJobRunner(t.app.kiosque, { pollMs: 3_600_000 });
    });
    after(() => t.close());

    const db = () => t.app.kiosque.db;
    const runJobs = () => jobRunnerOf(t.app.kiosque)!.runDue();
    const articles = async () => (await db().selectFrom('articles').select('id').execute()).length;

    async function send(who: SignedIn, name: string, content: string, fields: Record<string, string> = {}) {
      const body = await multipartBody(fields, { name, type: 'application/octet-stream', bytes: Buffer.from(content) });
      return t.app.inject({
        method: 'POST',
        url: `/admin/import?_csrf=${encodeURIComponent(who.csrfToken)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: who.cookie },
      });
    }

    async function sent(name: string, content: string, fields: Record<string, string> = {}): Promise<number> {
      const response = await send(admin, name, content, fields);
      assert.equal(response.statusCode, 303, response.body.slice(0, 500));
      const id = Number(/^\/admin\/import\/(\d+)\?ok=envoye$/.exec(String(response.headers.location))?.[1]);
      assert.ok(id > 0);
      return id;
    }

    test('send a WXR file, read the check, start the import, read the final report', async () => {
      const screen = await getAs(t.app, admin, '/admin/import');
      assert.equal(screen.statusCode, 200);
      assert.match(screen.body, /<h1>Importer un site<\/h1>/);
      assert.match(screen.body, /enctype="multipart\/form-data"/);

      const id = await sent('canton.xml', wxrDocument(SITE, posts(5)));
      assert.equal((await findRun(db(), id))!.status, 'checking');
      const checking = await getAs(t.app, admin, `/admin/import/${id}?ok=envoye`);
      assert.match(checking.body, /data-import-progress="\/admin\/import\/\d+\/etat"/, 'the island polls the state');
      assert.match(checking.body, /Vérification en cours/);
      const state = await getAs(t.app, admin, `/admin/import/${id}/etat`);
      assert.deepEqual(state.json(), { status: 'checking', done: 0, total: 0 });
      assert.match(String(state.headers['cache-control']), /no-store/);

      await runJobs();
      const checked = await findRun(db(), id);
      assert.equal(checked!.status, 'checked');
      assert.equal(checked!.total, 5);
      assert.equal(await articles(), 0, 'the check writes nothing');
      const report = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.doesNotMatch(report.body, /data-import-progress/);
      assert.match(report.body, /Bilan de la vérification/);
      assert.match(report.body, /<th scope="row">à créer<\/th><td>5<\/td>/);
      assert.match(report.body, /pas d’image principale/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(report.body)![1]!;

      const start = await t.app.inject({
        method: 'POST',
        url: `/admin/import/${id}/lancer`,
        payload: `_csrf=${encodeURIComponent(csrf)}`,
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(start.statusCode, 303, start.body);
      await runJobs();
      const done = await findRun(db(), id);
      assert.equal(done!.status, 'done');
      assert.equal(await articles(), 5);
      const final = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(final.body, /Bilan de l’import/);
      assert.match(final.body, /<th scope="row">créés<\/th><td>5<\/td>/);
      const again = await t.app.inject({
        method: 'POST',
        url: `/admin/import/${id}/lancer`,
        payload: `_csrf=${encodeURIComponent(csrf)}`,
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(again.statusCode, 409, 'started once');
      const audit = await db().selectFrom('audit_log').select('action').where('action', 'like', 'import.%').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['import.check', 'import.start']);
    });

    test('a Ghost file is recognised; a crashed run resumes where its last slice ended', async () => {
      const id = await sent('lanternes.json', ghostExport(ghostPosts()), { siteUrl: 'https://lanternes.example' });
      await runJobs();
      assert.equal((await findRun(db(), id))!.status, 'checked');
      assert.equal((await findRun(db(), id))!.format, 'ghost');
      // As if the import had been started and a slice had done the first three posts before the process died.
      await db().updateTable('import_runs').set({ status: 'importing', done: 3 }).where('id', '=', id).execute();
      await enqueueJob(db(), {
        kind: IMPORT_RUN_JOB,
        payload: { runId: id, step: 'import', startAt: 3 },
        uniqueKey: `${IMPORT_RUN_JOB}:${id}`,
      });
      const before = await articles();
      await runJobs();
      const run = await findRun(db(), id);
      assert.equal(run!.status, 'done');
      assert.equal(run!.done, 6);
      // Posts 4 and 5 (the sixth is a page), and nothing of the first three.
      assert.equal((await articles()) - before, 2);
    });

    test('bad files get a clear French answer; a broken export stops with the reader’s message', async () => {
      const notExport = await send(admin, 'photo.jpg', 'GIF89a…');
      assert.equal(notExport.statusCode, 422);
      assert.match(notExport.body, /ni une exportation WordPress \(\.xml\) ni une exportation Ghost \(\.json\)/);
      const none = await send(admin, '', '');
      assert.equal(none.statusCode, 422);
      assert.match(none.body, /Choisissez le fichier d’exportation/);
      const big = await send(admin, 'enorme.xml', `<rss>${'x'.repeat(210 * 1024)}</rss>`);
      assert.equal(big.statusCode, 413);
      assert.match(big.body, /Fichier trop gros : au plus 0,2 Mo/);
      const badUrl = await send(admin, 'a.json', '{}', { siteUrl: 'javascript:alert(1)' });
      assert.equal(badUrl.statusCode, 422);
      assert.match(badUrl.body, /Adresse invalide/);

      const id = await sent('casse.xml', '<?xml version="1.0"?><rss><channel><title>Coupé');
      await runJobs();
      const run = await findRun(db(), id);
      assert.equal(run!.status, 'failed');
      assert.match(run!.error ?? '', /XML invalide/);
      const page = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(page.body, /L’import s’est arrêté : XML invalide/);
    });

    test('only administrators may import', async () => {
      const screen = await getAs(t.app, editor, '/admin/import');
      assert.equal(screen.statusCode, 403);
      const refused = await send(editor, 'canton.xml', wxrDocument(SITE, posts(1)));
      assert.equal(refused.statusCode, 403);
    });
  });
}
