import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createSection, createSettings, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';
import { listHomeSlots } from './home-curation-operations.ts';

/** The lead story's link on the public home page. */
function leadHref(body: string): string | undefined {
  const start = body.indexOf('data-part="lead-story"');
  return /href="(\/[^"]+)"/.exec(body.slice(start))?.[1];
}

forEachDatabase('/admin/une', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let articles: { id: number; slug: string }[];
  let sectionSlug: string;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    const db = t.database.db;
    await createSettings(db);
    const section = await createSection(db);
    sectionSlug = section.slug;
    const image = await createImage(db);
    articles = [];
    for (let i = 0; i < 6; i++)
      articles.push(
        await createArticle(db, {
          section,
          format: 'decryptage',
          headline: `Sujet ${i}`,
          hero_image_id: image.id,
          published_at: minutesAgo(10 + i),
        }),
      );
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());
  beforeEach(() => t.database.db.deleteFrom('home_slots').execute());

  const post = (who: SignedIn, fields: Record<string, string | number | (string | number)[]>, withCsrf = true) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/une',
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(withCsrf ? { _csrf: who.csrfToken, ...fields } : fields),
    });

  it('shows the screen to an editor, refuses a journalist, sends the anonymous to the login page', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/admin/une', headers: { cookie: editor.cookie } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /<h1>La une<\/h1>/);
    assert.match(ok.body, /Sujet 0/);
    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/une', headers: { cookie: journalist.cookie } })).statusCode, 403);
    assert.equal((await post(journalist, { articleIds: [articles[1].id], action: 'save' })).statusCode, 403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/une' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/admin\/connexion/);
  });

  it('changes the public lead story at once (page cache on)', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(leadHref(before.body), `/${sectionSlug}/${articles[0].slug}`);
    assert.ok(t.app.kiosque.pageCache.has('/'));
    const res = await post(editor, { articleIds: [articles[4].id, articles[2].id], action: 'save' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/une?ok=enregistre');
    const afterSave = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(leadHref(afterSave.body), `/${sectionSlug}/${articles[4].slug}`);
    const confirmation = await t.app.inject({ method: 'GET', url: '/admin/une?ok=enregistre', headers: { cookie: editor.cookie } });
    assert.match(confirmation.body, /La une est enregistrée/);
  });

  it('adds from the search, and moves by keyboard-operable form buttons', async () => {
    const search = await t.app.inject({ method: 'GET', url: '/admin/une?q=sujet%203', headers: { cookie: editor.cookie } });
    assert.match(search.body, new RegExp(`value="add:${articles[3].id}"`));
    assert.doesNotMatch(search.body, new RegExp(`value="add:${articles[1].id}"`));
    assert.equal((await post(editor, { articleIds: [articles[1].id, articles[2].id], action: `add:${articles[3].id}` })).statusCode, 303);
    assert.deepEqual(
      (await listHomeSlots(t.database.db)).map((s) => s.article.id),
      [articles[1].id, articles[2].id, articles[3].id],
    );
    const moved = await post(editor, { articleIds: [articles[1].id, articles[2].id, articles[3].id], action: 'up:2' });
    assert.equal(moved.headers.location, `/admin/une?ok=deplace-2#place-${articles[3].id}`);
    await post(editor, { articleIds: [articles[1].id, articles[3].id, articles[2].id], action: 'down:0' });
    assert.deepEqual(
      (await listHomeSlots(t.database.db)).map((s) => s.article.id),
      [articles[3].id, articles[1].id, articles[2].id],
    );
    const page = await t.app.inject({ method: 'GET', url: '/admin/une?ok=deplace-2', headers: { cookie: editor.cookie } });
    assert.match(page.body, /Article déplacé en position 2/);
    await post(editor, { articleIds: [articles[3].id, articles[1].id, articles[2].id], action: 'remove:1' });
    assert.deepEqual(
      (await listHomeSlots(t.database.db)).map((s) => s.article.id),
      [articles[3].id, articles[2].id],
    );
  });

  it('refuses a request without its CSRF token, changing nothing', async () => {
    await post(editor, { articleIds: [articles[1].id], action: 'save' });
    const res = await post(editor, { articleIds: [articles[5].id], action: 'save' }, false);
    assert.equal(res.statusCode, 403);
    assert.deepEqual(
      (await listHomeSlots(t.database.db)).map((s) => s.article.id),
      [articles[1].id],
    );
  });

  it('re-renders with a French error and keeps the slots when an article is not published', async () => {
    await post(editor, { articleIds: [articles[1].id], action: 'save' });
    const draft = await createArticle(t.database.db, {
      section: { id: (await t.database.db.selectFrom('sections').select('id').executeTakeFirstOrThrow()).id },
      status: 'draft',
      headline: 'Brouillon',
    });
    const res = await post(editor, { articleIds: [articles[1].id], action: `add:${draft.id}` });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /n’est pas publié/);
    assert.match(res.body, /role="alert"/);
    assert.deepEqual(
      (await listHomeSlots(t.database.db)).map((s) => s.article.id),
      [articles[1].id],
    );
  });
});
