import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { runImageVariantsJob } from './image-variants-job.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { originalPath } from '../images/image-store.ts';
import { forgedPngHeader, makeJpeg } from '../images/test-fixtures.ts';
import { multipartBody } from './test-media-fixtures.ts';

// A small image limit, so the 413 test sends kilobytes rather than 20 MB.
const IMAGE_LIMIT = 200_000;

forEachDatabase('image uploads', (engine) => {
  let t: TestApp;
  let editor: SignedIn;

  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { MEDIA_MAX_IMAGE_BYTES: String(IMAGE_LIMIT) } });
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t.close());

  async function upload(
    who: SignedIn,
    fields: Record<string, string>,
    file?: { name: string; type: string; bytes: Buffer },
    options: { json?: boolean; csrf?: boolean } = {},
  ) {
    const body = await multipartBody(fields, file);
    const csrf = options.csrf === false ? '' : `?_csrf=${encodeURIComponent(who.csrfToken)}`;
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias${csrf}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who.cookie, ...(options.json === false ? {} : { accept: 'application/json' }) },
    });
  }

  const imageCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('images')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a real JPEG is stored without its EXIF and GPS, and its variants are queued', async () => {
    const jpeg = await makeJpeg(640, 480, { gps: true, orientation: 6 });
    const response = await upload(
      editor,
      { credit: 'AFP / Jeanne Martin', alt: 'Une salle de rédaction', caption: 'Le matin', focalX: '0,25', focalY: '0.75' },
      { name: 'photo.jpg', type: 'image/jpeg', bytes: jpeg },
    );
    assert.equal(response.statusCode, 201, response.body);
    const { item, created, editUrl } = response.json();
    assert.equal(created, true);
    assert.equal(editUrl, `/admin/medias/${item.id}`);
    assert.match(item.thumbnailUrl, new RegExp(`^/media/${item.id}-[0-9a-f]{8}-free-320\\.webp$`));
    // Orientation 6 is a quarter turn: the stored image is upright, 480 × 640.
    assert.deepEqual([item.width, item.height], [480, 640]);

    const row = await t.database.db.selectFrom('images').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.credit, row.alt, row.caption, row.focal_x, row.focal_y],
      ['AFP / Jeanne Martin', 'Une salle de rédaction', 'Le matin', 0.25, 0.75],
    );
    const stored = await sharp(originalPath(t.config.dataDir, row.file_key)).metadata();
    assert.equal(stored.exif, undefined, 'no EXIF (and so no GPS) in the stored original');

    const job = await t.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('unique_key', '=', `variants:image:${item.id}`)
      .executeTakeFirstOrThrow();
    assert.equal(job.kind, 'image-variants');
    assert.deepEqual(JSON.parse(job.payload), { imageId: item.id });

    // The same picture again: the existing image, not a duplicate.
    const again = await upload(editor, { credit: 'Autre crédit' }, { name: 'copie.jpg', type: 'image/jpeg', bytes: jpeg });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().item.id, item.id);
    assert.equal(again.json().item.credit, 'AFP / Jeanne Martin');
  });

  test('a PNG sent by the plain form redirects to its screen', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const response = await upload(
      editor,
      { credit: 'Studio maison', alt: 'Un aplat bleu' },
      { name: 'aplat.png', type: 'image/png', bytes: png },
      { json: false },
    );
    assert.equal(response.statusCode, 303);
    assert.match(response.headers.location as string, /^\/admin\/medias\/\d+\?ok=ajoutee$/);
    const screen = await t.app.inject({ method: 'GET', url: response.headers.location as string, headers: { cookie: editor.cookie } });
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /Image ajoutée/);
    assert.match(screen.body, /value="Studio maison"/);
  });

  test('a script named .jpg is refused from its content (415), and nothing is stored', async () => {
    const before = await imageCount();
    const script = Buffer.from('#!/bin/sh\necho "pas une image"\n');
    const json = await upload(editor, { credit: 'X' }, { name: 'photo.jpg', type: 'image/jpeg', bytes: script });
    assert.equal(json.statusCode, 415);
    assert.equal(json.json().error.code, 'unsupported_media_type');
    assert.match(json.json().error.message, /Format d’image non pris en charge/);

    const form = await upload(editor, { credit: 'X' }, { name: 'photo.jpg', type: 'image/jpeg', bytes: script }, { json: false });
    assert.equal(form.statusCode, 415);
    assert.match(form.body, /role="alert"><p>Format d’image non pris en charge/);
    assert.match(form.body, /value="X"/, 'the typed credit is kept');

    assert.equal(await imageCount(), before);
    const tmp = path.join(t.config.dataDir, 'media', 'tmp');
    assert.deepEqual(fs.existsSync(tmp) ? fs.readdirSync(tmp) : [], [], 'no temporary file left behind');
  });

  test('a file over the limit is refused with 413', async () => {
    const before = await imageCount();
    const big = Buffer.concat([await makeJpeg(64, 64), Buffer.alloc(IMAGE_LIMIT + 10)]);
    const response = await upload(editor, { credit: 'X' }, { name: 'grande.jpg', type: 'image/jpeg', bytes: big });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'payload_too_large');
    assert.match(response.json().error.message, /L’image dépasse la taille maximale de 195\u00a0Ko/);
    assert.equal(await imageCount(), before);
  });

  test('30,000 × 30,000 pixels is refused with 422', async () => {
    const response = await upload(
      editor,
      { credit: 'X' },
      { name: 'bombe.png', type: 'image/png', bytes: forgedPngHeader(30_000, 30_000) },
    );
    assert.equal(response.statusCode, 422);
    assert.match(response.json().error.message, /L’image est trop grande/);
  });

  test('the credit is required: 422 with the message beside the field and the values kept', async () => {
    const jpeg = await makeJpeg(120, 90);
    const json = await upload(editor, { alt: 'Sans crédit', credit: '  ' }, { name: 'a.jpg', type: 'image/jpeg', bytes: jpeg });
    assert.equal(json.statusCode, 422);
    const credit = json.json().error.details.find((d: { path: string }) => d.path === 'credit');
    assert.match(credit.message, /Le crédit est obligatoire/);

    const form = await upload(editor, { alt: 'Sans crédit' }, { name: 'a.jpg', type: 'image/jpeg', bytes: jpeg }, { json: false });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /<span class="field__error" id="image-credit-erreur">Le crédit est obligatoire/);
    assert.match(
      form.body,
      /id="image-credit" name="credit" value="" required maxlength="300" aria-describedby="image-credit-aide image-credit-erreur" aria-invalid="true"/,
    );
    assert.match(form.body, /id="image-alt" name="alt" value="Sans crédit"/);
  });

  test('no CSRF token: 403 and nothing stored', async () => {
    const before = await imageCount();
    const response = await upload(
      editor,
      { credit: 'X' },
      { name: 'a.jpg', type: 'image/jpeg', bytes: await makeJpeg(100, 80) },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal(await imageCount(), before);
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/medias' });
    assert.equal(anonymous.statusCode, 303, 'signed-out visitors are sent to the login page');
  });

  test('a contributor may upload (and correct their own image, see image-own-edit.test.ts) but not delete', async () => {
    const contributor = await signInAs(t.app, 'contributeur');
    const response = await upload(contributor, { credit: 'Pigiste' }, { name: 'c.jpg', type: 'image/jpeg', bytes: await makeJpeg(90, 60) });
    assert.equal(response.statusCode, 201);
    const id = response.json().item.id as number;
    const screen = await t.app.inject({ method: 'GET', url: `/admin/medias/${id}`, headers: { cookie: contributor.cookie } });
    assert.equal(screen.statusCode, 200);
    assert.doesNotMatch(screen.body, /supprimer/);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${id}/supprimer`,
      headers: { cookie: contributor.cookie },
      payload: { _csrf: contributor.csrfToken },
    });
    assert.equal(refused.statusCode, 403);
    const edit = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${id}`,
      headers: { cookie: contributor.cookie },
      payload: { _csrf: contributor.csrfToken, credit: 'Autre' },
    });
    assert.equal(edit.statusCode, 303, 'their own upload');
    assert.ok(await t.database.db.selectFrom('images').select('id').where('id', '=', id).executeTakeFirst());
  });

  test('an image in use cannot be deleted: 409 with the articles that use it', async () => {
    const db = t.database.db;
    const image = await createImage(db);
    const section = await createSection(db);
    const hero = await createArticle(db, { section, headline: 'Le sommet de Bruxelles', hero_image_id: image.id });
    const body = JSON.stringify({ type: 'doc', content: [{ type: 'image', attrs: { imageId: image.id, caption: null, size: null } }] });
    const inBody = await createArticle(db, { section, headline: 'Dans le texte', body });
    // A body using image 1200 when ours is 12 must not count: the text search is confirmed by parsing.
    const lookalike = JSON.stringify({ type: 'doc', content: [{ type: 'image', attrs: { imageId: Number(`${image.id}0`) } }] });
    await createArticle(db, { section, headline: 'Une autre image', body: lookalike });

    const page = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${image.id}/supprimer`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken },
    });
    assert.equal(page.statusCode, 409);
    assert.match(
      page.body,
      new RegExp(`<a href="/admin/articles/${hero.id}">Le sommet de Bruxelles</a> <span class="media-usage__role">\\(image principale\\)`),
    );
    assert.match(page.body, new RegExp(`<a href="/admin/articles/${inBody.id}">Dans le texte</a>`));
    assert.doesNotMatch(page.body, /Une autre image/);

    const json = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${image.id}/supprimer`,
      headers: { cookie: editor.cookie, accept: 'application/json', 'x-csrf-token': editor.csrfToken },
    });
    assert.equal(json.statusCode, 409);
    assert.equal(json.json().error.code, 'conflict');
    assert.deepEqual(
      json.json().error.details.usages.map((u: { id: number }) => u.id),
      [hero.id, inBody.id],
    );
    assert.ok(await db.selectFrom('images').select('id').where('id', '=', image.id).executeTakeFirst(), 'still there');
  });

  test('an unused image is deleted with its files, and the deletion is audited', async () => {
    const created = await upload(editor, { credit: 'À jeter' }, { name: 'd.jpg', type: 'image/jpeg', bytes: await makeJpeg(200, 100) });
    const id = created.json().item.id as number;
    const row = await t.database.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const original = originalPath(t.config.dataDir, row.file_key);
    // Variants on disk, as the job makes them (until then a reader gets the original).
    await runImageVariantsJob(t.app.kiosque, { imageId: id });
    const variant = await t.app.inject({ method: 'GET', url: created.json().item.thumbnailUrl });
    assert.equal(variant.statusCode, 200);
    const variantsDir = path.join(t.config.dataDir, 'media', 'variants', row.file_key.slice(0, 2), row.file_key.replace(/\.\w+$/, ''));
    assert.ok(fs.existsSync(variantsDir));

    const response = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${id}/supprimer`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken },
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/admin/medias?ok=supprimee');
    assert.equal(await t.database.db.selectFrom('images').select('id').where('id', '=', id).executeTakeFirst(), undefined);
    assert.equal(fs.existsSync(original), false);
    assert.equal(fs.existsSync(variantsDir), false);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'media.delete')
      .where('subject_id', '=', String(id))
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, editor.userId);
    assert.equal(JSON.parse(audit.details).credit, 'À jeter');
    const gone = await t.app.inject({ method: 'GET', url: created.json().item.thumbnailUrl });
    assert.equal(gone.statusCode, 404, 'its variants are no longer served');
  });

  test('saving an image updates it and drops the cached pages that show it', async () => {
    const db = t.database.db;
    const image = await createImage(db, { credit: 'Ancien crédit' });
    const article = await createArticle(db, { section: await createSection(db), hero_image_id: image.id });
    const cache = t.app.kiosque.pageCache;
    cache.set('/fake-article', { status: 200, headers: {}, identity: Buffer.from('x'), etag: '"x"', tags: [`article:${article.id}`] });
    assert.ok(cache.get('/fake-article'));

    const invalid = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${image.id}`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken, credit: 'Nouveau', alt: 'Texte', caption: '', focalX: '1.5', focalY: '0.5' },
    });
    assert.equal(invalid.statusCode, 422);
    assert.match(invalid.body, /id="image-focalX-erreur">Indiquez un nombre entre 0 et 1/);
    assert.match(invalid.body, /name="focalX" value="1.5"/);
    assert.equal(
      (await db.selectFrom('images').select('credit').where('id', '=', image.id).executeTakeFirstOrThrow()).credit,
      'Ancien crédit',
    );

    const saved = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${image.id}`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken, credit: 'Nouveau crédit', alt: 'Texte', caption: 'Légende', focalX: '0.2', focalY: '0.3' },
    });
    assert.equal(saved.statusCode, 303);
    const row = await db.selectFrom('images').selectAll().where('id', '=', image.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.credit, row.alt, row.caption, row.focal_x, row.focal_y], ['Nouveau crédit', 'Texte', 'Légende', 0.2, 0.3]);
    assert.equal(cache.get('/fake-article'), undefined, 'the article page is dropped from the cache');

    const noToken = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/${image.id}`,
      headers: { cookie: editor.cookie },
      payload: { credit: 'Sans jeton' },
    });
    assert.equal(noToken.statusCode, 403);
  });

  test('the library searches alt text, caption and credit, and pages', async () => {
    const db = t.database.db;
    await createImage(db, { alt: 'Le port de Marseille au lever du jour', credit: 'Studio' });
    await createImage(db, { alt: 'Un champ', caption: 'Moisson près de Chartres', credit: 'Studio' });
    await createImage(db, { alt: 'Une foule', credit: 'Agence Zèbre' });
    for (let i = 0; i < 25; i++) await createImage(db, { alt: `Série paginée ${i}`, credit: 'Lot' });

    const byAlt = await t.app.inject({ method: 'GET', url: '/admin/medias?q=marseille', headers: { cookie: editor.cookie } });
    assert.equal(byAlt.statusCode, 200);
    assert.match(byAlt.body, /Le port de Marseille/);
    assert.doesNotMatch(byAlt.body, /Un champ/);
    const byCaption = await t.app.inject({ method: 'GET', url: '/admin/medias?q=CHARTRES', headers: { cookie: editor.cookie } });
    assert.match(byCaption.body, /Un champ/);
    const byCredit = await t.app.inject({ method: 'GET', url: '/admin/medias?q=z%C3%A8bre', headers: { cookie: editor.cookie } });
    assert.match(byCredit.body, /Une foule/);
    const none = await t.app.inject({ method: 'GET', url: '/admin/medias?q=%25', headers: { cookie: editor.cookie } });
    assert.match(none.body, /Aucun résultat/);

    const first = await t.app.inject({ method: 'GET', url: '/admin/medias?q=pagin%C3%A9e', headers: { cookie: editor.cookie } });
    assert.match(first.body, /25 images pour/);
    assert.match(first.body, /<a rel="next" href="\/admin\/medias\?q&#61;pagin%C3%A9e&#38;page&#61;2">/);
    const second = await t.app.inject({ method: 'GET', url: '/admin/medias?q=pagin%C3%A9e&page=2', headers: { cookie: editor.cookie } });
    assert.equal((second.body.match(/class="media-card"/g) ?? []).length, 1);
  });

  test('the picker answers JSON for the editor', async () => {
    const db = t.database.db;
    const image = await createImage(db, {
      alt: 'Pour le sélecteur',
      caption: 'Une légende',
      credit: 'Crédit sélecteur',
      width: 1600,
      height: 900,
    });
    const response = await t.app.inject({ method: 'GET', url: '/admin/medias.json?q=s%C3%A9lecteur', headers: { cookie: editor.cookie } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.page, 1);
    assert.equal(body.pages, 1);
    assert.equal(body.items.length, 1);
    const [item] = body.items;
    assert.deepEqual(
      { ...item, thumbnailUrl: undefined, url: undefined },
      {
        id: image.id,
        alt: 'Pour le sélecteur',
        caption: 'Une légende',
        credit: 'Crédit sélecteur',
        width: 1600,
        height: 900,
        thumbnailUrl: undefined,
        url: undefined,
      },
    );
    assert.match(item.thumbnailUrl, /-free-320\.webp$/);

    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/medias.json', headers: { accept: 'application/json' } });
    assert.ok([401, 303].includes(anonymous.statusCode));
  });
});
