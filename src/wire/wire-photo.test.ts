import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { stopJobRunner } from '../core/jobs/job-runner.ts';
import { createAgency } from './agency-operations.ts';
import { publishHeld } from './held-operations.ts';
import { parseWireDocument } from './parse-wire.ts';
import { applyWireItem, publishWireItem } from './wire-ingest.ts';
import { fetchWirePhoto, PHOTO_FAILURE_NOTICES } from './wire-photo.ts';
import { findAgency, findItem } from './wire-repository.ts';
import { ninjsSample } from './wire-samples.ts';
import { type PhotoServer, startPhotoServer } from './test-photo-server.ts';

// An agency's photo, served by a local photo server: stored once as the dépêche's main image with
// the agency's caption and credit; a missing, oversized, non-image or silent photo leaves the
// dépêche published without it and tells the editor why. 127.0.0.1 is reached only because this
// app is started with WIRE_ALLOW_PRIVATE=1; without it the same address is refused unasked.

for (const engine of testDatabases()) {
  describe(`wire photos [${engine.label}]`, () => {
    let t: TestApp;
    let ctx: AppContext;
    let root: string;
    let photos: PhotoServer;
    let editor: SignedIn;
    let agencyId: number;
    let guids = 0;

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-photo-'));
      t = await createTestApp({ dialect: engine.label, env: { WIRE_ALLOW_PRIVATE: '1', WIRE_ROOT: root } });
      ctx = t.app.kiosque;
      await stopJobRunner(ctx);
      const room = await createNewsroom(ctx.db);
      editor = await signInAs(t.app, 'editeur');
      photos = await startPhotoServer();
      await fs.mkdir(path.join(root, 'apc'));
      agencyId = await createAgency(ctx, SYSTEM_ACTOR, {
        name: 'Agence Presse Continentale',
        sectionId: room.section.id,
        rule: 'hold',
        format: 'ninjs',
        folderPath: path.join(root, 'apc'),
      });
    });
    after(async () => {
      await photos?.close();
      await t?.close();
      await fs.rm(root, { recursive: true, force: true });
    });

    /** A ninjs item whose photo is at `photo` on the local server, held for an editor; returns its row id and GUID. */
    async function held(photo: string, version = 1, guid = `urn:photo:${++guids}`) {
      const agency = (await findAgency(ctx.db, agencyId))!;
      const [item] = parseWireDocument(Buffer.from(ninjsSample({ guid, version, photoHref: photos.url(photo) })), 'ninjs');
      await applyWireItem(ctx, agency, item!);
      return { id: (await findItem(ctx.db, agencyId, guid))!.id, guid, item: item! };
    }

    const articleRow = (id: number) => ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const imageCount = async () => (await ctx.db.selectFrom('images').select('id').execute()).length;

    test('the editor publishes: the photo is stored once, credited, and shown on the public page', async () => {
      const before = await imageCount();
      const { id, guid, item } = await held('quai.jpg');
      assert.equal(photos.hits.get('/quai.jpg') ?? 0, 0, 'nothing fetched while the item is held');

      const answer = await postFormAs(t.app, editor, `/admin/depeches/${id}/publier`, {});
      assert.equal(answer.statusCode, 303);
      assert.equal(answer.headers.location, '/admin/depeches?ok=publiee');
      const itemRow = (await findItem(ctx.db, agencyId, guid))!;
      const article = await articleRow(itemRow.article_id!);
      assert.equal(article.status, 'published');
      assert.ok(article.hero_image_id, 'the photo is the main image');
      const image = await ctx.db.selectFrom('images').selectAll().where('id', '=', article.hero_image_id!).executeTakeFirstOrThrow();
      assert.equal(image.credit, 'APC / Lucie Moreau');
      assert.equal(image.caption, 'Le nouveau quai d’avitaillement, au petit matin');
      assert.equal(image.alt, 'Le nouveau quai d’avitaillement, au petit matin');
      assert.deepEqual([image.width, image.height, image.mime], [640, 400, 'image/jpeg']);
      assert.equal(await imageCount(), before + 1);
      // Shown as the main image, so no longer listed as a link under the text.
      assert.doesNotMatch(article.body, /quai\.jpg/);

      const page = await getAs(t.app, null, `/international/${article.slug}`);
      assert.equal(page.statusCode, 200);
      const hero = /<div class="article__hero"[\s\S]*?<\/figure>/.exec(page.body)?.[0] ?? '';
      assert.ok(hero.includes(`src="/media/${image.id}-`), 'the main image is the stored photo');
      assert.ok(/Crédit photo\s:\sAPC \/ Lucie Moreau/.test(hero), 'with its credit');

      // A retried job, then a corrected version: the main image is kept, never fetched nor stored again.
      const agency = (await findAgency(ctx.db, agencyId))!;
      const again = await publishWireItem(ctx, SYSTEM_ACTOR, agency, item, (await findItem(ctx.db, agencyId, guid))!);
      assert.deepEqual(again.photo, { kind: 'kept', imageId: image.id });
      const [v2] = parseWireDocument(Buffer.from(ninjsSample({ guid, version: 2, photoHref: photos.url('quai.jpg') })), 'ninjs');
      assert.equal(await applyWireItem(ctx, agency, v2!), 'published');
      assert.equal((await articleRow(article.id)).hero_image_id, image.id);
      assert.equal(photos.hits.get('/quai.jpg'), 1);
      assert.equal(await imageCount(), before + 1);
    });

    test('a crash after storing the photo: the next run finds the same image, not a second one', async () => {
      const { id } = await held('quai.jpg');
      const before = await imageCount();
      // The photo was stored by a run that died before saving the article: the bytes are the same.
      const { articleId, photo } = await publishHeld(ctx, SYSTEM_ACTOR, id);
      assert.equal(photo.kind, 'stored');
      assert.equal(await imageCount(), before, 'content-addressed: the same picture is the same image');
      assert.ok((await articleRow(articleId)).hero_image_id);
    });

    for (const [file, code] of [
      ['absente.jpg', 'introuvable'],
      ['enorme.jpg', 'trop-lourde'],
      ['page.jpg', 'pas-une-image'],
      ['fausse.jpg', 'pas-une-image'],
    ] as const) {
      test(`a photo that cannot be had (${file}) does not stop the dépêche; the editor is told why`, async () => {
        const before = await imageCount();
        const { id, guid } = await held(file);
        const answer = await postFormAs(t.app, editor, `/admin/depeches/${id}/publier`, {});
        assert.equal(answer.statusCode, 303);
        assert.equal(answer.headers.location, `/admin/depeches?ok=publiee&photo=${code}`);
        const article = await articleRow((await findItem(ctx.db, agencyId, guid))!.article_id!);
        assert.equal(article.status, 'published');
        assert.equal(article.hero_image_id, null);
        assert.match(article.body, new RegExp(file.replace('.', '\\.')), 'the credited link stays under the text');
        assert.equal(await imageCount(), before);
        const queue = await getAs(t.app, editor, answer.headers.location as string);
        assert.match(queue.body, /La dépêche est publiée\./);
        assert.ok(queue.body.includes(PHOTO_FAILURE_NOTICES[code].slice(0, 40)), queue.body.slice(0, 200));
      });
    }

    test('a silent photo server: given up after the time limit', async () => {
      const agency = (await findAgency(ctx.db, agencyId))!;
      const photo = { href: photos.url('muette.jpg'), caption: '', credit: '' };
      const outcome = await fetchWirePhoto(
        ctx,
        SYSTEM_ACTOR,
        photo,
        { headline: 'Titre', agencyName: agency.name },
        { maxBytes: 1024, timeoutMs: 300 },
      );
      assert.equal(outcome.kind === 'failed' && outcome.code, 'delai');
    });

    test('without WIRE_ALLOW_PRIVATE, a photo on a local address is refused before any request', async () => {
      const production = { ...ctx, config: { ...ctx.config, wireAllowPrivate: false } };
      const hitsBefore = photos.hits.get('/quai.jpg') ?? 0;
      const photo = { href: photos.url('quai.jpg'), caption: '', credit: '' };
      const outcome = await fetchWirePhoto(production, SYSTEM_ACTOR, photo, { headline: 'Titre', agencyName: 'APC' });
      assert.equal(outcome.kind === 'failed' && outcome.code, 'injoignable');
      assert.match(outcome.kind === 'failed' ? outcome.reason : '', /127\.0\.0\.1 privée ou locale refusée/);
      assert.equal(photos.hits.get('/quai.jpg') ?? 0, hitsBefore);
    });
  });
}
