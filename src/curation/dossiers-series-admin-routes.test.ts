import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle,
  createDossier,
  createSection,
  createSeries,
  createSettings,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';

forEachDatabase('/admin/dossiers and /admin/series', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let section: { id: number; slug: string };
  let articles: { id: number; slug: string; headline: string }[];

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db);
    section = await createSection(t.database.db);
    articles = [];
    for (let i = 0; i < 4; i++)
      articles.push(await createArticle(t.database.db, { section, headline: `Volet ${i}`, published_at: minutesAgo(30 + i) }));
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string | number | (string | number)[]>, who = editor) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: who.csrfToken, ...fields }),
    });
  const dossierLinks = async (slug: string) => {
    const body = (await t.app.inject({ method: 'GET', url: `/dossier/${slug}` })).body;
    return articles
      .map((a) => ({ id: a.id, at: body.indexOf(`/${section.slug}/${a.slug}"`) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at)
      .map((x) => x.id);
  };

  it('screens render for an editor and refuse a journalist', async () => {
    const journalist = await signInAs(t.app, 'journaliste');
    for (const url of ['/admin/dossiers', '/admin/dossiers/nouveau', '/admin/series', '/admin/series/nouvelle']) {
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { cookie: editor.cookie } })).statusCode, 200, url);
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { cookie: journalist.cookie } })).statusCode, 403, url);
    }
  });

  it('creates a visible dossier, orders its articles by search, buttons and removal; the cached page follows', async () => {
    const res = await post('/admin/dossiers/nouveau', {
      title: 'La crise du logement',
      slug: '',
      sectionId: String(section.id),
      introduction: 'Tout comprendre.',
      heroImageId: '',
      visible: 'on',
    });
    assert.equal(res.statusCode, 303);
    const dossier = await t.database.db
      .selectFrom('dossiers')
      .selectAll()
      .where('slug', '=', 'la-crise-du-logement')
      .executeTakeFirstOrThrow();
    assert.ok(dossier.published_at);
    const url = `/admin/dossiers/${dossier.id}/articles`;
    const search = await t.app.inject({ method: 'GET', url: `/admin/dossiers/${dossier.id}?q=volet`, headers: { cookie: editor.cookie } });
    assert.match(search.body, new RegExp(`value="add:${articles[2].id}"`));
    await post(url, { action: `add:${articles[2].id}` });
    await post(url, { articleIds: [articles[2].id], action: `add:${articles[0].id}` });
    await post(url, { articleIds: [articles[2].id, articles[0].id], action: `add:${articles[1].id}` });
    assert.deepEqual(await dossierLinks(dossier.slug), [articles[2].id, articles[0].id, articles[1].id]);
    const moved = await post(url, { articleIds: [articles[2].id, articles[0].id, articles[1].id], action: 'up:2' });
    assert.equal(moved.statusCode, 303);
    assert.deepEqual(await dossierLinks(dossier.slug), [articles[2].id, articles[1].id, articles[0].id]);
    await post(url, { articleIds: [articles[2].id, articles[1].id, articles[0].id], action: 'remove:0' });
    assert.deepEqual(await dossierLinks(dossier.slug), [articles[1].id, articles[0].id]);
    const dup = await post(url, { articleIds: [articles[1].id, articles[1].id], action: 'save' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /qu’une fois dans le dossier/);
    assert.deepEqual(await dossierLinks(dossier.slug), [articles[1].id, articles[0].id]);
  });

  it('hiding a dossier takes it off the site at once; a taken slug is refused', async () => {
    const dossier = await createDossier(t.database.db, { slug: 'visible', title: 'Visible', articles: [articles[3]] });
    assert.equal((await t.app.inject({ method: 'GET', url: '/dossier/visible' })).statusCode, 200);
    const res = await post(`/admin/dossiers/${dossier.id}`, {
      title: 'Visible',
      slug: 'visible',
      sectionId: '',
      introduction: '',
      heroImageId: '',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await t.app.inject({ method: 'GET', url: '/dossier/visible' })).statusCode, 404);
    const taken = await post('/admin/dossiers/nouveau', {
      title: 'Autre',
      slug: 'visible',
      sectionId: '',
      introduction: '',
      heroImageId: '',
    });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /déjà utilisée/);
  });

  it('creates and edits a series; its page follows; its articles are listed; delete refused while it has some', async () => {
    const res = await post('/admin/series/nouvelle', {
      title: 'La chronique du lundi',
      slug: '',
      sectionId: String(section.id),
      description: 'Chaque semaine.',
      cadence: 'chaque lundi',
    });
    assert.equal(res.statusCode, 303);
    const series = await t.database.db
      .selectFrom('series')
      .selectAll()
      .where('slug', '=', 'la-chronique-du-lundi')
      .executeTakeFirstOrThrow();
    await createArticle(t.database.db, { section, series_id: series.id, headline: 'Épisode un' });
    assert.match((await t.app.inject({ method: 'GET', url: `/serie/${series.slug}` })).body, /Chaque semaine/);
    await post(`/admin/series/${series.id}`, {
      title: 'La chronique du lundi',
      slug: series.slug,
      sectionId: String(section.id),
      description: 'Nouvelle formule.',
      cadence: 'chaque lundi',
    });
    assert.match((await t.app.inject({ method: 'GET', url: `/serie/${series.slug}` })).body, /Nouvelle formule/);
    const edit = await t.app.inject({ method: 'GET', url: `/admin/series/${series.id}`, headers: { cookie: editor.cookie } });
    assert.match(edit.body, /Épisode un/);
    const refused = await post(`/admin/series/${series.id}/supprimer`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /un article en fait partie/);
    const other = await createSeries(t.database.db, { slug: 'prise' });
    const taken = await post(`/admin/series/${other.id}`, { title: 'X', slug: series.slug, sectionId: '', description: '', cadence: '' });
    assert.equal(taken.statusCode, 422);
    const unknownSection = await post('/admin/series/nouvelle', {
      title: 'Y',
      slug: 'y',
      sectionId: '99999',
      description: '',
      cadence: '',
    });
    assert.equal(unknownSection.statusCode, 422);
    assert.match(unknownSection.body, /Cette rubrique n’existe pas/);
  });
});
