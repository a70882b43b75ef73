import { fieldMessage } from '../../test/support/newsroom.ts';
import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createSection, createSettings, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';
import { listHomeSlots } from './home-curation-operations.ts';

// La une has one save model: every change (add, remove, move) is saved and online at once. The
// island saves each move as JSON; the form buttons do the same without JavaScript, and every
// confirmation says the change is online.

forEachDatabase('la une enregistrée à chaque changement', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let articles: { id: number; slug: string }[];
  let draftId: number;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    const db = t.database.db;
    await createSettings(db);
    const section = await createSection(db);
    const image = await createImage(db);
    articles = [];
    for (let i = 0; i < 3; i++)
      articles.push(
        await createArticle(db, {
          section,
          format: 'decryptage',
          headline: `Sujet ${i}`,
          hero_image_id: image.id,
          published_at: minutesAgo(10 + i),
        }),
      );
    draftId = (await createArticle(db, { section, headline: 'Pas encore publié', status: 'draft', published_at: null })).id;
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());
  beforeEach(() => t.database.db.deleteFrom('home_slots').execute());

  const stored = async () => (await listHomeSlots(t.database.db)).map((s) => s.article.id);
  const postJson = (fields: Record<string, string | number | (string | number)[]>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/une',
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      payload: form(fields),
    });

  it('the screen says every change is online at once, and has no separate save button', async () => {
    await postJson({ _csrf: editor.csrfToken, articleIds: [articles[0].id], action: 'save' });
    const page = await t.app.inject({ method: 'GET', url: '/admin/une', headers: { cookie: editor.cookie } });
    assert.match(page.body, /Chaque changement est mis en ligne aussitôt/);
    assert.match(page.body, /data-reorder-live/);
    assert.doesNotMatch(page.body, /Enregistrer la une/);
  });

  it('a move saved by the island is online at once (JSON answer, home page changed)', async () => {
    await postJson({ _csrf: editor.csrfToken, articleIds: [articles[0].id, articles[1].id], action: 'save' });
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(home.body, new RegExp(`data-part="lead-story"[\\s\\S]*?/${articles[0].slug}"`));

    const moved = await postJson({ _csrf: editor.csrfToken, articleIds: [articles[1].id, articles[0].id], action: 'save' });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.headers['cache-control'], 'private, no-store');
    assert.deepEqual(moved.json().articleIds, [articles[1].id, articles[0].id]);
    assert.deepEqual(await stored(), [articles[1].id, articles[0].id]);
    const after = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(after.body, new RegExp(`data-part="lead-story"[\\s\\S]*?/${articles[1].slug}"`));
  });

  it('a refused island save is a French 422 in JSON; without the token a 403; nothing stored', async () => {
    await postJson({ _csrf: editor.csrfToken, articleIds: [articles[0].id], action: 'save' });
    const refused = await postJson({ _csrf: editor.csrfToken, articleIds: [articles[0].id, draftId], action: 'save' });
    assert.equal(refused.statusCode, 422);
    assert.match(fieldMessage(refused.json(), 'articleIds'), /n’est pas publié/);
    const forged = await postJson({ articleIds: [articles[2].id], action: 'save' });
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await stored(), [articles[0].id]);
  });

  it('without JavaScript, adding, moving and removing are saved at once and each notice says it is online', async () => {
    const post = (fields: Record<string, string | number | (string | number)[]>) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/une',
        headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: editor.csrfToken, ...fields }),
      });
    const notice = async (location: string) =>
      (await t.app.inject({ method: 'GET', url: location, headers: { cookie: editor.cookie } })).body.replace(/[\u00a0\u202f]/g, ' ');

    const added = await post({ articleIds: [articles[0].id], action: `add:${articles[2].id}` });
    assert.equal(added.statusCode, 303);
    assert.deepEqual(await stored(), [articles[0].id, articles[2].id]);
    assert.match(await notice(added.headers.location as string), /Article ajouté à la une : il est en ligne\./);

    const moved = await post({ articleIds: [articles[0].id, articles[2].id], action: 'up:1' });
    assert.deepEqual(await stored(), [articles[2].id, articles[0].id]);
    assert.match(await notice(moved.headers.location as string), /Article déplacé en position 1 : la une est en ligne\./);

    const removed = await post({ articleIds: [articles[2].id, articles[0].id], action: 'remove:0' });
    assert.deepEqual(await stored(), [articles[0].id]);
    assert.match(await notice(removed.headers.location as string), /Article retiré de la une : la page d’accueil est à jour\./);
  });
});
