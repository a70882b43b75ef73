import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { stopJobRunner } from '../core/jobs/job-runner.ts';
import { pollAgency } from './wire-poll.ts';
import { newsMlSample } from './wire-samples.ts';

for (const engine of testDatabases()) {
  describe(`wire back office [${engine.label}]`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let editor: SignedIn;
    let writer: SignedIn;
    let room: Awaited<ReturnType<typeof createNewsroom>>;
    let root: string;
    let folder: string;

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-routes-'));
      folder = path.join(root, 'apc');
      await fs.mkdir(folder);
      t = await createTestApp({ dialect: engine.label, env: { WIRE_ROOT: root } });
      await stopJobRunner(t.app.kiosque);
      room = await createNewsroom(t.app.kiosque.db);
      admin = await signInAs(t.app, 'administrateur');
      editor = await signInAs(t.app, 'editeur');
      writer = await signInAs(t.app, 'contributeur');
    });
    after(async () => {
      await t.close();
      await fs.rm(root, { recursive: true, force: true });
    });

    const fields = () => ({
      name: 'Agence Presse Continentale',
      sectionId: String(room.section.id),
      tags: 'Fil info, International',
      rule: 'hold',
      format: 'newsml',
      folderPath: folder,
      pullUrl: '',
      pollSeconds: '30',
      enabled: '1',
    });

    test('bad input: 422 with every problem in French, nothing stored', async () => {
      const response = await postFormAs(t.app, admin, '/admin/agences', {
        ...fields(),
        name: '',
        sectionId: '999999',
        folderPath: 'relatif/apc',
        pullUrl: 'ftp://apc.example/fil',
        pollSeconds: '1',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /L’agence n’a pas été ajoutée/);
      assert.match(response.body, /Nom : obligatoire/);
      assert.match(response.body, /chemin absolu attendu/);
      assert.match(response.body, /Adresse de relevé : une adresse http\(s\) complète est attendue/);
      assert.match(response.body, /Intervalle : 5 secondes au moins/);
      const noSource = await postFormAs(t.app, admin, '/admin/agences', { ...fields(), folderPath: '', pullUrl: '' });
      assert.equal(noSource.statusCode, 422);
      assert.match(noSource.body, /Source : donnez un dossier surveillé, une adresse de relevé, ou les deux/);
      const outside = await postFormAs(t.app, admin, '/admin/agences', { ...fields(), folderPath: '/etc' });
      assert.equal(outside.statusCode, 422);
      assert.match(outside.body, /Dossier surveillé : il doit se trouver dans .* \(réglage WIRE_ROOT\)/);
      const unknownSection = await postFormAs(t.app, admin, '/admin/agences', { ...fields(), sectionId: '999999' });
      assert.equal(unknownSection.statusCode, 422);
      assert.match(unknownSection.body, /Rubrique : elle n’existe pas/);
      assert.equal((await t.app.kiosque.db.selectFrom('wire_agencies').selectAll().execute()).length, 0);
    });

    test('an administrator adds an agency; an editor publishes its held dépêche; others are refused', async () => {
      assert.equal((await getAs(t.app, editor, '/admin/agences')).statusCode, 403);
      assert.equal((await postFormAs(t.app, editor, '/admin/agences', fields())).statusCode, 403);
      const created = await postFormAs(t.app, admin, '/admin/agences', fields());
      assert.equal(created.statusCode, 303);
      const location = String(created.headers.location);
      assert.match(location, /^\/admin\/agences\/\d+\?ok=ajoutee$/);
      const id = Number(/\/(\d+)\?/.exec(location)![1]);
      const page = await getAs(t.app, admin, location);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /L’agence est ajoutée/);
      assert.match(page.body, /Pas encore relevée/);

      const file = path.join(folder, 'apc.xml');
      await fs.writeFile(file, newsMlSample({ guid: 'urn:routes:1', story: 1 }));
      await fs.utimes(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      await fs.writeFile(path.join(folder, 'casse.xml'), '<newsItem');
      await fs.utimes(path.join(folder, 'casse.xml'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      await pollAgency(t.app.kiosque, id);
      const health = await getAs(t.app, admin, `/admin/agences/${id}`);
      assert.match(health.body, /Erreur au dernier relevé/);
      assert.match(health.body, /fichier casse\.xml : XML invalide/);

      assert.equal((await getAs(t.app, writer, '/admin/depeches')).statusCode, 403);
      const queue = await getAs(t.app, editor, '/admin/depeches');
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, /Grève des contrôleurs aériens/);
      assert.match(queue.body, /APC \/ Karim Benali/);
      assert.match(queue.body, /<summary>Lire la dépêche<\/summary><div class="prose"><p>Un préavis de grève/);
      assert.doesNotMatch(queue.body, /<script>alert/);
      const itemId = /action="\/admin\/depeches\/(\d+)\/publier"/.exec(queue.body)![1];
      assert.equal((await postFormAs(t.app, writer, `/admin/depeches/${itemId}/publier`, {})).statusCode, 403);
      assert.equal((await postFormAs(t.app, editor, `/admin/depeches/${itemId}/publier`, {}, { csrf: false })).statusCode, 403);
      const published = await postFormAs(t.app, editor, `/admin/depeches/${itemId}/publier`, {});
      assert.equal(published.statusCode, 303);
      // The invented agency's photo host does not exist: published without it, and the editor is told.
      assert.equal(published.headers.location, '/admin/depeches?ok=publiee&photo=injoignable');
      const again = await postFormAs(t.app, editor, `/admin/depeches/${itemId}/publier`, {});
      assert.equal(again.statusCode, 409);

      const article = await t.app.kiosque.db
        .selectFrom('articles')
        .select(['slug', 'status', 'created_by_user_id'])
        .where('format', '=', 'depeche')
        .executeTakeFirstOrThrow();
      assert.equal(article.status, 'published');
      assert.equal(article.created_by_user_id, editor.userId);
      const publicPage = await getAs(t.app, null, `/international/${article.slug}`);
      assert.equal(publicPage.statusCode, 200);
      assert.match(publicPage.body, /Agence Presse Continentale/);
      assert.equal((await getAs(t.app, admin, '/admin/agences/abc')).statusCode, 404);

      // Without WIRE_ALLOW_PRIVATE, a pull URL on this machine is refused before anything is sent.
      const local = await postFormAs(t.app, admin, '/admin/agences', {
        ...fields(),
        name: 'Agence Locale',
        folderPath: '',
        pullUrl: 'http://127.0.0.1:9/fil.xml',
      });
      const localId = Number(/\/(\d+)\?/.exec(String(local.headers.location))![1]);
      await pollAgency(t.app.kiosque, localId);
      assert.match((await getAs(t.app, admin, `/admin/agences/${localId}`)).body, /adresse 127\.0\.0\.1 privée ou locale refusée/);
    });
  });
}
