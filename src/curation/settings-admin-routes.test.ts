import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';

forEachDatabase('/admin/reglages', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let articleUrl: string;
  const valid = {
    name: 'La Gazette',
    tagline: 'Des nouvelles vérifiées',
    publicUrl: 'https://gazette.example',
    language: 'fr',
    logoImageId: '',
    commentsMode: 'open',
    commentsNotice: '',
    commentsCloseAfterDays: '0',
  };

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db, { name: 'Ancien nom' });
    const section = await createSection(t.database.db);
    const article = await createArticle(t.database.db, { section });
    articleUrl = `/${section.slug}/${article.slug}`;
    admin = await signInAs(t.app, 'administrateur');
  });
  after(() => t?.close());

  const post = (fields: Record<string, string>, who = admin, withCsrf = true) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/reglages',
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(withCsrf ? { _csrf: who.csrfToken, ...fields } : fields),
    });

  it('is for administrators only', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/reglages', headers: { cookie: admin.cookie } })).statusCode, 200);
    const editor = await signInAs(t.app, 'editeur');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/reglages', headers: { cookie: editor.cookie } })).statusCode, 403);
    assert.equal((await post(valid, editor)).statusCode, 403);
    assert.equal((await t.database.db.selectFrom('settings').select('name').executeTakeFirstOrThrow()).name, 'Ancien nom');
  });

  it('suspends comments site-wide: the notice shows at once on a cached public article, and it is audited', async () => {
    const before = await t.app.inject({ method: 'GET', url: articleUrl });
    assert.equal(before.statusCode, 200);
    assert.doesNotMatch(before.body, /Trop de débordements/);
    assert.ok(t.app.kiosque.pageCache.has(articleUrl));
    const res = await post({ ...valid, commentsMode: 'suspended', commentsNotice: 'Trop de débordements : commentaires suspendus.' });
    assert.equal(res.statusCode, 303);
    const afterSave = await t.app.inject({ method: 'GET', url: articleUrl });
    assert.match(afterSave.body, /Trop de débordements/);
    assert.match(afterSave.body, /La Gazette/);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.update').executeTakeFirstOrThrow();
    assert.equal(audit.actor_user_id, admin.userId);
    assert.ok((JSON.parse(audit.details).changed as string[]).includes('comments_mode'));
  });

  it('switches feeds between full text and lead only; a cached feed follows at once', async () => {
    const feed = () => t.app.inject({ method: 'GET', url: '/flux/rss.xml' });
    assert.match((await feed()).body, /<content:encoded>/);
    assert.equal((await post({ ...valid, feedContent: 'lead' })).statusCode, 303);
    assert.equal((await t.database.db.selectFrom('settings').select('feed_full_text').executeTakeFirstOrThrow()).feed_full_text, 0);
    assert.doesNotMatch((await feed()).body, /<content:encoded>/);
    const page = await t.app.inject({ method: 'GET', url: '/admin/reglages', headers: { cookie: admin.cookie } });
    assert.match(page.body, /value="lead"[^>]*checked/);
    assert.equal((await post({ ...valid, feedContent: 'roman' })).statusCode, 422);
    assert.equal((await post({ ...valid, feedContent: 'full' })).statusCode, 303);
    assert.match((await feed()).body, /<content:encoded>/);
  });

  it('refuses bad input with French errors next to the fields, changing nothing', async () => {
    const stored = await t.database.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
    const res = await post({
      ...valid,
      name: '',
      publicUrl: 'ftp://gazette',
      language: 'klingon',
      commentsMode: 'peut-être',
      logoImageId: '424242',
    });
    assert.equal(res.statusCode, 422);
    for (const [field, message] of [
      ['name', /Le nom de la publication est obligatoire/],
      ['publicUrl', /Adresse publique invalide/],
      ['language', /Choisissez une langue/],
      ['commentsMode', /ouverts, en pré-modération, fermés ou suspendus/],
    ] as const) {
      assert.match(res.body, new RegExp(`id="champ-${field}-erreur">[^<]*`));
      assert.match(res.body, message);
    }
    assert.deepEqual(await t.database.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow(), stored);
    const logo = await post({ ...valid, logoImageId: '424242' });
    assert.equal(logo.statusCode, 422);
    assert.match(logo.body, /Aucune image n° 424242/);
  });

  it('refuses a post without CSRF token', async () => {
    assert.equal((await post({ ...valid, name: 'Pirate' }, admin, false)).statusCode, 403);
    assert.notEqual((await t.database.db.selectFrom('settings').select('name').executeTakeFirstOrThrow()).name, 'Pirate');
  });
});
