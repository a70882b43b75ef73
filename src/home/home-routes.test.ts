import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle,
  createDossier,
  createImage,
  createPerson,
  createSection,
  createSeries,
  createSettings,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import type { Db } from '../core/db/database.ts';
import {
  articleLinks,
  headingProblems,
  jsonLdOfType,
  linkHref,
  mainOf,
  metaContent,
  plainText,
  titleOf,
} from '../site/teasers/listing-test-helpers.ts';

/** The HTML of one block of the home page, from its heading id to the next block. */
function blockOf(body: string, id: string): string {
  const start = body.indexOf(`aria-labelledby="${id}"`);
  if (start < 0) return '';
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

async function makeWorld(db: Db) {
  await createSettings(db, { name: 'La Gazette de test', tagline: 'Des nouvelles vérifiées' });
  const s = async (slug: string, name: string) => createSection(db, { slug, name });
  const sections = {
    international: await s('international', 'International'),
    politique: await s('politique', 'Politique'),
    economie: await s('economie', 'Économie'),
    societe: await s('societe', 'Société'),
    decryptages: await s('decryptages', 'Décryptages'),
    light: await s('light', 'Gazette-Light'),
    pepites: await s('pepites', 'Pépites'),
    depeches: await s('depeches', 'Dépêches'),
    videos: await s('videos', 'Vidéos'),
    podcasts: await s('podcasts', 'Podcasts'),
  };
  const author = await createPerson(db, { name: 'Jeanne Martin' });
  const image = await createImage(db);
  const at = (minutes: number) => minutesAgo(minutes);

  // Each main section gets 6 older articles; blocks show at most 4.
  const sectionArticles: Record<string, { id: number; slug: string }[]> = {};
  let minutes = 600;
  for (const key of ['international', 'politique', 'economie', 'societe', 'decryptages', 'light'] as const) {
    sectionArticles[key] = [];
    for (let i = 0; i < 6; i++) {
      sectionArticles[key].push(
        await createArticle(db, {
          section: sections[key],
          format: key === 'decryptages' ? 'decryptage' : 'actualite',
          authors: [author],
          headline: `${key} ${i}`,
          hero_image_id: image.id,
          published_at: at(minutes--),
        }),
      );
    }
  }
  // The newest story has no picture: it cannot carry the page, the next one with a picture leads.
  const newestNoImage = await createArticle(db, { section: sections.politique, headline: 'Très récent sans image', published_at: at(5) });
  const lead = await createArticle(db, {
    section: sections.international,
    format: 'decryptage',
    headline: 'La une du jour',
    kicker: 'Diplomatie',
    hero_image_id: image.id,
    authors: [author],
    published_at: at(10),
  });
  const topMore = [];
  for (let i = 0; i < 4; i++)
    topMore.push(
      await createArticle(db, { section: sections.economie, headline: `À la une ${i}`, hero_image_id: image.id, published_at: at(20 + i) }),
    );

  const today = new Date();
  const todayPepites = [];
  for (let i = 0; i < 3; i++)
    todayPepites.push(
      await createArticle(db, {
        section: sections.pepites,
        format: 'pepite',
        headline: `Pépite ${i}`,
        source_outlet: `Journal ${i}`,
        published_at: at(1 + i),
      }),
    );
  const oldPepite = await createArticle(db, {
    section: sections.pepites,
    format: 'pepite',
    headline: 'Pépite ancienne',
    source_outlet: 'Vieux Journal',
    published_at: at(3 * 24 * 60),
  });

  const depeches = [];
  for (let i = 0; i < 8; i++)
    depeches.push(
      await createArticle(db, { section: sections.depeches, format: 'depeche', headline: `Dépêche ${i}`, published_at: at(2 + i * 7) }),
    );
  const videos = [];
  for (let i = 0; i < 4; i++)
    videos.push(
      await createArticle(db, {
        section: sections.videos,
        format: 'video',
        headline: `Vidéo ${i}`,
        hero_image_id: image.id,
        published_at: at(30 + i),
      }),
    );
  const podcasts = [];
  for (let i = 0; i < 4; i++)
    podcasts.push(
      await createArticle(db, {
        section: sections.podcasts,
        format: 'podcast',
        headline: `Podcast ${i}`,
        hero_image_id: image.id,
        published_at: at(40 + i),
      }),
    );
  const draft = await createArticle(db, {
    section: sections.international,
    status: 'draft',
    headline: 'Brouillon',
    hero_image_id: image.id,
    published_at: at(1),
  });

  const dossier = await createDossier(db, {
    title: 'Le grand dossier',
    articles: [sectionArticles.economie[0], sectionArticles.economie[1], draft],
  });
  const series = await createSeries(db, { title: 'Les lundis', cadence: 'chaque lundi' });
  await createArticle(db, { section: sections.politique, series_id: series.id, headline: 'Épisode 1', published_at: at(900) });
  return {
    sections,
    author,
    lead,
    newestNoImage,
    topMore,
    todayPepites,
    oldPepite,
    depeches,
    videos,
    podcasts,
    dossier,
    series,
    sectionArticles,
    today,
  };
}

for (const { label } of testDatabases()) {
  describe(`GET / — la une [${label}]`, () => {
    let t: TestApp;
    let world: Awaited<ReturnType<typeof makeWorld>>;
    let body: string;

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example' } });
      world = await makeWorld(t.database.db);
      const res = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(res.statusCode, 200);
      body = res.body;
    });
    after(() => t?.close());

    it('has the publication title, one h1, ordered headings and the head of a home page', () => {
      assert.equal(titleOf(body), 'La Gazette de test — Des nouvelles vérifiées');
      assert.deepEqual(headingProblems(body), []);
      assert.equal(linkHref(body, 'canonical'), 'https://gazette.example/');
      assert.equal(metaContent(body, 'og:type'), 'website');
      assert.equal(jsonLdOfType(body, 'WebSite')?.name, 'La Gazette de test');
    });

    it('leads with the most recent analysis or news story that has a picture, loaded eagerly', () => {
      const leadBlock = body.slice(body.indexOf('data-part="lead-story"'), body.indexOf('home-top__list'));
      assert.match(leadBlock, /La une du jour/);
      assert.match(leadBlock, /fetchpriority="high"/);
      assert.equal((body.match(/fetchpriority="high"/g) ?? []).length, 1);
    });

    it('follows with the next four stories, never repeating the lead', () => {
      const top = body.slice(body.indexOf('home-top__list'), body.indexOf('home-wire'));
      const links = articleLinks(top);
      assert.equal(links.length, 4);
      assert.equal(links[0], `/politique/${world.newestNoImage.slug}`);
      assert.ok(!links.includes(`/international/${world.lead.slug}`));
    });

    it('shows no article twice on the whole page, and no draft', () => {
      const links = articleLinks(mainOf(body));
      assert.equal(new Set(links).size, links.length, links.join('\n'));
      assert.doesNotMatch(body, />Brouillon</);
    });

    it('has a block per main section linking to it, with at most four teasers', () => {
      for (const [slug, name] of [
        ['international', 'International'],
        ['politique', 'Politique'],
        ['economie', 'Économie'],
        ['societe', 'Société'],
        ['decryptages', 'Décryptages'],
        ['light', 'Gazette-Light'],
      ]) {
        const block = blockOf(body, `rubrique-${slug}`);
        assert.ok(block, `bloc ${slug}`);
        assert.match(block, new RegExp(`<a href="/${slug}">${name}`));
        const links = articleLinks(block);
        assert.ok(links.length >= 3 && links.length <= 4, `${slug}: ${links.length}`);
        assert.ok(links.every((l) => l.startsWith(`/${slug}/`)));
      }
    });

    it('shows today’s pépites, each naming its source, and not older ones', () => {
      const block = blockOf(body, 'pepites');
      assert.match(block, /Les pépites du jour/);
      for (let i = 0; i < 3; i++) {
        assert.match(block, new RegExp(`Pépite ${i}`));
        assert.match(block, new RegExp(`via <cite>Journal ${i}</cite>`));
      }
      assert.doesNotMatch(block, /Pépite ancienne/);
    });

    it('lists the six latest dépêches with their times', () => {
      const block = blockOf(body, 'depeches');
      const links = articleLinks(block);
      assert.deepEqual(
        links,
        world.depeches.slice(0, 6).map((d) => `/depeches/${d.slug}`),
      );
      assert.equal((block.match(/<time class="depeche__time" datetime="[^"]+\+0[12]:00">/g) ?? []).length, 6);
      assert.match(plainText(block), /\d{1,2} h \d{2}/);
    });

    it('shows the three latest videos and podcasts with their format badge', () => {
      const videos = blockOf(body, 'videos');
      assert.deepEqual(
        articleLinks(videos),
        world.videos.slice(0, 3).map((v) => `/videos/${v.slug}`),
      );
      assert.equal((videos.match(/format-badge--video/g) ?? []).length, 3);
      const podcasts = blockOf(body, 'podcasts');
      assert.deepEqual(
        articleLinks(podcasts),
        world.podcasts.slice(0, 3).map((p) => `/podcasts/${p.slug}`),
      );
      assert.equal((podcasts.match(/format-badge--podcast/g) ?? []).length, 3);
    });

    it('shows dossiers with their introduction and count of published articles, and series', () => {
      const dossiers = blockOf(body, 'dossiers');
      assert.match(dossiers, /href="\/dossier\/[a-z0-9-]+">Le grand dossier</);
      assert.match(dossiers, /Introduction du dossier/);
      assert.match(dossiers, />2 articles</);
      assert.match(blockOf(body, 'depeches'), /<a href="\/depeches">Dernières dépêches/);
      const series = blockOf(body, 'rendez-vous');
      assert.match(series, /href="\/serie\/[a-z0-9-]+">Les lundis</);
      assert.match(series, />Chaque lundi</);
    });

    it('is tagged with everything it shows, and only that', async () => {
      const cache = t.app.kiosque.pageCache;
      const shown = [world.lead, world.todayPepites[0], world.depeches[5], world.videos[0], world.podcasts[2]];
      for (const article of shown) {
        await t.app.inject({ method: 'GET', url: '/' });
        assert.ok(cache.has('/'));
        cache.invalidate([`article:${article.id}`]);
        assert.equal(cache.has('/'), false, `article:${article.id}`);
      }
      const notShown = [world.depeches[7], world.videos[3], world.oldPepite, world.sectionArticles.international[0]];
      await t.app.inject({ method: 'GET', url: '/' });
      cache.invalidate(notShown.map((a) => `article:${a.id}`));
      assert.ok(cache.has('/'), 'unrelated articles keep the home page cached');
      for (const tag of [
        'home',
        `person:${world.author.id}`,
        `dossier:${world.dossier.id}`,
        `series:${world.series.id}`,
        `section:${world.sections.light.id}`,
      ]) {
        await t.app.inject({ method: 'GET', url: '/' });
        cache.invalidate([tag]);
        assert.equal(cache.has('/'), false, tag);
      }
    });
  });

  describe(`GET / — edge cases [${label}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect: label });
    });
    after(() => t?.close());

    it('renders an empty publication without error', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Aucun article publié pour le moment/);
      assert.deepEqual(headingProblems(res.body), []);
    });

    it('links a block title to a section only when all its teasers belong to it', async () => {
      const db = t.database.db;
      const a = await createSection(db, { slug: 'monde', name: 'Monde' });
      const b = await createSection(db, { slug: 'regions', name: 'Régions' });
      await createArticle(db, { section: a, format: 'depeche', headline: 'Dépêche du monde' });
      await createArticle(db, { section: b, format: 'depeche', headline: 'Dépêche des régions' });
      await createArticle(db, { section: a, format: 'video', headline: 'Vidéo du monde', hero_image_id: (await createImage(db)).id });
      t.app.kiosque.pageCache.clear();
      const body = (await t.app.inject({ method: 'GET', url: '/' })).body;
      assert.match(body, /<h2 class="home-block__title" id="depeches">Dernières dépêches<\/h2>/);
      assert.match(body, /<h2 class="home-block__title" id="videos"><a href="\/monde">Vidéos/);
    });

    it('names the day of the latest pépites when there are none today', async () => {
      const db = t.database.db;
      const pepites = await createSection(db, { slug: 'pepites', name: 'Pépites' });
      await createArticle(db, {
        section: pepites,
        format: 'pepite',
        headline: 'Pépite d’avant-hier',
        source_outlet: 'Le Journal',
        published_at: '2026-01-01T11:00:00.000Z',
      });
      t.app.kiosque.pageCache.clear();
      const res = await t.app.inject({ method: 'GET', url: '/' });
      assert.match(res.body, /Les pépites du 1er\u00a0janvier 2026/);
      assert.match(res.body, /via <cite>Le Journal<\/cite>/);
    });
  });
}
