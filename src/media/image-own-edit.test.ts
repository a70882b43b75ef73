import { fieldMessage } from '../../test/support/newsroom.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { canEditImage } from '../accounts/policy.ts';
import { makeJpeg } from '../images/test-fixtures.ts';
import { multipartBody } from './test-media-fixtures.ts';

// Who may correct an image's credit and alt text: a contributor the images they uploaded, the
// journalists and editors every image. And the editor's in-place upload requires the alt text.

forEachDatabase('correction des images par qui les a ajoutées', (engine) => {
  let t: TestApp;
  let contributor: SignedIn;
  let otherContributor: SignedIn;
  let editor: SignedIn;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    contributor = await signInAs(t.app, 'contributeur', { name: 'Paul Pigiste' });
    otherContributor = await signInAs(t.app, 'contributeur', { name: 'Inès Invitée' });
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t.close());

  let seed = 0;
  async function upload(who: SignedIn, fields: Record<string, string>) {
    seed += 1;
    const body = await multipartBody(fields, { name: 'photo.jpg', type: 'image/jpeg', bytes: await makeJpeg(320 + seed, 240) });
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias?_csrf=${encodeURIComponent(who.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who.cookie, accept: 'application/json' },
    });
  }
  const save = (who: SignedIn, id: number, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/admin/medias/${id}`,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who.csrfToken, ...fields }).toString(),
    });
  const stored = (id: number) =>
    t.database.db
      .selectFrom('images')
      .select(['credit', 'alt', 'uploaded_by_user_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ credit: r.credit, alt: r.alt, uploadedBy: r.uploaded_by_user_id }));

  test('the policy: own images for a contributor, every image for journalists and editors', () => {
    const own = { uploadedByUserId: contributor.actor.userId };
    const theirs = { uploadedByUserId: otherContributor.actor.userId };
    assert.equal(canEditImage(contributor.actor, own), true);
    assert.equal(canEditImage(contributor.actor, theirs), false);
    assert.equal(canEditImage(contributor.actor, { uploadedByUserId: null }), false);
    assert.equal(canEditImage(editor.actor, theirs), true);
    assert.equal(canEditImage({ ...contributor.actor, role: 'moderateur' }, own), false);
  });

  test('a contributor corrects the credit and alt text of an image they uploaded', async () => {
    const response = await upload(contributor, { credit: 'Paul Pigist', alt: 'Une manifestaton' });
    assert.equal(response.statusCode, 201);
    const id: number = response.json().item.id;
    assert.deepEqual(await stored(id), { credit: 'Paul Pigist', alt: 'Une manifestaton', uploadedBy: contributor.actor.userId });

    const screen = await t.app.inject({ method: 'GET', url: `/admin/medias/${id}`, headers: { cookie: contributor.cookie } });
    assert.match(screen.body, new RegExp(`<form method="post" action="/admin/medias/${id}" class="media-form"`));
    const saved = await save(contributor, id, {
      credit: 'Paul Pigiste',
      alt: 'Une manifestation à Lyon',
      caption: '',
      focalX: '0.5',
      focalY: '0.5',
    });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await stored(id), { credit: 'Paul Pigiste', alt: 'Une manifestation à Lyon', uploadedBy: contributor.actor.userId });
  });

  test('a contributor cannot change someone else’s image: read-only screen, 403, nothing stored; an editor can', async () => {
    const id: number = (await upload(otherContributor, { credit: 'Inès Invitée', alt: 'Un port' })).json().item.id;
    const screen = await t.app.inject({ method: 'GET', url: `/admin/medias/${id}`, headers: { cookie: contributor.cookie } });
    assert.equal(screen.statusCode, 200);
    assert.doesNotMatch(screen.body, /class="media-form"/);
    assert.match(screen.body, /Vous pouvez corriger les images que vous avez ajoutées/);
    const refused = await save(contributor, id, { credit: 'Détourné', alt: 'Détourné' });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Vous ne pouvez pas corriger cette image : seulement celles que vous avez ajoutées/);
    assert.deepEqual(await stored(id), { credit: 'Inès Invitée', alt: 'Un port', uploadedBy: otherContributor.actor.userId });

    assert.equal((await save(editor, id, { credit: 'Inès Invitée / Kiosque', alt: 'Un port au matin' })).statusCode, 303);
    assert.equal((await stored(id)).credit, 'Inès Invitée / Kiosque');
  });

  test('the in-place upload of the editor requires the alt text (422 by field, nothing stored); the library keeps it optional', async () => {
    const count = async () => (await t.database.db.selectFrom('images').select('id').execute()).length;
    const before = await count();
    const refused = await upload(contributor, { credit: 'Paul Pigiste', alt: '  ', altRequired: '1' });
    assert.equal(refused.statusCode, 422);
    assert.match(fieldMessage(refused.json(), 'alt'), /Le texte alternatif est obligatoire/);
    const noCredit = await upload(contributor, { credit: '', alt: 'Un pont', altRequired: '1' });
    assert.equal(noCredit.statusCode, 422);
    assert.match(fieldMessage(noCredit.json(), 'credit'), /Le crédit est obligatoire/);
    assert.equal(await count(), before);
    const decorative = await upload(contributor, { credit: 'Paul Pigiste', alt: '' });
    assert.equal(decorative.statusCode, 201);
  });
});
