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
  createTag,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { parseXml, RFC3339 } from '../feeds/feed-test-support.ts';
import { listArticleMonths } from './sitemap-repository.ts';
import { SITEMAP_MAX_ENTRY_BYTES, SITEMAP_MAX_URLS, urlEntry } from './sitemap-xml.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The rules of the sitemap XSD a generated urlset must follow. */
function checkUrlset(xml: string) {
  assert.ok(Buffer.byteLength(xml) <= 52_428_800);
  const doc = parseXml(xml);
  assert.equal(doc.urlset['@xmlns'], SITEMAP_NS);
  const urls = doc.urlset.url ?? [];
  assert.ok(urls.length <= SITEMAP_MAX_URLS);
  for (const url of urls) {
    assert.match(url.loc, /^https:\/\/gazette\.example\//);
    assert.ok(url.loc.length >= 12 && url.loc.length < 2048, 'loc is 12 to 2,048 characters');
    if (url.lastmod !== undefined) assert.match(url.lastmod, RFC3339);
  }
  return urls as { loc: string; lastmod?: string; 'image:image'?: { 'image:loc': string; 'image:caption'?: string }[] }[];
}

for (const { label } of testDatabases()) {
  describe(`sitemaps [${label}]`, () => {
    let t: TestApp;
    let w: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const thisMonth = new Date().toISOString().slice(0, 7);

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette & Cie' });
      const section = await createSection(db, { slug: 'international', name: 'International' });
      const empty = await createSection(db, { slug: 'vide', name: 'Vide' });
      const author = await createPerson(db, { slug: 'claire-montrieux' });
      const idle = await createPerson(db, { slug: 'sans-article' });
      const tag = await createTag(db, { slug: 'russie' });
      const series = await createSeries(db, { slug: 'chronique' });
      const image = await createImage(db, { caption: 'Le port <de> Vladivostok & ses grues', credit: 'AFP' });
      const fresh = await createArticle(db, {
        section,
        authors: [author],
        tags: [tag],
        series_id: series.id,
        hero_image_id: image.id,
        headline: 'Sommet « Vladivostok » & Cie',
        published_at: minutesAgo(60),
        updated_at: minutesAgo(10),
      });
      const old = await createArticle(db, { section, published_at: '2024-03-15T08:00:00.000Z', headline: 'Archive de mars' });
      const secrets = [
        await createArticle(db, { section, status: 'draft', headline: 'Brouillon secret', slug: 'secret-1', authors: [idle] }),
        await createArticle(db, { section, status: 'scheduled', published_at: minutesAgo(-60), slug: 'secret-2' }),
        await createArticle(db, { section, status: 'unpublished', published_at: minutesAgo(30), slug: 'secret-3' }),
        await createArticle(db, { section: empty, status: 'published', published_at: minutesAgo(-30), slug: 'secret-4' }),
      ];
      const dossier = await createDossier(db, { slug: 'asie', articles: [fresh] });
      const page = await createPage(db, { slug: 'a-propos', kind: 'about' });
      return { section, empty, author, idle, tag, series, image, fresh, old, secrets, dossier, page };
    }

    before(async () => {
      t = await createTestApp({
        dialect: label,
        env: { PUBLIC_URL: 'https://gazette.example' },
      });
      w = await makeWorld();
    });
    after(() => t?.close());

    it('indexes every sitemap file, with the last change of what each lists', async () => {
      const res = await get('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      const doc = parseXml(res.body);
      assert.equal(doc.sitemapindex['@xmlns'], SITEMAP_NS);
      const locs = doc.sitemapindex.sitemap.map((s: { loc: string }) => s.loc.replace('https://gazette.example', ''));
      assert.deepEqual(locs, [
        '/sitemaps/actualites.xml',
        `/sitemaps/articles-${thisMonth}.xml`,
        '/sitemaps/articles-2024-03.xml',
        '/sitemaps/rubriques.xml',
        '/sitemaps/auteurs.xml',
        '/sitemaps/sujets.xml',
        '/sitemaps/dossiers.xml',
        '/sitemaps/series.xml',
        '/sitemaps/pages.xml',
        '/sitemaps/videos.xml',
      ]);
      const month = doc.sitemapindex.sitemap[1];
      assert.equal(new Date(month.lastmod).toISOString().slice(0, 19), w.fresh.updated_at!.slice(0, 19));
      for (const s of doc.sitemapindex.sitemap) if (s.lastmod) assert.match(s.lastmod, RFC3339);
      for (const loc of locs) assert.equal((await get(loc)).statusCode, 200, loc);
    });

    it('lists a month of public articles with lastmod and image entries with caption, nothing else', async () => {
      const res = await get(`/sitemaps/articles-${thisMonth}.xml`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /xmlns:image="http:\/\/www\.google\.com\/schemas\/sitemap-image\/1\.1"/);
      const urls = checkUrlset(res.body);
      assert.deepEqual(
        urls.map((u) => u.loc),
        [`https://gazette.example/international/${w.fresh.slug}`],
      );
      assert.equal(new Date(urls[0]!.lastmod!).toISOString().slice(0, 19), w.fresh.updated_at!.slice(0, 19));
      const image = urls[0]!['image:image']![0]!;
      assert.match(image['image:loc'], /^https:\/\/gazette\.example\/media\/\d+-[0-9a-f]{8}-16x9-1280\.jpg$/);
      assert.equal(
        image['image:caption'],
        'Le port &lt;de&gt; Vladivostok &amp; ses grues (AFP)'.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
      );
      const march = checkUrlset((await get('/sitemaps/articles-2024-03.xml')).body);
      assert.deepEqual(
        march.map((u) => u.loc),
        [`https://gazette.example/international/${w.old.slug}`],
      );
      for (const bad of [
        '/sitemaps/articles-2024-04.xml',
        '/sitemaps/articles-2024-13.xml',
        '/sitemaps/articles-2024-03-2.xml',
        '/sitemaps/autre.xml',
        '/sitemaps/actualites-2.xml',
      ])
        assert.equal((await get(bad)).statusCode, 404, bad);
    });

    it('lists sections, authors, tags, dossiers, series and static pages that readers can reach', async () => {
      const locs = async (name: string) =>
        checkUrlset((await get(`/sitemaps/${name}.xml`)).body).map((u) => u.loc.replace('https://gazette.example', ''));
      assert.deepEqual(await locs('rubriques'), ['/international', '/vide']);
      assert.deepEqual(await locs('auteurs'), ['/auteur/claire-montrieux']);
      assert.deepEqual(await locs('sujets'), ['/sujet/russie']);
      assert.deepEqual(await locs('dossiers'), ['/dossier/asie']);
      assert.deepEqual(await locs('series'), ['/serie/chronique']);
      assert.deepEqual(await locs('pages'), ['/', '/flux', '/a-propos']);
    });

    it('gives Google News the last 48 hours, with publication, language, date and title', async () => {
      const res = await get('/sitemaps/actualites.xml');
      assert.match(res.body, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
      const urls = checkUrlset(res.body) as unknown as { loc: string; 'news:news': Record<string, unknown> }[];
      assert.equal(urls.length, 1);
      const news = urls[0]!['news:news'] as {
        'news:publication': { 'news:name': string; 'news:language': string };
        'news:publication_date': string;
        'news:title': string;
      };
      assert.equal(news['news:publication']['news:name'], 'La Gazette & Cie');
      assert.equal(news['news:publication']['news:language'], 'fr');
      assert.match(news['news:publication_date'], RFC3339);
      assert.equal(news['news:title'], 'Sommet « Vladivostok » & Cie');
      for (const path of ['/sitemap.xml', '/sitemaps/actualites.xml', `/sitemaps/articles-${thisMonth}.xml`, '/sitemaps/auteurs.xml'])
        assert.doesNotMatch((await get(path)).body, /secret|sans-article/, path);
    });

    it('names the sitemaps in robots.txt', async () => {
      const robots = (await get('/robots.txt')).body;
      assert.match(robots, /^Sitemap: https:\/\/gazette\.example\/sitemap\.xml$/m);
      assert.match(robots, /^Sitemap: https:\/\/gazette\.example\/sitemaps\/actualites\.xml$/m);
    });

    it('drops a cached month sitemap when one of its articles changes, and only that month', async () => {
      const ctx = t.app.kiosque;
      await get(`/sitemaps/articles-${thisMonth}.xml`);
      await get('/sitemaps/articles-2024-03.xml');
      ctx.pageCache.invalidate([`month:${thisMonth}`]);
      assert.equal(ctx.pageCache.has(`/sitemaps/articles-${thisMonth}.xml`), false);
      assert.equal(ctx.pageCache.has('/sitemaps/articles-2024-03.xml'), true);
    });

    it('counts the months from sitemap_months, kept by triggers through every change, as a full count would', async () => {
      const db = t.database.db;
      const now = new Date().toISOString();
      const monthOf = (iso: string) => iso.slice(0, 7);
      const fullCount = async () => {
        const rows = await db
          .selectFrom('articles')
          .select('published_at')
          .where('status', '=', 'published')
          .where('published_at', '<=', now)
          .execute();
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(monthOf(r.published_at!), (counts.get(monthOf(r.published_at!)) ?? 0) + 1);
        return [...counts].sort((a, b) => (a[0] < b[0] ? 1 : -1));
      };
      const months = async () => (await listArticleMonths(db, label, now)).map((m) => [m.month, m.count] as [string, number]);
      assert.deepEqual(await months(), await fullCount());
      const moved = await createArticle(db, { section: w.section, published_at: '2022-06-10T08:00:00.000Z', slug: 'juin-2022' });
      await createArticle(db, { section: w.section, published_at: '2022-06-20T08:00:00.000Z', slug: 'juin-2022-bis' });
      assert.deepEqual(
        (await months()).find(([m]) => m === '2022-06'),
        ['2022-06', 2],
      );
      // Re-dated, withdrawn, published again, deleted: each change moves its month's count.
      await db.updateTable('articles').set({ published_at: '2022-07-01T08:00:00.000Z' }).where('id', '=', moved.id).execute();
      assert.deepEqual(await months(), await fullCount());
      await db.updateTable('articles').set({ status: 'unpublished', updated_at: now }).where('id', '=', moved.id).execute();
      assert.equal(
        (await months()).find(([m]) => m === '2022-07'),
        undefined,
        'a month left empty is not listed',
      );
      await db.updateTable('articles').set({ status: 'published' }).where('id', '=', moved.id).execute();
      assert.deepEqual(await months(), await fullCount());
      await db.deleteFrom('articles').where('id', '=', moved.id).execute();
      assert.deepEqual(await months(), await fullCount());
      const july = await db.selectFrom('sitemap_months').selectAll().where('month', '=', '2022-07').executeTakeFirstOrThrow();
      assert.equal(july.articles, 0);
      assert.ok(new Date(july.lastmod).toISOString() >= now.slice(0, 19), 'the month changed when its article left it');
    });

    it('splits a month past 50,000 articles into parts', { timeout: 120_000 }, async () => {
      const db = t.database.db;
      const rows = [];
      for (let i = 0; i < SITEMAP_MAX_URLS + 1; i++)
        rows.push({
          format: 'depeche' as const,
          section_id: w.section.id,
          series_id: null,
          kicker: '',
          headline: `Dépêche ${i}`,
          slug: `depeche-2023-${i}`,
          lead: '',
          body: '{"type":"doc","content":[]}',
          hero_image_id: null,
          source_outlet: null,
          source_url: null,
          source_headline: null,
          status: 'published' as const,
          created_at: '2023-01-01T00:00:00.000Z',
          published_at: new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString(),
          updated_at: null,
          seo_title: null,
          seo_description: null,
          comments_setting: 'inherit' as const,
          revision: 1,
        });
      for (let i = 0; i < rows.length; i += 1000)
        await db
          .insertInto('articles')
          .values(rows.slice(i, i + 1000))
          .execute();
      t.app.kiosque.pageCache.clear();
      const index = parseXml((await get('/sitemap.xml')).body);
      const locs = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
      assert.ok(locs.includes('https://gazette.example/sitemaps/articles-2023-01.xml'));
      assert.ok(locs.includes('https://gazette.example/sitemaps/articles-2023-01-2.xml'));
      const first = checkUrlset((await get('/sitemaps/articles-2023-01.xml')).body);
      const second = checkUrlset((await get('/sitemaps/articles-2023-01-2.xml')).body);
      assert.equal(first.length, SITEMAP_MAX_URLS);
      assert.deepEqual(
        second.map((u) => u.loc),
        [`https://gazette.example/international/depeche-2023-${SITEMAP_MAX_URLS}`],
      );
    });
  });
}

describe('sitemap entries', () => {
  it('keep each <url> within the byte budget that makes 50,000 of them fit in 50 MB', () => {
    const caption = 'Légende très longue, « accentuée » & chargée <de> signes '.repeat(40);
    const entry = urlEntry('https://gazette.example/international/un-article', '2026-11-03T10:00:00.000Z', [
      { loc: 'https://gazette.example/media/1-0123abcd-16x9-1280.jpg', caption },
    ]);
    assert.ok(Buffer.byteLength(entry) <= SITEMAP_MAX_ENTRY_BYTES);
    assert.ok(SITEMAP_MAX_ENTRY_BYTES * SITEMAP_MAX_URLS + 200 <= 52_428_800);
    const doc = parseXml(`<urlset xmlns:image="x">${entry}</urlset>`);
    assert.match(doc.urlset.url[0]['image:image'][0]['image:caption'], /…$/);
  });
});
