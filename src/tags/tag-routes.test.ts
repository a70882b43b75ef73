import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createPerson, createSection, createSettings, createTag } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { articleLinks, headingProblems, jsonLdOfType, linkHref, mainOf, plainText, titleOf } from '../site/teasers/listing-test-helpers.ts';

for (const { label } of testDatabases()) {
  describe(`GET /sujet/:slug [${label}]`, () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette de test' });
      const economie = await createSection(db, { slug: 'economie', name: 'Économie' });
      const societe = await createSection(db, { slug: 'societe', name: 'Société' });
      const author = await createPerson(db, { name: 'Jeanne Martin' });
      const climat = await createTag(db, { slug: 'climat', name: 'Climat' });
      const budget = await createTag(db, { slug: 'budget-2027', name: 'Budget 2027' });
      const empty = await createTag(db, { slug: 'vide', name: 'Vide' });
      const tagged = [];
      for (let i = 0; i < 21; i++)
        tagged.push(
          await createArticle(db, { section: i % 2 ? economie : societe, tags: [climat], authors: [author], headline: `Climat ${i}` }),
        );
      const other = await createArticle(db, { section: economie, tags: [budget], headline: 'Le budget' });
      const draft = await createArticle(db, { section: economie, tags: [climat], status: 'draft', headline: 'Brouillon climat' });
      return { climat, budget, empty, tagged, other, draft, author };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example' } });
      world = await makeWorld();
    });
    after(() => t?.close());

    it('lists the published articles of the tag, newest first, naming their section', async () => {
      const res = await get('/sujet/climat');
      assert.equal(res.statusCode, 200);
      assert.equal(titleOf(res.body), 'Climat | La Gazette de test');
      assert.match(res.body, /<p class="listing-header__label">Sujet<\/p><h1 class="listing-header__title">Climat<\/h1>/);
      assert.match(plainText(res.body), /21 articles sur ce sujet/);
      const links = articleLinks(mainOf(res.body));
      assert.equal(links.length, 20);
      assert.equal(links[0], `/societe/${world.tagged[20].slug}`);
      assert.doesNotMatch(res.body, /Le budget|Brouillon climat/);
      assert.deepEqual(headingProblems(res.body), []);
      assert.equal(linkHref(res.body, 'canonical'), 'https://gazette.example/sujet/climat');
      const crumbs = jsonLdOfType(res.body, 'BreadcrumbList') as { itemListElement: { name: string }[] };
      assert.deepEqual(
        crumbs.itemListElement.map((c) => c.name),
        ['Accueil', 'Climat'],
      );
    });

    it('paginates, validates ?page= and redirects ?page=1', async () => {
      const page2 = await get('/sujet/climat?page=2');
      assert.equal(page2.statusCode, 200);
      assert.deepEqual(articleLinks(mainOf(page2.body)), [`/societe/${world.tagged[0].slug}`]);
      assert.equal((await get('/sujet/climat?page=3')).statusCode, 404);
      for (const page of ['abc', '-1', '0', '1.5']) assert.equal((await get(`/sujet/climat?page=${page}`)).statusCode, 400, page);
      assert.equal((await get('/sujet/climat?page=1')).headers.location, '/sujet/climat');
    });

    it('has a page for a tag without articles, and 404 for unknown or malformed tags', async () => {
      assert.equal((await get('/sujet/vide')).statusCode, 200);
      for (const url of ['/sujet/inconnu', '/sujet/Climat', `/sujet/${'x'.repeat(150)}`, '/sujet/%E2%80%AE'])
        assert.equal((await get(url)).statusCode, 404, url);
    });

    it('is tagged with the tag and what it shows', async () => {
      const cache = t.app.kiosque.pageCache;
      cache.clear();
      await get('/sujet/climat');
      await get('/sujet/budget-2027');
      cache.invalidate([`article:${world.tagged[20].id}`]);
      assert.equal(cache.has('/sujet/climat'), false);
      assert.equal(cache.has('/sujet/budget-2027'), true);
      cache.invalidate([`tag:${world.budget.id}`]);
      assert.equal(cache.has('/sujet/budget-2027'), false);
    });
  });
}
