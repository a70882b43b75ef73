import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { LOGIN_LIMITS } from '../../src/accounts/login-throttle.ts';
import { apiClientFor, type ApiClient } from '../../src/api/api-test-client.ts';
import { createArticle, updateArticle } from '../../src/articles/operations/index.ts';
import { forgedPngHeader, makeJpeg } from '../../src/images/test-fixtures.ts';
import { multipartBody } from '../../src/media/test-media-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createNewsroom, formBody, paragraphs, postFormAs, snapshotDatabase } from '../support/newsroom.ts';
import { createUser, csrfPair, signInAs, type SignedIn } from '../support/sign-in.ts';

// What the back office does with input it must refuse: fake and oversized images, broken or
// unexpected JSON, an overlong headline, a save based on a stale revision, a password guessed
// again and again. Each time: a clear French message with a stable status (and code for the
// API), and nothing stored — the database is compared before and after.

forEachDatabase('bad input', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let api: ApiClient;
  let room: Awaited<ReturnType<typeof createNewsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    room = await createNewsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur', { personId: room.staff.id });
    api = await apiClientFor(t.app, 'editeur', { personId: room.staff.id });
  });
  after(() => t?.close());

  /** Files under the data directory's media and images folders (temporary uploads included). */
  function storedFiles(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
      if (!fs.existsSync(dir)) return;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else found.push(path.relative(t.config.dataDir, full));
      }
    };
    for (const dir of ['media', 'images']) walk(path.join(t.config.dataDir, dir));
    return found.sort();
  }

  async function uploadForm(who: SignedIn, file: { name: string; type: string; bytes: Buffer }, accept?: string) {
    const body = await multipartBody({ credit: 'AFP', alt: 'Essai', caption: '' }, file);
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias?_csrf=${encodeURIComponent(who.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who.cookie, ...(accept ? { accept } : {}) },
    });
  }

  async function uploadApi(file: { name: string; type: string; bytes: Buffer }) {
    const body = await multipartBody({ credit: 'AFP', alt: 'Essai' }, file);
    return t.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${api.secret}` },
    });
  }

  test('a script named .jpg: 415 with a French message (form, picker, API), nothing stored', async () => {
    const before = await snapshotDatabase(t.database.db);
    const files = storedFiles();
    const script = { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('<script>alert(1)</script>\n#!/bin/sh\nrm -rf /\n') };
    const form = await uploadForm(editor, script);
    assert.equal(form.statusCode, 415);
    assert.match(form.headers['content-type'] as string, /^text\/html/);
    assert.match(form.body, /Format d’image non pris en charge/);
    assert.ok(!form.body.includes('<script>alert(1)'));
    const picker = await uploadForm(editor, script, 'application/json');
    assert.equal(picker.statusCode, 415);
    assert.equal(picker.json().error.code, 'unsupported_media_type');
    const viaApi = await uploadApi(script);
    assert.equal(viaApi.statusCode, 415);
    assert.equal(viaApi.json().error.code, 'unsupported_media_type');
    assert.match(viaApi.json().error.message, /Format d’image non pris en charge/);
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
    assert.deepEqual(storedFiles(), files, 'no file left behind');
  });

  test('a 30,000 × 30,000 px image (a decompression bomb) and a truncated JPEG: 422 in French, nothing stored', async () => {
    const before = await snapshotDatabase(t.database.db);
    const files = storedFiles();
    const bomb = { name: 'bombe.png', type: 'image/png', bytes: forgedPngHeader(30_000, 30_000) };
    const form = await uploadForm(editor, bomb);
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /L’image est trop grande/);
    const viaApi = await uploadApi(bomb);
    assert.equal(viaApi.statusCode, 422);
    assert.equal(viaApi.json().error.code, 'validation_failed');
    assert.match(viaApi.json().error.message, /L’image est trop grande/);

    const jpeg = await makeJpeg(400, 300);
    const truncated = await uploadForm(
      editor,
      { name: 'coupee.jpg', type: 'image/jpeg', bytes: jpeg.subarray(0, 300) },
      'application/json',
    );
    assert.ok([415, 422].includes(truncated.statusCode), `truncated JPEG → ${truncated.statusCode} ${truncated.body}`);
    assert.match(truncated.json().error.message, /[éèà’]/, 'a French message');
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
    assert.deepEqual(storedFiles(), files);
  });

  test('the API: broken JSON 400 bad_request, not JSON 415, unknown fields 422 naming them; nothing stored', async () => {
    const { id, revision } = await createArticle(t.app.kiosque, editor.actor, {
      format: 'actualite',
      sectionId: room.section.id,
      headline: 'Intact',
      lead: 'Chapô.',
      body: paragraphs('Texte.'),
      authorPersonIds: [room.staff.id],
    });
    const before = await snapshotDatabase(t.database.db);
    const cases = [
      {
        call: api.call('POST', '/articles', '{"headline": "Cassé",', { 'content-type': 'application/json' }),
        status: 400,
        code: 'bad_request',
      },
      {
        call: api.call('PATCH', `/articles/${id}`, '{"revision": 1, ', { 'content-type': 'application/json' }),
        status: 400,
        code: 'bad_request',
      },
      {
        call: api.call('POST', '/articles', 'headline=Texte', { 'content-type': 'text/plain' }),
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        call: api.call('POST', '/articles', { sectionId: room.section.id, headline: 'Titre', body: null, couleur: 'rouge' }),
        status: 422,
        code: 'validation_failed',
        field: 'couleur',
      },
      {
        call: api.call('PATCH', `/articles/${id}`, { revision, headline: 'Autre', isAdmin: true }),
        status: 422,
        code: 'validation_failed',
        field: 'isAdmin',
      },
      {
        call: api.call('POST', '/sections', { name: 'Rubrique', slug: 'rubrique', position: 1, owner: 'moi' }),
        status: 422,
        code: 'validation_failed',
        field: 'owner',
      },
      { call: api.call('POST', '/articles', '[1, 2, 3]', { 'content-type': 'application/json' }), status: 422, code: 'validation_failed' },
    ];
    for (const [i, c] of cases.entries()) {
      const response = await c.call;
      assert.equal(response.statusCode, c.status, `cas ${i} : ${response.body}`);
      const error = response.json().error;
      assert.equal(error.code, c.code, `cas ${i}`);
      assert.ok(error.message.length > 0);
      if (c.field) assert.ok(JSON.stringify(error.details).includes(c.field), `cas ${i} : ${JSON.stringify(error.details)}`);
    }
    // The back office's own JSON endpoint (autosave) refuses broken JSON too.
    const autosave = await t.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': 'application/json', accept: 'application/json' },
      payload: '{"revision": 1, "fields": ',
    });
    assert.equal(autosave.statusCode, 400);
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
  });

  test('an overlong headline: 422 with the message next to the field (form) and in the details (API); nothing stored', async () => {
    const { id, revision } = await createArticle(t.app.kiosque, editor.actor, {
      format: 'actualite',
      sectionId: room.section.id,
      headline: 'Titre court',
      lead: 'Chapô.',
      body: paragraphs('Texte.'),
      authorPersonIds: [room.staff.id],
    });
    const before = await snapshotDatabase(t.database.db);
    const headline = 'T'.repeat(201);
    const fields = {
      revision: String(revision),
      format: 'actualite',
      sectionId: String(room.section.id),
      seriesId: '',
      kicker: '',
      headline,
      slug: '',
      lead: 'Chapô.',
      body: JSON.stringify(paragraphs('Texte.')),
      heroImageId: '',
      authorPersonIds: String(room.staff.id),
      authorPosition: '1',
      tags: '',
      sourceOutlet: '',
      sourceUrl: '',
      sourceHeadline: '',
      newCorrection: '',
      seoTitle: '',
      seoDescription: '',
      commentsSetting: 'inherit',
    };
    const form = await postFormAs(t.app, editor, `/admin/articles/${id}`, fields);
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /L’article n’a pas été enregistré/);
    assert.match(form.body, /<p class="field__error" id="champ-titre-erreur">[^<]*200 caractères/);
    assert.match(form.body, /aria-describedby="[^"]*champ-titre-erreur" aria-invalid="true"/);
    assert.ok(form.body.includes(headline), 'the typed headline is given back');
    const created = await postFormAs(t.app, editor, '/admin/articles', { ...fields, revision: '' });
    assert.equal(created.statusCode, 422);
    const viaApi = await api.call('PATCH', `/articles/${id}`, { revision, headline });
    assert.equal(viaApi.statusCode, 422);
    assert.deepEqual(
      viaApi.json().error.details.find((d: { path: string }) => d.path === 'headline'),
      { path: 'headline', message: 'Titre : 200 caractères au plus' },
    );
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
  });

  test('a save based on a stale revision: 409 (form, autosave, API) and the newer version stays', async () => {
    const input = {
      format: 'actualite' as const,
      sectionId: room.section.id,
      headline: 'Version 1',
      lead: 'Chapô.',
      body: paragraphs('Texte.'),
      authorPersonIds: [room.staff.id],
    };
    const { id } = await createArticle(t.app.kiosque, editor.actor, input);
    const colleague = await signInAs(t.app, 'editeur', { name: 'Chloé Collègue' });
    await updateArticle(t.app.kiosque, colleague.actor, id, 1, { ...input, headline: 'Version 2 de Chloé' });
    const before = await snapshotDatabase(t.database.db);

    const form = await postFormAs(t.app, editor, `/admin/articles/${id}`, {
      revision: '1',
      format: 'actualite',
      sectionId: String(room.section.id),
      seriesId: '',
      kicker: '',
      headline: 'Ma version périmée',
      slug: '',
      lead: 'Chapô.',
      body: JSON.stringify(paragraphs('Texte.')),
      heroImageId: '',
      authorPersonIds: String(room.staff.id),
      authorPosition: '1',
      tags: '',
      sourceOutlet: '',
      sourceUrl: '',
      sourceHeadline: '',
      newCorrection: 'Une correction qui ne doit pas être notée',
      seoTitle: '',
      seoDescription: '',
      commentsSetting: 'inherit',
    });
    assert.equal(form.statusCode, 409, form.body.slice(0, 3000));
    assert.match(form.body, /Chloé Collègue/);
    const autosave = await t.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify({
        revision: 1,
        fields: {
          format: 'actualite',
          sectionId: String(room.section.id),
          headline: 'Ma version périmée',
          lead: 'Chapô.',
          body: JSON.stringify(paragraphs('Texte.')),
          authorPersonIds: [String(room.staff.id)],
          commentsSetting: 'inherit',
        },
      }),
    });
    assert.equal(autosave.statusCode, 409, autosave.body);
    assert.equal(autosave.json().error.code, 'conflict');
    assert.equal(autosave.json().error.details.currentRevision, 2);
    const viaApi = await api.call('PATCH', `/articles/${id}`, { revision: 1, headline: 'Ma version périmée' });
    assert.equal(viaApi.statusCode, 409, viaApi.body);
    assert.equal(viaApi.json().error.code, 'conflict');

    assert.deepEqual(await snapshotDatabase(t.database.db), before, 'nothing changed');
    const row = await t.database.db.selectFrom('articles').select(['headline', 'revision']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { headline: 'Version 2 de Chloé', revision: 2 });
  });

  test(`sign-in throttling: after ${LOGIN_LIMITS.accountFailures} failures the next attempt is 429, even with the right password`, async () => {
    const password = 'un mot de passe correct et long';
    const user = await createUser(t.database.db, { role: 'journaliste', password });
    const attempt = async (pwd: string) => {
      const csrf = await csrfPair(t.app);
      return t.app.inject({
        method: 'POST',
        url: '/admin/connexion',
        remoteAddress: '10.9.8.7',
        headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrf.token, email: user.email, password: pwd }),
      });
    };
    for (let i = 1; i <= LOGIN_LIMITS.accountFailures; i++) assert.equal((await attempt(`mauvais ${i}`)).statusCode, 401, `échec ${i}`);
    const eleventh = await attempt('encore mauvais');
    assert.equal(eleventh.statusCode, 429);
    assert.match(eleventh.body, /[Tt]rop de tentatives/);
    const right = await attempt(password);
    assert.equal(right.statusCode, 429, 'the right password does not get through a locked account');
    assert.equal(
      right.cookies.find((c) => c.name.endsWith('kiosque_session')),
      undefined,
      'no session',
    );
    const sessions = await t.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.userId).execute();
    assert.equal(sessions.length, 0);
  });
});
