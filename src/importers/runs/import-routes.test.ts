import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { getAs } from '../../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import { enqueueJob, jobRunnerOf, startJobRunner, stopJobRunner } from '../../core/jobs/job-runner.ts';
import { multipartBody } from '../../media/test-media-fixtures.ts';
import { createNewsletter } from '../../newsletters/newsletter-test-fixtures.ts';
import { activeSubscribers, ghostExport, ghostMembership, ghostPosts } from '../ghost/ghost-fixture.ts';
import { numberedPosts as posts, wxrDocument } from '../wordpress/wxr-fixture.ts';
import { SYSTEM_ACTOR } from '../../accounts/policy.ts';
import { importWordPress } from '../wordpress/wordpress-import.ts';
import { findRun } from './import-run-repository.ts';
import { IMPORT_RUN_JOB } from './import-run-operations.ts';

const SITE = { url: 'https://petit-journal.example', title: 'Le Petit Journal du canton' };

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

    /** A back-office form sent as a browser sends it (urlencoded, with its CSRF token). */
    const post = (who: SignedIn, url: string, fields: Record<string, string> = {}, csrf = who.csrfToken) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });

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

      const start = await post(admin, `/admin/import/${id}/lancer`, {}, csrf);
      assert.equal(start.statusCode, 303, start.body);
      await runJobs();
      const done = await findRun(db(), id);
      assert.equal(done!.status, 'done');
      assert.equal(await articles(), 5);
      const final = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(final.body, /Bilan de l’import/);
      assert.match(final.body, /<th scope="row">créés<\/th><td>5<\/td>/);
      const again = await post(admin, `/admin/import/${id}/lancer`, {}, csrf);
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

    /** Imports the first `count` posts of a file as a slice does, cancelled after them (asked after each post). */
    async function importFirst(count: number, content: string): Promise<void> {
      const file = path.join(os.tmpdir(), `kiosque-tranche-${process.pid}.xml`);
      fs.writeFileSync(file, content);
      let asked = 0;
      const report = await importWordPress(t.app.kiosque, SYSTEM_ACTOR, { file, cancelled: async () => ++asked >= count });
      fs.rmSync(file);
      assert.equal(report.complete, false);
      assert.equal(report.created, count, 'stopped after the post in hand, each one whole');
    }

    test('an import is cancelled, what it did stays; it resumes from there, nothing twice', async () => {
      const file = wxrDocument({ url: 'https://annule.example', title: 'La Gazette annulée' }, posts(6, 'seance-annulee'));
      const id = await sent('annule.xml', file);
      await runJobs();
      const checked = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(checked.body, /action="\/admin\/import\/\d+\/annuler"/, 'a checked file can be dropped');
      assert.equal((await post(admin, `/admin/import/${id}/lancer`)).statusCode, 303);
      // As if a slice had imported the first three posts, then the next slice waited in the queue.
      await db().updateTable('import_runs').set({ done: 3 }).where('id', '=', id).execute();
      await importFirst(3, file);
      const importing = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(importing.body, /<button type="submit" class="button button--quiet"[^>]*>Annuler l’import<\/button>/);

      assert.equal((await post(editor, `/admin/import/${id}/annuler`)).statusCode, 403, 'administrators only');
      assert.equal((await post(admin, `/admin/import/${id}/annuler`, {}, 'faux')).statusCode, 403, 'CSRF');
      const cancel = await post(admin, `/admin/import/${id}/annuler`);
      assert.equal(cancel.statusCode, 303);
      assert.equal(cancel.headers.location, `/admin/import/${id}?ok=annule`);
      const before = await articles();
      await runJobs();
      assert.equal(await articles(), before, 'the queued slice does not run');
      const cancelled = await findRun(db(), id);
      assert.equal(cancelled!.status, 'cancelled');
      assert.equal(cancelled!.resume_status, 'importing');
      const page = await getAs(t.app, admin, `/admin/import/${id}?ok=annule`);
      assert.match(page.body, /Import annulé\. Ce qui était déjà importé reste en place/);
      assert.match(page.body, /Annulé après 3 sur 6 articles et pages/);
      assert.match(page.body, />Reprendre l’import<\/button>/);
      assert.doesNotMatch(page.body, /data-import-progress/);
      assert.equal((await post(admin, `/admin/import/${id}/annuler`)).statusCode, 409, 'cancelled once');

      const resume = await post(admin, `/admin/import/${id}/reprendre`);
      assert.equal(resume.statusCode, 303);
      assert.equal(resume.headers.location, `/admin/import/${id}?ok=repris`);
      await runJobs();
      const done = await findRun(db(), id);
      assert.equal(done!.status, 'done');
      assert.equal(done!.done, 6);
      assert.equal(await articles(), before + 3, 'the three others, and the first three not again');
      const slugs = await db().selectFrom('articles').select('slug').where('slug', 'like', 'seance-annulee-%').execute();
      assert.equal(slugs.length, 6);
      assert.equal((await post(admin, `/admin/import/${id}/reprendre`)).statusCode, 409, 'a finished run is not resumed');
      const audit = await db().selectFrom('audit_log').select('action').where('subject_id', '=', String(id)).execute();
      assert.ok(['import.cancel', 'import.resume'].every((a) => audit.some((r) => r.action === a)));
    });

    test('a run that failed for want of permission resumes once it is given back; a broken file cannot be resumed', async () => {
      const lost = await signInAs(t.app, 'administrateur', { name: 'Basile Intérim' });
      const body = await multipartBody(
        {},
        {
          name: 'interim.xml',
          type: 'application/xml',
          bytes: Buffer.from(wxrDocument({ url: 'https://interim.example', title: 'Intérim' }, posts(2, 'seance-interim'))),
        },
      );
      const response = await t.app.inject({
        method: 'POST',
        url: `/admin/import?_csrf=${encodeURIComponent(lost.csrfToken)}`,
        payload: body.payload,
        headers: { ...body.headers, cookie: lost.cookie },
      });
      const id = Number(/\/admin\/import\/(\d+)/.exec(String(response.headers.location))?.[1]);
      const user = await db()
        .selectFrom('audit_log')
        .select('actor_user_id')
        .where('action', '=', 'import.check')
        .where('subject_id', '=', String(id))
        .executeTakeFirstOrThrow();
      await db().updateTable('users').set({ role: 'editeur' }).where('id', '=', user.actor_user_id!).execute();
      await runJobs();
      const failed = await findRun(db(), id);
      assert.equal(failed!.status, 'failed');
      assert.equal(failed!.resume_status, 'checking');
      const page = await getAs(t.app, admin, `/admin/import/${id}`);
      assert.match(page.body, /ne peut plus importer/);
      assert.match(page.body, />Reprendre la vérification<\/button>/);
      await db().updateTable('users').set({ role: 'administrateur' }).where('id', '=', user.actor_user_id!).execute();
      assert.equal((await post(admin, `/admin/import/${id}/reprendre`)).statusCode, 303);
      await runJobs();
      assert.equal((await findRun(db(), id))!.status, 'checked');

      const broken = await sent('casse-encore.xml', '<?xml version="1.0"?><rss><channel><title>Coupé');
      await runJobs();
      const run = await findRun(db(), broken);
      assert.equal(run!.status, 'failed');
      assert.equal(run!.resume_status, null);
      assert.doesNotMatch((await getAs(t.app, admin, `/admin/import/${broken}`)).body, /Reprendre/);
      assert.equal((await post(admin, `/admin/import/${broken}/reprendre`)).statusCode, 409);
    });

    test('a Ghost export’s newsletters are mapped by hand before the run: proposal shown, bad choice refused, choice followed', async () => {
      // Another Ghost site's newsletters (the earlier Ghost run made the fixture's own).
      const membership = ghostMembership();
      membership.newsletters = membership.newsletters.map((n) => ({ ...n, name: `${n.name} bis`, slug: `${n.slug}-bis` }));
      const lettre = await createNewsletter(db(), { name: 'La Lettre des Lanternes bis' });
      const archived = await createNewsletter(db(), { name: 'Ancienne lettre' });
      await db().updateTable('newsletters').set({ active: 0 }).where('id', '=', archived.id).execute();
      const id = await sent('membres.json', ghostExport(ghostPosts(), { title: 'Les Lanternes bis', hash: 'membres-bis' }, membership));
      await runJobs();
      const page = await getAs(t.app, admin, `/admin/import/${id}`);
      const selectIn = (body: string, ghostId: string) =>
        new RegExp(`<select id="import-lettre-\\d" name="newsletter:${ghostId}"[^>]*>(.*?)</select>`).exec(body)?.[1] ?? '';
      const select = (ghostId: string) => selectIn(page.body, ghostId);
      assert.match(select('n-lettre'), new RegExp(`<option value="${lettre.id}" selected>Vers « La Lettre des Lanternes bis »</option>`));
      assert.match(select('n-agenda'), /<option value="create" selected>Créer la newsletter « L’Agenda du week-end bis »<\/option>/);
      assert.match(select('n-festival'), /<option value="skip" selected>Ne pas importer ces abonnés<\/option>/);
      assert.doesNotMatch(page.body, /Ancienne lettre/, 'an archived newsletter is not offered');

      const refused = await post(admin, `/admin/import/${id}/lancer`, {
        'newsletter:n-lettre': String(archived.id),
        'newsletter:n-agenda': 'skip',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /L’import n’a pas été lancé : corrigez les choix signalés/);
      assert.match(refused.body, /aria-invalid="true"/);
      assert.match(selectIn(refused.body, 'n-agenda'), /<option value="skip" selected>Ne pas importer ces abonnés<\/option>/);
      assert.equal((await findRun(db(), id))!.status, 'checked', 'nothing started');

      const choice = { 'newsletter:n-lettre': 'skip', 'newsletter:n-agenda': String(lettre.id), 'newsletter:n-festival': 'skip' };
      assert.equal((await post(admin, `/admin/import/${id}/lancer`, choice)).statusCode, 303);
      assert.deepEqual(JSON.parse((await findRun(db(), id))!.options).newsletters, {
        'n-lettre': 'skip',
        'n-agenda': lettre.id,
        'n-festival': 'skip',
      });
      await runJobs();
      assert.deepEqual(
        await activeSubscribers(db(), lettre.id),
        [['anne.riou@exemple.fr', 'Anne Riou']],
        'the weekend letter’s subscribers (Denis is on Ghost’s suppression list), none of the letter’s',
      );
    });

    test('only administrators may import', async () => {
      const screen = await getAs(t.app, editor, '/admin/import');
      assert.equal(screen.statusCode, 403);
      const refused = await send(editor, 'canton.xml', wxrDocument(SITE, posts(1)));
      assert.equal(refused.statusCode, 403);
    });
  });
}
