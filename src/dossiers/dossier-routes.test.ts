import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle,
  createDossier,
  createImage,
  createPerson,
  createSection,
  createSettings,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import {
  articleLinks,
  headingProblems,
  jsonLdOfType,
  linkHref,
  mainOf,
  metaContent,
  titleOf,
} from '../site/teasers/listing-test-helpers.ts';

for (const { label } of testDatabases()) {
  describe(`GET /dossier/:slug [${label}]`, () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette de test' });
      const section = await createSection(db, { slug: 'dossiers', name: 'Dossiers' });
      const economie = await createSection(db, { slug: 'economie', name: 'Économie' });
      const author = await createPerson(db, { name: 'Jeanne Martin' });
      const hero = await createImage(db, { alt: 'L’hémicycle', caption: 'L’Assemblée en séance.' });
      // Reading order differs from publication order on purpose.
      const first = await createArticle(db, { section: economie, authors: [author], headline: 'Comprendre le budget' });
      const second = await createArticle(db, { section: economie, headline: 'Le vote à l’Assemblée' });
      const third = await createArticle(db, { section: economie, headline: 'Et après ?' });
      const draft = await createArticle(db, { section: economie, status: 'draft', headline: 'Pas encore prêt' });
      const dossier = await createDossier(db, {
        slug: 'budget-2027',
        section_id: section.id,
        title: 'Budget 2027 : la bataille',
        introduction: 'Premier paragraphe.\n\nSecond paragraphe.',
        hero_image_id: hero.id,
        published_at: '2026-11-20T09:00:00.000Z',
        articles: [third, draft, first, second],
      });
      const unpublished = await createDossier(db, { slug: 'brouillon', published_at: null, articles: [first] });
      const future = await createDossier(db, { slug: 'demain', published_at: new Date(Date.now() + 86_400_000).toISOString() });
      const emptyDossier = await createDossier(db, { slug: 'vide', articles: [] });
      return { section, dossier, first, second, third, draft, unpublished, future, emptyDossier, author, hero };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example' } });
      world = await makeWorld();
    });
    after(() => t?.close());

    it('shows title, hero with credit, introduction and the articles in the editors’ order, numbered', async () => {
      const res = await get('/dossier/budget-2027');
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.equal(titleOf(body), 'Budget 2027\u00a0: la bataille | La Gazette de test');
      assert.match(body, /<h1 class="listing-header__title">Budget 2027\u00a0: la bataille<\/h1>/);
      assert.match(body, /Crédit photo/);
      assert.match(body, /<p>Premier paragraphe\.<\/p><p>Second paragraphe\.<\/p>/);
      assert.deepEqual(
        articleLinks(mainOf(body)),
        [world.third, world.first, world.second].map((a) => `/economie/${a.slug}`),
      );
      assert.match(body, /<ol class="dossier__articles">/);
      assert.match(
        body,
        /teaser__number" aria-hidden="true">1<\/span><a class="teaser__link" href="\/economie\/[a-z0-9-]+">Et après\u202f\?/,
      );
      assert.match(body, />3 articles · publié le <time datetime="2026-11-20T10:00:00\+01:00">20\u00a0novembre 2026<\/time>/);
      assert.doesNotMatch(body, /Pas encore prêt/);
      assert.deepEqual(headingProblems(body), []);
    });

    it('has the head of a collection: canonical, og:image, breadcrumb through its section, ItemList', async () => {
      const body = (await get('/dossier/budget-2027')).body;
      assert.equal(linkHref(body, 'canonical'), 'https://gazette.example/dossier/budget-2027');
      assert.match(metaContent(body, 'og:image') ?? '', /^https:\/\/gazette\.example\/media\/.*-16x9-/);
      const crumbs = jsonLdOfType(body, 'BreadcrumbList') as { itemListElement: { name: string; item: string }[] };
      assert.deepEqual(
        crumbs.itemListElement.map((c) => c.name),
        ['Accueil', 'Dossiers', 'Budget 2027 : la bataille'],
      );
      const page = jsonLdOfType(body, 'CollectionPage') as {
        mainEntity: { numberOfItems: number; itemListElement: { position: number; url: string }[] };
      };
      assert.equal(page.mainEntity.numberOfItems, 3);
      assert.equal(page.mainEntity.itemListElement[0].url, `https://gazette.example/economie/${world.third.slug}`);
    });

    it('keeps unpublished and future dossiers private, and answers unknown ones with 404', async () => {
      for (const url of [
        '/dossier/brouillon',
        '/dossier/demain',
        '/dossier/inconnu',
        '/dossier/Budget-2027',
        `/dossier/${'a'.repeat(150)}`,
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /<html lang="fr"/);
      }
    });

    it('shows a notice for a dossier without published article', async () => {
      const res = await get('/dossier/vide');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /seront publiés prochainement/);
    });

    it('is tagged with the dossier, its section and its articles', async () => {
      const cache = t.app.kiosque.pageCache;
      cache.clear();
      await get('/dossier/budget-2027');
      cache.invalidate([`article:${world.draft.id}`]);
      assert.ok(cache.has('/dossier/budget-2027'), 'the draft is not shown');
      for (const tag of [
        `article:${world.second.id}`,
        `person:${world.author.id}`,
        `dossier:${world.dossier.id}`,
        `section:${world.section.id}`,
      ]) {
        await get('/dossier/budget-2027');
        cache.invalidate([tag]);
        assert.equal(cache.has('/dossier/budget-2027'), false, tag);
      }
    });
  });
}
