import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle,
  createDossier,
  createImage,
  createPage,
  createPerson,
  createSection,
  createSeries,
  createSettings,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import {
  articleLinks,
  headingProblems,
  jsonLdOfType,
  linkHref,
  mainOf,
  metaContent,
  plainAttributes,
  plainText,
  titleOf,
} from '../site/teasers/listing-test-helpers.ts';

for (const { label } of testDatabases()) {
  describe(`GET /:slug — sections and static pages [${label}]`, () => {
    let t: TestApp;
    let origin: string;
    let world: Awaited<ReturnType<typeof makeWorld>>;

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette de test' });
      const section = await createSection(db, { slug: 'international', name: 'International', description: 'Diplomatie et conflits.' });
      const other = await createSection(db, { slug: 'politique', name: 'Politique' });
      const empty = await createSection(db, { slug: 'vide', name: 'Vide' });
      const author = await createPerson(db, { name: 'Jeanne Martin' });
      const image = await createImage(db);
      // 45 published articles: three pages of 20, the last with 5.
      const articles = [];
      for (let i = 0; i < 45; i++) {
        articles.push(
          await createArticle(db, {
            section,
            authors: [author],
            headline: `Dépêche numéro ${i}`,
            hero_image_id: i === 44 ? image.id : null,
          }),
        );
      }
      const draft = await createArticle(db, { section, status: 'draft', headline: 'Brouillon secret' });
      const scheduled = await createArticle(db, {
        section,
        status: 'published',
        published_at: new Date(Date.now() + 3600_000).toISOString(),
        headline: 'Programmé demain',
      });
      const otherArticle = await createArticle(db, { section: other, headline: 'Un article de politique' });
      const dossier = await createDossier(db, { section_id: section.id, title: 'La guerre des câbles', articles: [articles[3]] });
      const futureDossier = await createDossier(db, {
        section_id: section.id,
        title: 'Dossier pas encore publié',
        published_at: new Date(Date.now() + 3600_000).toISOString(),
      });
      const series = await createSeries(db, { section_id: section.id, title: 'Les lundis de la diplomatie', cadence: 'chaque lundi' });
      const page = await createPage(db, {
        slug: 'a-propos',
        kind: 'about',
        title: 'Qui sommes-nous ?',
        lead: 'Un journal "indépendant".',
        paragraphs: ['Nous faisons le point.'],
        updated_at: '2026-11-07T10:00:00.000Z',
      });
      return { section, other, empty, author, articles, draft, scheduled, otherArticle, dossier, futureDossier, series, page };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example' } });
      origin = t.config.publicUrl;
      world = await makeWorld();
    });
    after(() => t?.close());

    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('renders page 1 of a section: h1, description, newest articles first, head', async () => {
      const res = await get('/international');
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.equal(titleOf(body), 'International | La Gazette de test');
      assert.match(body, /<h1 class="listing-header__title">International<\/h1>/);
      assert.match(body, /Diplomatie et conflits\./);
      assert.deepEqual(headingProblems(body), []);
      const links = articleLinks(mainOf(body));
      assert.equal(links.length, 20);
      assert.equal(links[0], `/international/${world.articles[44].slug}`);
      assert.equal(links[19], `/international/${world.articles[25].slug}`);
      assert.equal(linkHref(body, 'canonical'), `${origin}/international`);
      assert.equal(linkHref(body, 'prev'), undefined);
      assert.equal(plainAttributes(linkHref(body, 'next') ?? ''), `${origin}/international?page=2`);
      assert.equal(metaContent(body, 'og:type'), 'website');
      assert.match(plainText(body), /Page 1 sur 3/);
      assert.match(body, /<nav class="pagination" aria-label="Pagination">/);
      const crumbs = jsonLdOfType(body, 'BreadcrumbList') as { itemListElement: { name: string; item: string }[] };
      assert.deepEqual(
        crumbs.itemListElement.map((c) => [c.name, c.item]),
        [
          ['Accueil', `${origin}/`],
          ['International', `${origin}/international`],
        ],
      );
      // The first picture of the listing is its LCP: eager; no other.
      assert.equal((body.match(/fetchpriority="high"/g) ?? []).length, 1);
    });

    it('leaves out drafts, scheduled articles and other sections', async () => {
      const body = (await get('/international')).body;
      assert.doesNotMatch(body, /Brouillon secret|Programmé demain|Un article de politique/);
    });

    it('lists the section’s published dossiers and series on page 1', async () => {
      const body = (await get('/international')).body;
      assert.match(body, /href="\/dossier\/[a-z0-9-]+">La guerre des câbles</);
      assert.match(body, /href="\/serie\/[a-z0-9-]+">Les lundis de la diplomatie</);
      assert.match(body, />Chaque lundi</);
      assert.doesNotMatch(body, /Dossier pas encore publié/);
      assert.doesNotMatch((await get('/politique')).body, /La guerre des câbles/);
    });

    it('paginates with ?page=N: middle and last pages', async () => {
      const middle = await get('/international?page=2');
      assert.equal(middle.statusCode, 200);
      assert.equal(titleOf(middle.body), 'International, page 2 | La Gazette de test');
      assert.match(plainText(middle.body), /Page 2 sur 3/);
      assert.equal(plainAttributes(linkHref(middle.body, 'canonical') ?? ''), `${origin}/international?page=2`);
      assert.equal(linkHref(middle.body, 'prev'), `${origin}/international`);
      assert.equal(plainAttributes(linkHref(middle.body, 'next') ?? ''), `${origin}/international?page=3`);
      assert.equal(articleLinks(mainOf(middle.body))[0], `/international/${world.articles[24].slug}`);
      assert.deepEqual(headingProblems(middle.body), []);

      const last = await get('/international?page=3');
      assert.equal(last.statusCode, 200);
      assert.equal(articleLinks(mainOf(last.body)).length, 5);
      assert.equal(linkHref(last.body, 'next'), undefined);
      assert.match(plainText(last.body), /Page 3 sur 3/);
    });

    it('answers 404 one past the last page and far beyond', async () => {
      for (const page of ['4', '99999999', '99999999999999999999999']) {
        const res = await get(`/international?page=${page}`);
        assert.equal(res.statusCode, 404, page);
        assert.match(res.body, /<html lang="fr"/);
      }
    });

    it('keeps page 1 of an empty section, with a French notice, and 404 for page 2', async () => {
      const res = await get('/vide');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Aucun article publié pour le moment/);
      assert.equal((await get('/vide?page=2')).statusCode, 404);
    });

    it('refuses a page that is not a positive integer with a French 400', async () => {
      for (const page of ['abc', '-1', '0', '1.5', '', '1e2', '%20']) {
        const res = await get(`/international?page=${page}`);
        assert.equal(res.statusCode, 400, `?page=${page}`);
        assert.match(res.body, /entier supérieur ou égal à 1/);
      }
      assert.equal((await get('/international?page=2&page=3')).statusCode, 400);
    });

    it('redirects ?page=1 to the section itself, and ignores unknown parameters', async () => {
      const redirect = await get('/international?page=1');
      assert.equal(redirect.statusCode, 301);
      assert.equal(redirect.headers.location, '/international');
      assert.equal((await get('/international?page=1&utm_source=lettre')).headers.location, '/international');
      const tracked = await get('/international?utm_source=lettre&fbclid=x');
      assert.equal(tracked.statusCode, 200);
      assert.equal(linkHref(tracked.body, 'canonical'), `${origin}/international`);
      assert.equal((await get('/international?page=2&utm_source=lettre')).statusCode, 200);
    });

    it('renders a static page when no section has the slug', async () => {
      const res = await get('/a-propos');
      assert.equal(res.statusCode, 200);
      assert.equal(titleOf(res.body), 'Qui sommes-nous\u202f? | La Gazette de test');
      assert.match(res.body, /<h1 class="static-page__title">Qui sommes-nous\u202f\?<\/h1>/);
      assert.match(res.body, /Un journal «\u202findépendant\u202f»\./);
      assert.match(res.body, /<p>Nous faisons le point\.<\/p>/);
      assert.match(res.body, /Mis à jour le <time datetime="2026-11-07T11:00:00\+01:00">7\u00a0novembre 2026<\/time>/);
      assert.equal(jsonLdOfType(res.body, 'AboutPage')?.name, 'Qui sommes-nous ?');
      assert.deepEqual(headingProblems(res.body), []);
      assert.equal(linkHref(res.body, 'canonical'), `${origin}/a-propos`);
    });

    it('answers unknown and malformed slugs with a French 404, never a 500', async () => {
      // Longer than a slug may be (120) but short enough for the router to hand it to the route.
      const long = 'a'.repeat(150);
      for (const url of [
        '/cette-page-n-existe-pas',
        `/${long}`,
        '/International',
        '/%E2%80%AE',
        '/caf%C3%A9',
        '/a--b',
        '/-a',
        '/a_b',
        '/%00',
      ]) {
        const res = await get(url);
        assert.ok(res.statusCode === 404 || (res.statusCode === 400 && url === '/%00'), `${url}: ${res.statusCode}`);
        assert.match(res.body, /<html lang="fr"/, url);
      }
      assert.match((await get('/cette-page-n-existe-pas')).body, /Page introuvable/);
    });

    it('answers undecodable URLs and parameters longer than the router accepts with a 4xx, not 500', async () => {
      // Over maxParamLength (200) the router itself refuses the URL before any route runs.
      for (const url of ['/%C0%AF', '/%E2%80', '/%', `/${'a'.repeat(300)}`]) {
        const res = await get(url);
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
      }
    });

    it('tags cached pages with everything they show, so invalidation is exact', async () => {
      const cache = t.app.kiosque.pageCache;
      cache.clear();
      await get('/international');
      await get('/international?page=3');
      await get('/politique');
      await get('/a-propos');
      assert.ok(cache.has('/international') && cache.has('/international?page=3') && cache.has('/politique') && cache.has('/a-propos'));

      // An article on page 1 only: page 1 goes, page 3 and the other section stay.
      cache.invalidate([`article:${world.articles[44].id}`]);
      assert.equal(cache.has('/international'), false);
      assert.equal(cache.has('/international?page=3'), true);
      assert.equal(cache.has('/politique'), true);

      // The author of every teaser: every International page goes.
      await get('/international');
      cache.invalidate([`person:${world.author.id}`]);
      assert.equal(cache.has('/international'), false);
      assert.equal(cache.has('/international?page=3'), false);
      assert.equal(cache.has('/politique'), true);

      // Dossiers and series shown in the aside, the section itself, the static page.
      await get('/international');
      cache.invalidate([`dossier:${world.dossier.id}`]);
      assert.equal(cache.has('/international'), false);
      await get('/international');
      cache.invalidate([`series:${world.series.id}`]);
      assert.equal(cache.has('/international'), false);
      cache.invalidate([`section:${world.other.id}`]);
      assert.equal(cache.has('/politique'), false);
      assert.equal(cache.has('/a-propos'), true);
      cache.invalidate([`page:${world.page.id}`]);
      assert.equal(cache.has('/a-propos'), false);
    });

    it('never caches a redirect or an error', async () => {
      const cache = t.app.kiosque.pageCache;
      await get('/international?page=1');
      await get('/international?page=abc');
      await get('/international?page=9');
      await get('/nulle-part');
      for (const key of ['/international?page=1', '/international?page=abc', '/international?page=9', '/nulle-part'])
        assert.equal(cache.has(key), false, key);
    });

    it('shows an article published a minute ago once its section page is re-rendered', async () => {
      const fresh = await createArticle(t.database.db, { section: world.other, headline: 'Tout frais', published_at: minutesAgo(1) });
      t.app.kiosque.pageCache.invalidate([`section:${world.other.id}`]);
      const links = articleLinks(mainOf((await get('/politique')).body));
      assert.equal(links[0], `/politique/${fresh.slug}`);
    });
  });
}
