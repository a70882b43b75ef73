import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
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
import { parsePersonLinks } from './person-repository.ts';

describe('parsePersonLinks', () => {
  it('keeps well-formed http(s) links and drops the rest', () => {
    const json = JSON.stringify([
      { label: 'Site', url: 'https://exemple.fr' },
      { label: 'Piège', url: 'javascript:alert(1)' },
      { label: '', url: 'https://vide.fr' },
      'texte',
      { label: 'Mastodon', url: 'http://social.exemple/@moi' },
    ]);
    assert.deepEqual(parsePersonLinks(json), [
      { label: 'Site', url: 'https://exemple.fr' },
      { label: 'Mastodon', url: 'http://social.exemple/@moi' },
    ]);
  });

  it('gives no link for broken JSON or a non-array', () => {
    assert.deepEqual(parsePersonLinks('{oops'), []);
    assert.deepEqual(parsePersonLinks('{"a":1}'), []);
  });
});

for (const { label } of testDatabases()) {
  describe(`GET /auteur/:slug [${label}]`, () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof makeWorld>>;
    const origin = 'https://gazette.example';
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette de test' });
      const section = await createSection(db, { slug: 'economie', name: 'Économie' });
      const other = await createSection(db, { slug: 'societe', name: 'Société' });
      const photo = await createImage(db, { alt: 'Portrait de Jeanne Martin', width: 1200, height: 1200 });
      const jeanne = await createPerson(db, {
        slug: 'jeanne-martin',
        name: 'Jeanne Martin',
        kind: 'staff',
        role_line: 'Cheffe du service économie',
        bio: "Elle couvre l'économie depuis 2010.\n\nAvant, elle était à Bruxelles.",
        photo_image_id: photo.id,
        links: JSON.stringify([
          { label: 'Son site', url: 'https://jeanne.example' },
          { label: 'Piège', url: 'javascript:alert(1)' },
        ]),
      });
      const expert = await createPerson(db, { slug: 'paul-expert', name: 'Paul Expert', kind: 'contributor', role_line: 'Économiste' });
      const nobody = await createPerson(db, { slug: 'sans-article', name: 'Sans Article' });
      const articles = [];
      for (let i = 0; i < 22; i++)
        articles.push(await createArticle(db, { section: i % 2 ? section : other, authors: [jeanne], headline: `Article ${i} de Jeanne` }));
      const shared = await createArticle(db, { section, authors: [expert, jeanne], headline: 'Écrit à deux' });
      const draft = await createArticle(db, { section, authors: [jeanne], status: 'draft', headline: 'Brouillon de Jeanne' });
      const byExpertOnly = await createArticle(db, { section, authors: [expert], headline: 'Seulement Paul' });
      return { jeanne, expert, nobody, articles, shared, draft, byExpertOnly };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: origin } });
      world = await makeWorld();
    });
    after(() => t?.close());

    it('presents the author: portrait, name, kind, role, bio, own links', async () => {
      const res = await get('/auteur/jeanne-martin');
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.equal(titleOf(body), 'Jeanne Martin | La Gazette de test');
      assert.match(body, /<h1 class="profile__name">Jeanne Martin<\/h1>/);
      assert.match(body, /<p class="profile__kind">Journaliste<\/p>/);
      assert.match(body, /Cheffe du service économie/);
      assert.match(body, /<p>Elle couvre l’économie depuis 2010\.<\/p><p>Avant, elle était à Bruxelles\.<\/p>/);
      assert.match(body, /<a href="https:\/\/jeanne.example" rel="me noopener">Son site<\/a>/);
      assert.doesNotMatch(body, /javascript:/);
      assert.match(body, /1x1-[0-9]+\.(avif|webp|jpg)/);
      assert.match(body, /alt="Portrait de Jeanne Martin"/);
      assert.deepEqual(headingProblems(body), []);
      assert.equal(linkHref(body, 'canonical'), `${origin}/auteur/jeanne-martin`);
      assert.equal(metaContent(body, 'og:type'), 'profile');
    });

    it('describes the author as a ProfilePage with a Person, and a breadcrumb', async () => {
      const body = (await get('/auteur/jeanne-martin')).body;
      const profile = jsonLdOfType(body, 'ProfilePage') as { url: string; mainEntity: Record<string, unknown> };
      assert.equal(profile.url, `${origin}/auteur/jeanne-martin`);
      assert.equal(profile.mainEntity['@type'], 'Person');
      assert.equal(profile.mainEntity.name, 'Jeanne Martin');
      assert.equal(profile.mainEntity.jobTitle, 'Cheffe du service économie');
      assert.deepEqual(profile.mainEntity.sameAs, ['https://jeanne.example']);
      assert.match(String(profile.mainEntity.image), /^https:\/\/gazette\.example\/media\/.*-1x1-/);
      const crumbs = jsonLdOfType(body, 'BreadcrumbList') as { itemListElement: { name: string }[] };
      assert.deepEqual(
        crumbs.itemListElement.map((c) => c.name),
        ['Accueil', 'Jeanne Martin'],
      );
    });

    it('lists the author’s published articles, co-signed ones included, 20 per page', async () => {
      const page1 = await get('/auteur/jeanne-martin');
      const links = articleLinks(mainOf(page1.body));
      assert.equal(links.length, 20);
      assert.equal(links[0], `/economie/${world.shared.slug}`);
      assert.match(plainText(page1.body), /23 articles/);
      assert.match(page1.body, /Par Paul Expert et Jeanne Martin/);
      assert.doesNotMatch(page1.body, /Brouillon de Jeanne|Seulement Paul/);
      assert.equal(plainAttributes(linkHref(page1.body, 'next') ?? ''), `${origin}/auteur/jeanne-martin?page=2`);

      const page2 = await get('/auteur/jeanne-martin?page=2');
      assert.equal(page2.statusCode, 200);
      assert.equal(articleLinks(mainOf(page2.body)).length, 3);
      assert.match(plainText(page2.body), /Page 2 sur 2/);
      assert.equal(titleOf(page2.body), 'Jeanne Martin, page 2 | La Gazette de test');
      assert.deepEqual(headingProblems(page2.body), []);
    });

    it('labels outside contributors', async () => {
      const body = (await get('/auteur/paul-expert')).body;
      assert.match(body, /<p class="profile__kind">Contributeur extérieur<\/p>/);
      assert.equal(articleLinks(mainOf(body)).length, 2);
    });

    it('has a page for an author without articles', async () => {
      const res = await get('/auteur/sans-article');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Aucun article publié pour le moment/);
      assert.equal((await get('/auteur/sans-article?page=2')).statusCode, 404);
    });

    it('validates ?page= like every listing', async () => {
      for (const page of ['abc', '-1', '0', '1.5']) assert.equal((await get(`/auteur/jeanne-martin?page=${page}`)).statusCode, 400, page);
      assert.equal((await get('/auteur/jeanne-martin?page=3')).statusCode, 404);
      assert.equal((await get('/auteur/jeanne-martin?page=99999999')).statusCode, 404);
      const redirect = await get('/auteur/jeanne-martin?page=1');
      assert.equal(redirect.statusCode, 301);
      assert.equal(redirect.headers.location, '/auteur/jeanne-martin');
    });

    it('answers unknown and malformed authors with a French 404', async () => {
      for (const url of [
        '/auteur/personne',
        '/auteur/Jeanne-Martin',
        `/auteur/${'a'.repeat(150)}`,
        '/auteur/%E2%80%AE',
        '/auteur/jos%C3%A9',
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /<html lang="fr"/);
      }
      assert.ok((await get('/auteur/%C0%AF')).statusCode < 500);
    });

    it('is tagged with the author, the articles and their co-authors', async () => {
      const cache = t.app.kiosque.pageCache;
      cache.clear();
      await get('/auteur/jeanne-martin');
      await get('/auteur/jeanne-martin?page=2');
      cache.invalidate([`person:${world.expert.id}`]);
      assert.equal(cache.has('/auteur/jeanne-martin'), false, 'the co-author’s name is shown on page 1');
      assert.equal(cache.has('/auteur/jeanne-martin?page=2'), true);
      await get('/auteur/jeanne-martin');
      cache.invalidate([`article:${world.articles[0].id}`]);
      assert.equal(cache.has('/auteur/jeanne-martin?page=2'), false);
      assert.equal(cache.has('/auteur/jeanne-martin'), true);
      cache.invalidate([`person:${world.jeanne.id}`]);
      assert.equal(cache.has('/auteur/jeanne-martin'), false);
    });
  });
}
