import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection, createSeries, createSettings } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { articleLinks, headingProblems, jsonLdOfType, mainOf, plainText, titleOf } from '../site/teasers/listing-test-helpers.ts';
import { cadenceLabel } from './series-repository.ts';

describe('cadenceLabel', () => {
  it('capitalises the free-text cadence', () => {
    assert.equal(cadenceLabel('chaque lundi'), 'Chaque lundi');
    assert.equal(cadenceLabel('  '), '');
    assert.equal(cadenceLabel('écrit le vendredi'), 'Écrit le vendredi');
  });
});

for (const { label } of testDatabases()) {
  describe(`GET /serie/:slug [${label}]`, () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette de test' });
      const section = await createSection(db, { slug: 'rendez-vous', name: 'Rendez-vous' });
      const series = await createSeries(db, {
        slug: 'les-lundis',
        section_id: section.id,
        title: 'Les lundis de la diplomatie',
        description: 'Un ambassadeur raconte.',
        cadence: 'chaque lundi',
      });
      const quiet = await createSeries(db, { slug: 'en-sommeil', title: 'En sommeil' });
      const episodes = [];
      for (let i = 0; i < 23; i++)
        episodes.push(await createArticle(db, { section, series_id: series.id, format: 'chronique', headline: `Épisode ${i}` }));
      const unrelated = await createArticle(db, { section, headline: 'Hors série' });
      const draft = await createArticle(db, { section, series_id: series.id, status: 'draft', headline: 'Épisode à venir' });
      return { section, series, quiet, episodes, unrelated, draft };
    }

    before(async () => {
      t = await createTestApp({ dialect: label });
      world = await makeWorld();
    });
    after(() => t?.close());

    it('shows title, cadence, description and the episodes newest first', async () => {
      const res = await get('/serie/les-lundis');
      assert.equal(res.statusCode, 200);
      assert.equal(titleOf(res.body), 'Les lundis de la diplomatie | La Gazette de test');
      assert.match(res.body, /<h1 class="listing-header__title">Les lundis de la diplomatie<\/h1>/);
      assert.match(res.body, /<p class="listing-header__cadence">Chaque lundi<\/p>/);
      assert.match(res.body, /Un ambassadeur raconte\./);
      const links = articleLinks(mainOf(res.body));
      assert.equal(links.length, 20);
      assert.equal(links[0], `/rendez-vous/${world.episodes[22].slug}`);
      assert.doesNotMatch(res.body, /Hors série|Épisode à venir/);
      assert.deepEqual(headingProblems(res.body), []);
      const crumbs = jsonLdOfType(res.body, 'BreadcrumbList') as { itemListElement: { name: string }[] };
      assert.deepEqual(
        crumbs.itemListElement.map((c) => c.name),
        ['Accueil', 'Rendez-vous', 'Les lundis de la diplomatie'],
      );
    });

    it('paginates and validates ?page=', async () => {
      const page2 = await get('/serie/les-lundis?page=2');
      assert.equal(page2.statusCode, 200);
      assert.equal(articleLinks(mainOf(page2.body)).length, 3);
      assert.match(plainText(page2.body), /Page 2 sur 2/);
      assert.equal((await get('/serie/les-lundis?page=3')).statusCode, 404);
      for (const page of ['abc', '-1', '0', '1.5']) assert.equal((await get(`/serie/les-lundis?page=${page}`)).statusCode, 400, page);
      assert.equal((await get('/serie/les-lundis?page=1')).headers.location, '/serie/les-lundis');
    });

    it('has a page for a series without episodes, and 404 for unknown ones', async () => {
      assert.equal((await get('/serie/en-sommeil')).statusCode, 200);
      for (const url of ['/serie/inconnue', '/serie/Les-Lundis', '/serie/%E2%80%AE']) assert.equal((await get(url)).statusCode, 404, url);
    });

    it('is tagged with the series, its section and its episodes', async () => {
      const cache = t.app.kiosque.pageCache;
      cache.clear();
      await get('/serie/les-lundis');
      cache.invalidate([`article:${world.unrelated.id}`]);
      assert.ok(cache.has('/serie/les-lundis'));
      for (const tag of [`article:${world.episodes[22].id}`, `series:${world.series.id}`, `section:${world.section.id}`]) {
        await get('/serie/les-lundis');
        cache.invalidate([tag]);
        assert.equal(cache.has('/serie/les-lundis'), false, tag);
      }
    });
  });
}
