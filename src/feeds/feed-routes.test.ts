import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle as insertArticle,
  createDossier,
  createImage,
  createPerson,
  createSection,
  createSeries,
  createSettings,
  createTag,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createArticle, publishArticle, unpublishArticle, updateArticle } from '../articles/operations/index.ts';
import { actorFor, newsroom } from '../articles/operations/operations-test-fixture.ts';
import { parseXml, RFC822, RFC3339 } from './feed-test-support.ts';

const BODY = JSON.stringify({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Le texte intégral <b>parle</b> & du port.' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Lien interne', marks: [{ type: 'link', attrs: { href: '/international' } }] }] },
  ],
});

for (const { label } of testDatabases()) {
  describe(`feeds [${label}]`, () => {
    let t: TestApp;
    let w: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette & Cie' });
      const international = await createSection(db, { slug: 'international', name: 'International' });
      const pepites = await createSection(db, { slug: 'pepites', name: 'Pépites' });
      const author = await createPerson(db, { slug: 'claire-montrieux', name: 'Claire Montrieux' });
      const russie = await createTag(db, { slug: 'russie', name: 'Russie' });
      const image = await createImage(db, { alt: 'Le port', caption: 'Le port de Vladivostok', credit: 'AFP / Jean Dupont' });
      const series = await createSeries(db, { slug: 'chronique-du-lundi', title: 'La chronique du lundi' });
      const main = await insertArticle(db, {
        section: international,
        headline: 'Sommet à Vladivostok : « tout » change',
        lead: 'Les deux dirigeants se sont rencontrés mardi.',
        body: BODY,
        hero_image_id: image.id,
        authors: [author],
        tags: [russie],
        source_outlet: 'Euronews',
        series_id: series.id,
        updated_at: minutesAgo(5),
      });
      const pick = await insertArticle(db, { section: pepites, format: 'pepite', headline: 'Une pépite du jour', tags: [russie] });
      const hidden = [
        await insertArticle(db, {
          section: international,
          status: 'draft',
          headline: 'Brouillon secret',
          authors: [author],
          tags: [russie],
        }),
        await insertArticle(db, {
          section: international,
          status: 'scheduled',
          published_at: minutesAgo(-60),
          headline: 'Programmé secret',
          tags: [russie],
        }),
        await insertArticle(db, { section: international, status: 'unpublished', headline: 'Dépublié secret', tags: [russie] }),
        await insertArticle(db, { section: international, status: 'published', published_at: minutesAgo(-30), headline: 'Futur secret' }),
      ];
      const dossier = await createDossier(db, { slug: 'asie', title: 'Asie', articles: [main, hidden[0]!] });
      return { international, author, russie, image, series, main, pick, hidden, dossier };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example', WEBSUB_HUBS: 'https://hub.example/' } });
      w = await makeWorld();
    });
    after(() => t?.close());

    it('serves RSS 2.0 with full text, GUIDs, dates, categories, image and credit', async () => {
      const res = await get('/flux/rss.xml');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
      const doc = parseXml(res.body);
      assert.equal(doc.rss['@version'], '2.0');
      const channel = doc.rss.channel;
      assert.equal(channel.title, 'La Gazette & Cie');
      assert.equal(channel.link, 'https://gazette.example/');
      assert.ok(channel.description);
      assert.equal(channel.language, 'fr');
      assert.match(channel.lastBuildDate, RFC822);
      const self = channel['atom:link'].find((l: { '@rel': string }) => l['@rel'] === 'self');
      assert.equal(self['@href'], 'https://gazette.example/flux/rss.xml');
      assert.ok(
        channel['atom:link'].some((l: { '@rel': string; '@href': string }) => l['@rel'] === 'hub' && l['@href'] === 'https://hub.example/'),
      );
      const titles = channel.item.map((i: { title: string }) => i.title);
      assert.deepEqual(titles.length, 2);
      for (const secret of ['Brouillon secret', 'Programmé secret', 'Dépublié secret', 'Futur secret'])
        assert.doesNotMatch(res.body, new RegExp(secret));
      const item = channel.item.find((i: { link: string }) => i.link.endsWith(`/international/${w.main.slug}`));
      assert.equal(item.title, 'Sommet à Vladivostok\u00a0: «\u202ftout\u202f» change');
      assert.equal(item.guid['@isPermaLink'], 'false');
      assert.match(item.guid['#text'], /^tag:gazette\.example,\d{4}-\d{2}-\d{2}:article:\d+$/);
      assert.match(item.pubDate, RFC822);
      assert.equal(new Date(item.pubDate).toISOString().slice(0, 19), w.main.published_at!.slice(0, 19));
      assert.match(item['content:encoded'], /Le texte intégral &#60;b&#62;parle&#60;\/b&#62; &#38; du port\./);
      assert.match(item['content:encoded'], /href="https:\/\/gazette\.example\/international"/);
      assert.match(item['content:encoded'], /Crédit\u00a0: AFP \/ Jean Dupont/);
      assert.match(item['content:encoded'], /Source\u00a0: Euronews/);
      assert.match(item.description, /Les deux dirigeants/);
      assert.deepEqual(
        item.category.map((c: { '#text': string }) => c['#text']),
        ['International', 'Russie'],
      );
      assert.equal(item['dc:creator'][0], 'Claire Montrieux');
      assert.equal(item.enclosure['@type'], 'image/jpeg');
      assert.match(item.enclosure['@url'], /^https:\/\/gazette\.example\/media\/\d+-[0-9a-f]{8}-16x9-1280\.jpg$/);
      assert.equal(item['media:content']['@medium'], 'image');
      assert.equal(item['media:content']['media:credit'], 'AFP / Jean Dupont');
      assert.match(res.body, /xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
    });

    it('serves Atom (RFC 4287): ids, updated, authors, alternate links, categories', async () => {
      const res = await get('/flux/atom.xml');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const { feed } = parseXml(res.body);
      assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
      assert.equal(feed.id, 'https://gazette.example/flux/atom.xml');
      assert.ok(feed.title);
      assert.match(feed.updated, RFC3339);
      assert.ok(feed.author[0].name, 'a feed-level author covers entries without one');
      assert.equal(feed.entry.length, 2);
      for (const entry of feed.entry) {
        assert.match(entry.id, /^tag:gazette\.example,/);
        assert.ok(entry.title['#text'] ?? entry.title);
        assert.match(entry.updated, RFC3339);
        assert.match(entry.published, RFC3339);
        const alternate = entry.link.find((l: { '@rel'?: string }) => !l['@rel'] || l['@rel'] === 'alternate');
        assert.match(alternate['@href'], /^https:\/\/gazette\.example\//);
        assert.ok(entry.content || entry.summary);
      }
      const main = feed.entry.find((e: { id: string }) => e.id.endsWith(`:article:${w.main.id}`));
      assert.equal(main.author[0].name, 'Claire Montrieux');
      assert.equal(main.author[0].uri, 'https://gazette.example/auteur/claire-montrieux');
      assert.equal(main.content['@type'], 'html');
      assert.ok(main.category.every((c: { '@term': string }) => c['@term']));
      const enclosure = main.link.find((l: { '@rel'?: string }) => l['@rel'] === 'enclosure');
      assert.equal(enclosure['@type'], 'image/jpeg');
      assert.ok(new Date(main.updated) >= new Date(main.published), 'updated is the last change');
    });

    it('serves JSON Feed 1.1', async () => {
      const res = await get('/flux/feed.json');
      assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.body);
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.equal(feed.feed_url, 'https://gazette.example/flux/feed.json');
      assert.equal(feed.language, 'fr');
      assert.deepEqual(feed.hubs, [{ type: 'WebSub', url: 'https://hub.example/' }]);
      assert.equal(feed.items.length, 2);
      for (const item of feed.items) {
        assert.equal(typeof item.id, 'string');
        assert.ok(item.content_html !== undefined || item.content_text !== undefined);
        assert.match(item.date_published, RFC3339);
        assert.ok(Array.isArray(item.authors));
      }
      const main = feed.items.find((i: { id: string }) => i.id.endsWith(`:article:${w.main.id}`));
      assert.match(main.image, /\.jpg$/);
      assert.deepEqual(main.tags, ['International', 'Russie']);
    });

    it('has a feed for each section, format, author, tag, dossier and series, without drafts', async () => {
      const cases: [string, string[]][] = [
        ['/flux/rubrique/international/rss.xml', [w.main.slug]],
        ['/flux/format/pepites/rss.xml', [w.pick.slug]],
        ['/flux/auteur/claire-montrieux/rss.xml', [w.main.slug]],
        ['/flux/sujet/russie/rss.xml', [w.main.slug, w.pick.slug]],
        ['/flux/dossier/asie/rss.xml', [w.main.slug]],
        ['/flux/serie/chronique-du-lundi/rss.xml', [w.main.slug]],
      ];
      for (const [url, slugs] of cases) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, url);
        const items = parseXml(res.body).rss.channel.item ?? [];
        assert.deepEqual(items.map((i: { link: string }) => i.link.split('/').pop()).sort(), [...slugs].sort(), url);
        assert.doesNotMatch(res.body, /secret/, url);
        for (const type of ['atom.xml', 'feed.json']) assert.equal((await get(url.replace('rss.xml', type))).statusCode, 200);
      }
      for (const url of [
        '/flux/rubrique/inconnue/rss.xml',
        '/flux/format/chroniques/rss.xml',
        '/flux/format/constructor/rss.xml',
        '/flux/rss.txt',
        '/flux/planete/x/rss.xml',
      ])
        assert.equal((await get(url)).statusCode, 404, url);
      const rss = await get('/rss');
      assert.equal(rss.statusCode, 301);
      assert.equal(rss.headers.location, '/flux/rss.xml');
    });

    it('answers conditional requests with 304 (ETag and Last-Modified)', async () => {
      const first = await get('/flux/rubrique/international/atom.xml');
      const etag = first.headers.etag as string;
      const lastModified = first.headers['last-modified'] as string;
      assert.ok(etag);
      assert.equal(new Date(lastModified).toISOString().slice(0, 19), w.main.updated_at!.slice(0, 19));
      assert.equal((await get('/flux/rubrique/international/atom.xml', { 'if-none-match': etag })).statusCode, 304);
      assert.equal((await get('/flux/rubrique/international/atom.xml', { 'if-modified-since': lastModified })).statusCode, 304);
      const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      assert.equal((await get('/flux/rubrique/international/atom.xml', { 'if-modified-since': older })).statusCode, 200);
      assert.equal(
        (await get('/flux/rubrique/international/atom.xml', { 'if-none-match': '"autre"', 'if-modified-since': lastModified })).statusCode,
        200,
      );
    });

    it('keeps GUIDs when a slug changes, and gives the lead only when full text is off', async () => {
      const before = parseXml((await get('/flux/sujet/russie/rss.xml')).body).rss.channel.item;
      await t.database.db.updateTable('articles').set({ slug: 'sommet-renomme' }).where('id', '=', w.main.id).execute();
      await t.database.db.updateTable('settings').set({ feed_full_text: 0 }).execute();
      t.app.kiosque.pageCache.clear();
      const { forgetSiteChrome } = await import('../publication/publication-repository.ts');
      forgetSiteChrome(t.database.db);
      const afterRename = parseXml((await get('/flux/sujet/russie/rss.xml')).body).rss.channel.item;
      const guid = (items: { guid: { '#text': string }; link: string }[], id: number) =>
        items.find((i) => i.guid['#text'].endsWith(`:article:${id}`))!;
      assert.equal(guid(afterRename, w.main.id).guid['#text'], guid(before, w.main.id).guid['#text']);
      assert.match(guid(afterRename, w.main.id).link, /\/sommet-renomme$/);
      assert.equal(guid(afterRename, w.main.id)['content:encoded' as 'link'], undefined);
      assert.match((guid(afterRename, w.main.id) as unknown as { description: string }).description, /Les deux dirigeants/);
      await t.database.db.updateTable('settings').set({ feed_full_text: 1 }).execute();
      forgetSiteChrome(t.database.db);
      t.app.kiosque.pageCache.clear();
    });

    it('drops cached feeds exactly when an article in them is published, updated or unpublished', async () => {
      const ctx = t.app.kiosque;
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const sectionFeed = `/flux/rubrique/${n.section.slug}/rss.xml`;
      const formatFeed = '/flux/format/depeches/rss.xml';
      const unrelated = '/flux/dossier/asie/rss.xml';
      for (const url of [sectionFeed, formatFeed, unrelated]) await get(url);
      const { id } = await createArticle(ctx, editor, n.input({ format: 'depeche', headline: 'Dépêche du matin', tags: [] }));
      await publishArticle(ctx, editor, id);
      assert.equal(ctx.pageCache.has(unrelated), true, 'a feed the article is not in stays cached');
      for (const url of [sectionFeed, formatFeed]) assert.match((await get(url)).body, /Dépêche du matin/, url);
      const revision = (await ctx.db.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision;
      await updateArticle(ctx, editor, id, revision, n.input({ format: 'depeche', headline: 'Dépêche du soir', tags: [] }));
      assert.match((await get(formatFeed)).body, /Dépêche du soir/);
      await unpublishArticle(ctx, editor, id);
      assert.doesNotMatch((await get(formatFeed)).body, /Dépêche du/);
      assert.doesNotMatch((await get(sectionFeed)).body, /Dépêche du/);
    });

    it('lists the feeds on the Flux RSS page and announces them from each page', async () => {
      const page = await get('/flux');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="static-page__title">Flux RSS<\/h1>/);
      for (const href of [
        '/flux/rss.xml',
        '/flux/format/pepites/atom.xml',
        '/flux/rubrique/international/feed.json',
        '/flux/dossier/asie/rss.xml',
        '/flux/serie/chronique-du-lundi/rss.xml',
      ])
        assert.ok(page.body.includes(`href="${href}"`), href);
      const pages: [string, string][] = [
        ['/', '/flux/rss.xml'],
        ['/international', '/flux/rubrique/international/rss.xml'],
        ['/auteur/claire-montrieux', '/flux/auteur/claire-montrieux/rss.xml'],
        ['/sujet/russie', '/flux/sujet/russie/rss.xml'],
        ['/dossier/asie', '/flux/dossier/asie/rss.xml'],
        ['/serie/chronique-du-lundi', '/flux/serie/chronique-du-lundi/rss.xml'],
      ];
      for (const [url, feed] of pages) {
        const body = (await get(url)).body;
        assert.ok(
          body.includes(`<link rel="alternate" type="application/rss+xml" title=`) &&
            body.includes(`href="https://gazette.example${feed}"`),
          url,
        );
        assert.ok(body.includes('type="application/atom+xml"') && body.includes('type="application/feed+json"'), url);
      }
    });
  });
}
