import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { updateArticle } from '../articles/operations/index.ts';
import type { AppContext } from '../core/app-context.ts';
import { stopJobRunner } from '../core/jobs/job-runner.ts';
import { createAgency } from './agency-operations.ts';
import { publishHeld } from './held-operations.ts';
import { parseWireDocument } from './parse-wire.ts';
import { type PhotoServer, startPhotoServer } from './test-photo-server.ts';
import { wireArticleInput } from './wire-body.ts';
import { PHOTOS_DIR } from './wire-folder.ts';
import { applyWireItem, mappingOf } from './wire-ingest.ts';
import { PHOTO_FAILURE_NOTICES } from './wire-photo.ts';
import { pollAgency } from './wire-poll.ts';
import { findAgency, findItem } from './wire-repository.ts';
import { ninjsSample } from './wire-samples.ts';

// Dépêches published automatically: a photo that cannot be had is shown to the editors (the wire's
// screen and the dépêche's editor, in French, with the reason); a later version with another photo
// replaces the main image, the same photo is never fetched again, an editor's own image is kept;
// photos delivered in the agency's folder beside its files are used like remote ones.

for (const engine of testDatabases()) {
  describe(`wire photos: automatic publication, versions, delivered files [${engine.label}]`, () => {
    let t: TestApp;
    let ctx: AppContext;
    let root: string;
    let photos: PhotoServer;
    let editor: SignedIn;
    let sectionId: number;
    let agencies = 0;
    let guids = 0;

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-versions-'));
      t = await createTestApp({ dialect: engine.label, env: { WIRE_ALLOW_PRIVATE: '1', WIRE_ROOT: root } });
      ctx = t.app.kiosque;
      await stopJobRunner(ctx);
      sectionId = (await createNewsroom(ctx.db)).section.id;
      editor = await signInAs(t.app, 'editeur');
      photos = await startPhotoServer();
    });
    after(async () => {
      await photos?.close();
      await t?.close();
      await fs.rm(root, { recursive: true, force: true });
    });

    /** A new agency (its own folder under the wire's root); returns its id and folder. */
    async function agency(rule: 'auto' | 'hold') {
      const folder = path.join(root, `agence-${++agencies}`);
      await fs.mkdir(folder);
      const id = await createAgency(ctx, SYSTEM_ACTOR, {
        name: `Agence Presse Continentale ${agencies}`,
        sectionId,
        rule,
        format: 'ninjs',
        folderPath: folder,
      });
      return { id, folder };
    }

    async function apply(agencyId: number, guid: string, version: number, photoHref: string) {
      const row = (await findAgency(ctx.db, agencyId))!;
      const [item] = parseWireDocument(Buffer.from(ninjsSample({ guid, version, photoHref })), 'ninjs');
      return { state: await applyWireItem(ctx, row, item!), item: item!, row };
    }

    const article = (id: number) => ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const imageIds = async () => (await ctx.db.selectFrom('images').select('id').orderBy('id').execute()).map((r) => r.id);

    test('published automatically without its photo: the wire screen and the editor say why, until it has an image', async () => {
      const { id } = await agency('auto');
      const guid = `urn:versions:${++guids}`;
      assert.equal((await apply(id, guid, 1, photos.url('absente.jpg'))).state, 'published');
      const wireRow = (await findItem(ctx.db, id, guid))!;
      assert.equal(wireRow.photo_problem, 'introuvable');
      assert.match(wireRow.photo_reason ?? '', /404/);
      const dépêche = await article(wireRow.article_id!);
      assert.equal(dépêche.status, 'published');
      assert.equal(dépêche.hero_image_id, null);

      const notice = PHOTO_FAILURE_NOTICES.introuvable.slice(0, 50);
      const screen = await getAs(t.app, editor, '/admin/depeches');
      assert.equal(screen.statusCode, 200);
      const section = /<section aria-labelledby="titre-sans-photo"[\s\S]*?<\/section>/.exec(screen.body)?.[0] ?? '';
      assert.ok(section.includes(`href="/admin/articles/${dépêche.id}"`), 'the line links to the dépêche');
      assert.ok(section.includes(notice), 'with the French notice');
      assert.match(section, /Détail : [^<]*404/, 'and the reason');

      const editorScreen = await getAs(t.app, editor, `/admin/articles/${dépêche.id}`);
      assert.equal(editorScreen.statusCode, 200);
      const panel = /<section class="desk-panel" aria-labelledby="wire-panel-title">[\s\S]*?<\/section>/.exec(editorScreen.body)?.[0] ?? '';
      assert.match(panel, /Agence Presse Continentale \d+ · version 1/);
      assert.ok(panel.includes(notice), 'the editor says why too');

      // The agency sends a version whose photo can be had: the dépêche takes it, the line goes.
      assert.equal((await apply(id, guid, 2, photos.url('quai.jpg'))).state, 'published');
      assert.ok((await article(dépêche.id)).hero_image_id);
      assert.equal((await findItem(ctx.db, id, guid))!.photo_problem, null);
      const after = await getAs(t.app, editor, '/admin/depeches');
      assert.ok(!after.body.includes(`href="/admin/articles/${dépêche.id}"`));
      const editorAfter = await getAs(t.app, editor, `/admin/articles/${dépêche.id}`);
      assert.ok(!editorAfter.body.includes(notice));
    });

    test('a later version with another photo replaces the main image; the same photo is never fetched again; an editor’s image is kept', async () => {
      const { id } = await agency('auto');
      const guid = `urn:versions:${++guids}`;
      await apply(id, guid, 1, photos.url('quai.jpg'));
      const articleId = (await findItem(ctx.db, id, guid))!.article_id!;
      const first = (await article(articleId)).hero_image_id!;
      assert.ok(first);
      const quaiHits = photos.hits.get('/quai.jpg') ?? 0;

      // Same photo: kept, not downloaded again.
      await apply(id, guid, 2, photos.url('quai.jpg'));
      assert.equal((await article(articleId)).hero_image_id, first);
      assert.equal(photos.hits.get('/quai.jpg'), quaiHits);

      // Another photo: it becomes the main image; the old one stays in the library.
      const before = await imageIds();
      await apply(id, guid, 3, photos.url('phare.jpg'));
      const second = (await article(articleId)).hero_image_id!;
      assert.ok(second && second !== first, 'the new photo is the main image');
      assert.deepEqual(
        await imageIds(),
        [...before, second].sort((a, b) => a - b),
        'one image added, none removed',
      );
      const stored = await ctx.db.selectFrom('images').selectAll().where('id', '=', second).executeTakeFirstOrThrow();
      assert.deepEqual([stored.width, stored.height, stored.credit], [480, 320, 'APC / Lucie Moreau']);
      assert.equal(photos.hits.get('/phare.jpg'), 1);
      const row = (await findItem(ctx.db, id, guid))!;
      assert.deepEqual([row.photo_href, row.photo_image_id, row.photo_problem], [photos.url('phare.jpg'), second, null]);

      // Its new photo cannot be had: the previous one stays, and the editors are told.
      await apply(id, guid, 4, photos.url('page.jpg'));
      assert.equal((await article(articleId)).hero_image_id, second);
      assert.equal((await findItem(ctx.db, id, guid))!.photo_problem, 'pas-une-image');

      // An editor chooses the first image: a version with yet another photo does not take it off.
      const { item, row: agencyRow } = await apply(id, guid, 5, photos.url('phare.jpg'));
      const current = await article(articleId);
      await updateArticle(ctx, SYSTEM_ACTOR, articleId, current.revision, wireArticleInput(item, mappingOf(agencyRow), first));
      const hits = photos.hits.get('/quai.jpg');
      await apply(id, guid, 6, photos.url('quai.jpg'));
      assert.equal((await article(articleId)).hero_image_id, first);
      assert.equal(photos.hits.get('/quai.jpg'), hits, 'nothing fetched for an article whose image an editor chose');
    });

    test('photos delivered beside the files: kept by content, the dépêche shows them; a reference out of the folder is refused', async () => {
      const { id, folder } = await agency('auto');
      const picture = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#5b8e7d' } })
        .jpeg()
        .toBuffer();
      const past = new Date(Date.now() - 60_000);
      const drop = async (name: string, content: Buffer | string) => {
        const file = path.join(folder, name);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content);
        await fs.utimes(file, past, past);
      };
      // A secret outside the agency's folder, and a link to it inside: never read.
      await fs.writeFile(path.join(root, 'secret.jpg'), picture);
      await fs.symlink(path.join(root, 'secret.jpg'), path.join(folder, 'lien.jpg'));
      await drop('photos/port du matin.jpg', picture);
      await drop('a-v1.json', ninjsSample({ guid: 'urn:livree:1', version: 1, photoHref: 'photos/port%20du%20matin.jpg' }));
      await drop('b.json', ninjsSample({ guid: 'urn:livree:2', version: 1, photoHref: '../../secret.jpg', story: 1 }));
      await drop('c.json', ninjsSample({ guid: 'urn:livree:3', version: 1, photoHref: 'lien.jpg', story: 2 }));
      await pollAgency(ctx, id);

      const first = (await findItem(ctx.db, id, 'urn:livree:1'))!;
      const hero = (await article(first.article_id!)).hero_image_id!;
      assert.ok(hero, 'the delivered photo is the main image');
      const image = await ctx.db.selectFrom('images').selectAll().where('id', '=', hero).executeTakeFirstOrThrow();
      assert.deepEqual([image.width, image.height, image.credit], [600, 400, 'APC / Lucie Moreau']);
      assert.match(first.photo_href ?? '', new RegExp(`^${PHOTOS_DIR}/[0-9a-f]{32}\\.jpg$`));
      assert.deepEqual(await fs.readdir(path.join(folder, 'photos')), [], 'taken out of the inbox');
      assert.equal((await fs.readdir(path.join(folder, PHOTOS_DIR))).length, 1);
      for (const guid of ['urn:livree:2', 'urn:livree:3']) {
        const row = (await findItem(ctx.db, id, guid))!;
        assert.equal(row.state, 'published');
        assert.equal(row.photo_problem, 'introuvable', guid);
        assert.equal((await article(row.article_id!)).hero_image_id, null);
      }
      const published = await getAs(t.app, null, `/international/${(await article(first.article_id!)).slug}`);
      assert.ok(published.body.includes(`src="/media/${hero}-`), 'shown on the public page');

      // The same photo delivered again with version 2: the same file, the same image.
      await drop('photos/port du matin.jpg', picture);
      await drop('a-v2.json', ninjsSample({ guid: 'urn:livree:1', version: 2, photoHref: 'photos/port%20du%20matin.jpg' }));
      const images = await imageIds();
      await pollAgency(ctx, id);
      assert.equal((await findItem(ctx.db, id, 'urn:livree:1'))!.version, 2);
      assert.equal((await article(first.article_id!)).hero_image_id, hero);
      assert.deepEqual(await imageIds(), images);
      assert.equal((await fs.readdir(path.join(folder, PHOTOS_DIR))).length, 1);
    });

    test('a held dépêche with a delivered photo: the editor publishes it later, the photo comes from the folder', async () => {
      const { id, folder } = await agency('hold');
      const picture = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#8e5b7d' } })
        .png()
        .toBuffer();
      const past = new Date(Date.now() - 60_000);
      for (const [name, content] of [
        ['vue.png', picture],
        ['depeche.json', ninjsSample({ guid: 'urn:livree:attente', photoHref: 'vue.png' })],
      ] as const) {
        await fs.writeFile(path.join(folder, name), content);
        await fs.utimes(path.join(folder, name), past, past);
      }
      await pollAgency(ctx, id);
      const held = (await findItem(ctx.db, id, 'urn:livree:attente'))!;
      assert.equal(held.state, 'held');
      const queue = await getAs(t.app, editor, '/admin/depeches');
      assert.match(
        queue.body,
        /Le nouveau quai d’avitaillement, au petit matin <span class="field__hint">\(fichier livré avec la dépêche\)<\/span>/,
      );
      assert.deepEqual((await fs.readdir(folder)).sort(), ['processed'], 'the photo left the inbox with its file');
      const { photo, articleId } = await publishHeld(ctx, SYSTEM_ACTOR, held.id);
      assert.equal(photo.kind, 'stored');
      const image = await ctx.db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', (await article(articleId)).hero_image_id!)
        .executeTakeFirstOrThrow();
      assert.deepEqual([image.width, image.height], [500, 300]);
    });
  });
}
