import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import { updateArticle } from '../operations/save-article.ts';
import { formFields, getAs, newsroom, postForm, postJson } from './editor-test-support.ts';

// The first save of a "new article" form is idempotent by the form's draft key: whatever the
// timing (several autosaves in flight, the manual save racing the autosave, a duplicated tab),
// one form makes one article.

forEachDatabase('clé de brouillon d’un nouvel article', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: database.label, pageCache: false });
    room = await newsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const byKey = (key: string) =>
    t.database.db.selectFrom('articles').select(['id', 'headline', 'slug', 'revision']).where('draft_key', '=', key).execute();
  const byHeadline = (headline: string) =>
    t.database.db
      .selectFrom('articles')
      .select(['id', 'slug'])
      .where('headline', '=', headline)
      .execute()
      .then((rows) => rows.map((r) => ({ id: r.id, slug: r.slug })));
  const fields = (key: string, headline: string, over: Record<string, string> = {}) =>
    formFields({ sectionId: String(room.section.id), headline, draftKey: key, ...over });

  test('each "new article" screen carries its own draft key', async () => {
    const keys = [];
    for (let i = 0; i < 2; i++) {
      const page = (await getAs(t.app, editor, '/admin/articles/nouveau')).body;
      const match = /<input type="hidden" name="draftKey" value="([0-9a-f-]{36})">/.exec(page);
      assert.ok(match, 'the form has a draft key');
      keys.push(match[1]);
    }
    assert.notEqual(keys[0], keys[1]);
  });

  test('six first saves of one form in flight at once make one article; the others save over it', async () => {
    const key = randomUUID();
    const headline = 'Sommet de printemps à Bruxelles';
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postJson(t.app, editor, '/admin/articles', { fields: fields(key, headline, { lead: `Version ${i}.` }) }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `one creation: ${statuses.join(', ')}`);
    assert.ok(
      statuses.every((s) => s === 201 || s === 200 || s === 409),
      statuses.join(', '),
    );
    const rows = await byKey(key);
    assert.equal(rows.length, 1);
    assert.deepEqual(await byHeadline(headline), [{ id: rows[0].id, slug: 'sommet-de-printemps-a-bruxelles' }], 'no orphan, no -2 slug');
    for (const response of responses) {
      const body = response.json();
      // Every answer names the one article: created, saved over, or in conflict with it.
      assert.equal(response.statusCode === 409 ? body.error.details.articleId : body.id, rows[0].id);
    }
    const saved = responses.filter((r) => r.statusCode !== 409).map((r) => r.json().revision);
    assert.equal(Math.max(...saved), rows[0].revision);
  });

  test('the manual save racing the first autosave makes one article and goes to it', async () => {
    const key = randomUUID();
    const headline = 'Enregistré deux fois à la fois';
    const [auto, manual] = await Promise.all([
      postJson(t.app, editor, '/admin/articles', { fields: fields(key, headline) }),
      postForm(t.app, editor, '/admin/articles', fields(key, headline, { lead: 'Le chapô enregistré à la main.' })),
    ]);
    const rows = await byKey(key);
    assert.equal(rows.length, 1);
    assert.equal((await byHeadline(headline)).length, 1);
    assert.ok([200, 201].includes(auto.statusCode), String(auto.statusCode));
    assert.equal(manual.statusCode, 303);
    assert.equal(manual.headers.location, `/admin/articles/${rows[0].id}?enregistre`);
  });

  test('a duplicated tab saving after the article moved on gets a conflict naming it; nothing overwritten', async () => {
    const key = randomUUID();
    const first = await postJson(t.app, editor, '/admin/articles', { fields: fields(key, 'Première version') });
    assert.equal(first.statusCode, 201);
    const { id } = first.json();
    await updateArticle(t.app.kiosque, editor.actor, id, 1, { sectionId: room.section.id, headline: 'Deuxième version' });

    const late = await postJson(t.app, editor, '/admin/articles', { fields: fields(key, 'Version de l’autre onglet') });
    assert.equal(late.statusCode, 409);
    const details = late.json().error.details;
    assert.equal(details.articleId, id);
    assert.equal(details.currentRevision, 2);
    assert.match(details.comparisonHtml, /Deuxième version/);
    const form = await postForm(t.app, editor, '/admin/articles', fields(key, 'Version de l’autre onglet'));
    assert.equal(form.statusCode, 409);
    assert.match(form.body, new RegExp(`action="/admin/articles/${id}"`));
    assert.deepEqual(
      (await byKey(key)).map((r) => [r.headline, r.revision]),
      [['Deuxième version', 2]],
    );
  });

  test('someone else cannot save over a draft by replaying its key; a malformed key is a 400; nothing stored', async () => {
    const key = randomUUID();
    assert.equal((await postJson(t.app, editor, '/admin/articles', { fields: fields(key, 'Le brouillon d’Élise') })).statusCode, 201);
    const contributor = await signInAs(t.app, 'contributeur');
    const replay = await postJson(t.app, contributor, '/admin/articles', { fields: fields(key, 'Détourné') });
    assert.equal(replay.statusCode, 403);
    assert.deepEqual(
      (await byKey(key)).map((r) => r.headline),
      ['Le brouillon d’Élise'],
    );

    const bad = await postJson(t.app, editor, '/admin/articles', { fields: fields('pas une clé !', 'Clé invalide') });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /Clé de brouillon invalide/);
    assert.equal((await byHeadline('Clé invalide')).length, 0);
  });

  test('a form without a draft key (a page opened before the update) still creates its article', async () => {
    const response = await postForm(
      t.app,
      editor,
      '/admin/articles',
      formFields({ sectionId: String(room.section.id), headline: 'Sans clé' }),
    );
    assert.equal(response.statusCode, 303);
    assert.equal((await byHeadline('Sans clé')).length, 1);
  });
});
