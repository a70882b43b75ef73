import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle as insertArticle, createSettings } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import type { AppContext } from '../../core/app-context.ts';
import { createArticle, publishArticle, scheduleArticle, submitArticle } from '../operations/index.ts';
import { newsroom } from '../operations/operations-test-fixture.ts';
import { ARTICLES_PAGE_SIZE, parseListQuery } from './dashboard-routes.ts';

describe('list query', () => {
  it('keeps valid filters and reports each invalid one', () => {
    const { filters, errors, values, page } = parseListQuery({
      etat: 'submitted',
      rubrique: 'abc',
      du: '2026-12-01',
      au: '2026-02-30',
      format: 'pepite',
      page: '3',
      inconnu: 'x',
    });
    assert.equal(filters.status, 'submitted');
    assert.equal(filters.sectionId, undefined);
    assert.equal(filters.format, 'pepite');
    assert.equal(filters.from?.toISOString(), '2026-11-30T23:00:00.000Z');
    assert.equal(filters.to, undefined);
    assert.deepEqual(Object.keys(errors).sort(), ['au', 'rubrique']);
    assert.equal(values.rubrique, 'abc');
    assert.equal(page, 3);
    assert.equal(parseListQuery({ page: '-1' }).page, 1);
  });
});

forEachDatabase('dashboard and articles list', (database) => {
  let testApp: TestApp;
  let ctx: AppContext;
  let editor: SignedIn;
  let journalist: SignedIn;
  let colleague: SignedIn;
  let contributor: SignedIn;
  let n: Awaited<ReturnType<typeof newsroom>>;
  const ids: Record<string, number> = {};

  before(async () => {
    testApp = await createTestApp({ dialect: database.label });
    ctx = testApp.app.kiosque;
    await createSettings(ctx.db);
    n = await newsroom(ctx.db);
    editor = await signInAs(testApp.app, 'editeur');
    journalist = await signInAs(testApp.app, 'journaliste');
    colleague = await signInAs(testApp.app, 'journaliste');
    contributor = await signInAs(testApp.app, 'contributeur');
    ids.contributorDraft = (
      await createArticle(
        ctx,
        contributor.actor,
        n.input({ headline: 'Brouillon de l’experte', format: 'decryptage', authorPersonIds: undefined }),
      )
    ).id;
    ids.shared = (await createArticle(ctx, journalist.actor, n.input({ headline: 'Enquête partagée', sectionId: n.otherSection.id }))).id;
    await ctx.db.insertInto('article_shares').values({ article_id: ids.shared, user_id: colleague.userId }).execute();
    ids.submitted = (await createArticle(ctx, journalist.actor, n.input({ headline: 'Papier soumis à la relecture' }))).id;
    await submitArticle(ctx, journalist.actor, ids.submitted);
    ids.published = (await createArticle(ctx, editor.actor, n.input({ headline: 'Article déjà en ligne' }))).id;
    await publishArticle(ctx, editor.actor, ids.published);
    ids.scheduled = (await createArticle(ctx, editor.actor, n.input({ headline: 'Article pour demain matin' }))).id;
    await scheduleArticle(ctx, editor.actor, ids.scheduled, '2099-01-02T07:30:00.000Z');
  });
  after(() => testApp.close());

  const get = (url: string, who?: SignedIn) => testApp.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const headlinesIn = (body: string) =>
    [...body.matchAll(/<a href="\/admin\/articles\/\d+">([^<]+)<\/a>/g)].map((m) => m[1].replaceAll('&#39;', "'").replaceAll('’', '’'));

  it('sends anonymous visitors to the sign-in page', async () => {
    const response = await get('/admin');
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/admin\/connexion/);
  });

  it('shows an editor the counts, the review queue, the schedule and what went out', async () => {
    const response = await get('/admin', editor);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /<h1>Tableau de bord<\/h1>/);
    assert.match(
      body,
      /href="\/admin\/articles\?etat=submitted"><span class="dashboard-counts__number">1<\/span> <span class="dashboard-counts__label">soumis/,
    );
    assert.match(body, /href="\/admin\/articles\?etat=draft"><span class="dashboard-counts__number">2<\/span>/);
    const queue = body.slice(body.indexOf('File de relecture'), body.indexOf('Mes brouillons'));
    assert.deepEqual(headlinesIn(queue), ['Papier soumis à la relecture']);
    const scheduled = body.slice(body.indexOf('id="programmes"'), body.indexOf('Publiés récemment'));
    assert.match(scheduled, /Article pour demain matin/);
    assert.match(scheduled, /2[\s\u00a0]janvier 2099 à 8[\s\u00a0\u202f]h[\s\u00a0\u202f]30/);
    assert.match(body.slice(body.indexOf('Publiés récemment')), /Article déjà en ligne/);
    assert.match(body, /href="\/admin\/articles\/nouveau">Nouvel article/);
  });

  it('shows a contributor only their own pieces, and no review queue', async () => {
    const body = (await get('/admin', contributor)).body;
    assert.ok(!body.includes('File de relecture'));
    assert.deepEqual(headlinesIn(body), ['Brouillon de l’experte']);
    assert.match(body, /etat=published"><span class="dashboard-counts__number">0</);
    const list = await get('/admin/articles', contributor);
    assert.deepEqual(headlinesIn(list.body), ['Brouillon de l’experte']);
  });

  it('shows journalists their own pieces and those shared with them; editors everything', async () => {
    assert.deepEqual(headlinesIn((await get('/admin/articles', colleague)).body), ['Enquête partagée']);
    assert.deepEqual(headlinesIn((await get('/admin/articles', journalist)).body).sort(), [
      'Enquête partagée',
      'Papier soumis à la relecture',
    ]);
    assert.equal(headlinesIn((await get('/admin/articles', editor)).body).length, 5);
  });

  it('filters by state, section, author, format and date, and says which filter it ignored', async () => {
    const list = async (query: string) => headlinesIn((await get(`/admin/articles?${query}`, editor)).body).sort();
    assert.deepEqual(await list('etat=submitted'), ['Papier soumis à la relecture']);
    assert.deepEqual(await list(`rubrique=${n.otherSection.id}`), ['Enquête partagée']);
    assert.deepEqual(await list('format=decryptage'), ['Brouillon de l’experte']);
    assert.deepEqual(await list(`auteur=${contributor.personId}`), ['Brouillon de l’experte']);
    // The author filter is a search on names (accents and case ignored), not a list of every contributor.
    await ctx.db.updateTable('people').set({ name: 'Hélène Varenne-Ošić' }).where('id', '=', contributor.personId!).execute();
    const expert = { name: 'Hélène Varenne-Ošić' };
    assert.deepEqual(await list(`auteur=${encodeURIComponent('VARENNE-osic')}`), ['Brouillon de l’experte']);
    assert.deepEqual(await list(`auteur=${encodeURIComponent('helene')}`), ['Brouillon de l’experte']);
    assert.deepEqual(await list('auteur=Zzzz%20Personne'), []);
    const byId = (await get(`/admin/articles?auteur=${contributor.personId}`, editor)).body;
    assert.match(byId, new RegExp(`<input type="search" id="filtre-auteur" name="auteur" value="${expert.name}"`));
    assert.doesNotMatch(byId, /<select id="filtre-auteur"/);
    assert.deepEqual(await list('du=2099-01-02&au=2099-01-02'), ['Article pour demain matin']);
    assert.deepEqual(await list('au=2000-01-01'), []);
    assert.deepEqual(await list('q=SOUMIS'), ['Papier soumis à la relecture']);
    // The last word may be the start of a word, as an editor types it.
    assert.deepEqual(await list('q=papier%20relec'), ['Papier soumis à la relecture']);
    assert.deepEqual(await list('q=soum'), ['Papier soumis à la relecture']);
    const bad = await get('/admin/articles?etat=publie&du=hier', editor);
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /<select id="filtre-etat" name="etat" aria-invalid="true" aria-describedby="filtre-etat-erreur">/);
    assert.match(bad.body, /id="filtre-du-erreur">Date invalide : filtre ignoré\./);
    assert.equal(headlinesIn(bad.body).length, 5);
  });

  it('paginates, keeping the filters in the page links', async () => {
    for (let i = 0; i < ARTICLES_PAGE_SIZE; i++)
      await insertArticle(ctx.db, {
        section: n.section,
        status: 'draft',
        published_at: null,
        headline: `Brouillon en série ${i}`,
        format: 'depeche',
      });
    const first = await get('/admin/articles?format=depeche', editor);
    assert.equal(headlinesIn(first.body).length, ARTICLES_PAGE_SIZE);
    assert.match(first.body, /25 articles/);
    const all = await get('/admin/articles?etat=draft', editor);
    assert.match(all.body, /27 articles · page 1 sur 2/);
    const decoded = all.body.replaceAll('&#61;', '=').replaceAll('&#38;', '&');
    assert.match(
      decoded,
      /<nav class="pagination" aria-label="Pages de la liste"><a href="\/admin\/articles\?etat=draft&page=2" rel="next">/,
    );
    const second = await get('/admin/articles?etat=draft&page=2', editor);
    assert.equal(headlinesIn(second.body).length, 2);
    assert.match(second.body, /rel="prev"/);
  });
});
