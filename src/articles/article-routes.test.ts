import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { brotliOptions } from '../core/cache/page-cache.ts';
import { loadConfig } from '../core/config.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { type ArticleFixture, insertArticleFixture } from './article-test-fixture.ts';

const PUBLIC_URL = 'https://gazette.example';
const ANATOMY = [
  'section',
  'kicker',
  'headline',
  'lead',
  'byline',
  'dates',
  'hero',
  'body',
  'source',
  'tags',
  'corrections',
  'share',
  'comments',
  'related',
];

/** The JSON-LD objects of a page, parsed. */
// biome-ignore lint/suspicious/noExplicitAny: JSON-LD is walked freely by the assertions
function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
}

/** Attribute text as a browser reads it (the templates write &#61; for =, &#60; for <…). */
function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

function meta(html: string, property: string): string[] {
  return [...html.matchAll(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`, 'g'))].map((m) => decode(m[1]));
}

/** Polls until check returns a value (the stored body is written after the response). */
async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('délai dépassé');
}

/** The decoded href of every link in a piece of HTML. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]));
}

forEachDatabase('page article', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let fx: ArticleFixture;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  before(async () => {
    database = await engine.open();
    fx = await insertArticleFixture(database.db);
    const config = loadConfig({
      DATA_DIR: database.dataDir,
      NODE_ENV: 'test',
      KIOSQUE_DEMO: '0',
      PUBLIC_URL,
      DATABASE_URL: database.databaseUrl,
    });
    app = await buildApp({ config, database });
  });

  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('every part of the anatomy is there, once, in reading order', async () => {
    const res = await get(fx.main.path);
    assert.equal(res.statusCode, 200);
    const positions = ANATOMY.map((part) => {
      const matches = [...res.body.matchAll(new RegExp(`data-part="${part}"`, 'g'))];
      assert.equal(matches.length, 1, `data-part="${part}" : ${matches.length} fois`);
      return matches[0].index;
    });
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'ordre des parties',
    );
    assert.match(res.body, /<h1 class="article__headline" data-part="headline">/);
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
  });

  test('title, byline, dates, hero, source, corrections and series read as the reader expects', async () => {
    const { body } = await get(fx.main.path);
    // French typography in text: the spaced hyphen becomes a dash, a no-break space precedes the colon.
    assert.match(
      body,
      /<title>Sommet Corée du Nord – Russie\u00a0: Kim Jong-un et Vladimir Poutine renforcent leurs liens \| La Gazette d’essai<\/title>/,
    );
    assert.match(body, /data-part="headline">Sommet Corée du Nord – Russie\u00a0: Kim/);
    // …but never in attributes: the description and og:title keep the editor's characters.
    assert.deepEqual(meta(body, 'og:title'), ['Sommet Corée du Nord - Russie : Kim Jong-un et Vladimir Poutine renforcent leurs liens']);
    assert.deepEqual(meta(body, 'description'), ["Les deux dirigeants se sont rencontrés à l'est de la Russie : qu'en attendre ?"]);

    assert.match(
      body,
      /<p class="byline__names">Par <a class="byline__name" href="\/auteur\/alice-martin">Alice Martin<\/a> et <a class="byline__name" href="\/auteur\/bruno-leroy">Bruno Leroy<\/a><\/p>/,
    );
    assert.match(body, /Économiste, chercheur au CNRS/);
    assert.match(body, /Publié le <time datetime="2026-01-15T08:05:00\+01:00">15\u00a0janvier 2026 à 8\u00a0h\u00a005<\/time>/);
    assert.match(body, /Mis à jour le <time datetime="2026-01-15T10:30:00\+01:00">/);
    assert.match(body, /data-part="hero"><figure class="figure"><picture>.*?fetchpriority="high".*?Crédit photo/s);
    assert.match(
      body,
      /data-part="source"><span class="article__source-label">Source&nbsp;:<\/span> <a href="https:\/\/www.euronews.com\/2026\/12\/01\/sommet" rel="noopener">Euronews<\/a>, <span class="article__source-headline">«\u202fKim and Putin meet in Vladivostok\u202f»<\/span>/,
    );
    assert.match(
      body,
      /data-part="corrections".*?<time datetime="2026-01-15T11:00:00\+01:00">15\u00a0janvier 2026<\/time>&nbsp;: Le sommet a eu lieu mardi, et non lundi\./s,
    );
    assert.match(
      body,
      /data-part="section"><a href="\/international">International<\/a> <span class="article__format">Chronique<\/span><\/p>/,
    );
    assert.match(body, /Cette chronique fait partie de la série <a href="\/serie\/la-chronique-du-monde">La chronique du monde<\/a>/);
    assert.match(body, /data-part="tags".*?href="\/sujet\/russie".*?href="\/sujet\/coree-du-nord"/s);
    assert.match(
      body,
      /<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="\/">Accueil<\/a><\/li><li><a href="\/international">International<\/a><\/li><li aria-current="page">/,
    );
    assert.match(body, /<a class="site-nav__link" href="\/international" aria-current="page">International<\/a>/);
  });

  test('the body is rendered with its figures (lazy) and its video facade', async () => {
    const { body } = await get(fx.main.path);
    const part = body.slice(body.indexOf('data-part="body"'), body.indexOf('data-part="source"'));
    assert.match(part, /<h2 id="des-annonces-attendues">Des annonces attendues<\/h2>/);
    assert.match(part, /<figure class="quote"><blockquote>/);
    assert.match(part, /article__figure--wide.*?loading="lazy".*?Le port de Vladivostok.*?Crédit photo/s);
    assert.match(
      part,
      /<figure class="embed embed--video" data-embed-provider="youtube" data-embed-id="dQw4w9WgXcQ"><a class="embed__facade"/,
    );
    assert.ok(hrefs(part).includes('https://www.youtube.com/watch?v=dQw4w9WgXcQ'));
  });

  test('comments: the editors’ notice when suspended, the empty state when open', async () => {
    const suspended = await get(fx.main.path);
    assert.match(
      suspended.body,
      /data-part="comments".*?<p class="notice notice--comments" role="note">En raison de débordements, nous avons suspendu les commentaires\.<\/p>/s,
    );

    await database.db.updateTable('settings').set({ comments_mode: 'open' }).execute();
    forgetSiteChrome(database.db);
    app.kiosque.pageCache.clear();
    try {
      const open = await get(fx.main.path);
      const comments = open.body.slice(open.body.indexOf('data-part="comments"'), open.body.indexOf('data-part="related"'));
      assert.match(
        comments,
        /<h2 class="comments__title" id="commentaires">Commentaires<\/h2>.*<a class="button" href="\/commentaires\/\d+\/ecrire">Écrire un commentaire<\/a>.*<p class="comments__empty">Aucun commentaire pour le moment\.<\/p>/s,
      );
      assert.doesNotMatch(comments, /role="note"/);
    } finally {
      await database.db.updateTable('settings').set({ comments_mode: 'suspended' }).execute();
      forgetSiteChrome(database.db);
      app.kiosque.pageCache.clear();
    }
  });

  test('share block: plain links with accessible names, and the two island buttons hidden until JavaScript', async () => {
    const { body } = await get(fx.main.path);
    const share = body.slice(body.indexOf('data-part="share"'), body.indexOf('data-part="comments"'));
    const url = encodeURIComponent(`${PUBLIC_URL}${fx.main.path}`);
    for (const [name, prefix] of [
      ['Partager par e-mail', 'mailto:?subject='],
      ['Partager par SMS', 'sms:?&body='],
      ['Partager sur WhatsApp', 'https://wa.me/?text='],
      ['Partager sur Telegram', `https://t.me/share/url?url=${url}`],
      ['Partager sur Facebook', `https://www.facebook.com/sharer/sharer.php?u=${url}`],
      ['Partager sur X', 'https://x.com/intent/post?text='],
      ['Partager sur LinkedIn', `https://www.linkedin.com/sharing/share-offsite/?url=${url}`],
      ['Partager sur Bluesky', 'https://bsky.app/intent/compose?text='],
    ]) {
      assert.ok(
        hrefs(share).some((href) => href.startsWith(prefix)),
        `${name} : lien absent`,
      );
      assert.ok(share.includes(`aria-label="${name}"`), `${name} : nom accessible absent`);
    }
    assert.match(share, /<button type="button" class="share__button share__button--native" data-share-native hidden>/);
    assert.match(share, /<button type="button" class="share__button share__button--copy" data-share-copy hidden>/);
    assert.match(share, /role="status" aria-live="polite"/);
    assert.doesNotMatch(body, /<script(?![^>]*(type="module" src="\/assets\/|type="application\/ld\+json"))/, 'aucun autre script');
  });

  test('related articles are cards linking to other public articles', async () => {
    const { body } = await get(fx.main.path);
    const related = body.slice(body.indexOf('data-part="related"'));
    assert.match(related, /href="\/pepites\/une-pepite"/);
    assert.doesNotMatch(related, new RegExp(`href="${fx.main.path}"`));
    assert.doesNotMatch(related, /article-retire|article-brouillon|article-programme/);
  });

  test('Open Graph, X card and JSON-LD (NewsArticle, BreadcrumbList)', async () => {
    const { body } = await get(fx.main.path);
    const url = `${PUBLIC_URL}${fx.main.path}`;
    assert.deepEqual(meta(body, 'og:type'), ['article']);
    assert.deepEqual(meta(body, 'og:url'), [url]);
    assert.deepEqual(meta(body, 'og:locale'), ['fr_FR']);
    assert.deepEqual(meta(body, 'og:site_name'), ['La Gazette d’essai']);
    assert.match(meta(body, 'og:image')[0], new RegExp(`^${PUBLIC_URL}/media/${fx.heroImageId}-[0-9a-f]{8}-16x9-1280\\.jpg$`));
    assert.deepEqual([meta(body, 'og:image:width')[0], meta(body, 'og:image:height')[0]], ['1280', '720']);
    assert.deepEqual(meta(body, 'article:published_time'), ['2026-01-15T08:05:00+01:00']);
    assert.deepEqual(meta(body, 'article:modified_time'), ['2026-01-15T10:30:00+01:00']);
    assert.deepEqual(meta(body, 'article:section'), ['International']);
    assert.deepEqual(meta(body, 'article:tag'), ['Russie', 'Corée du Nord']);
    assert.deepEqual(meta(body, 'twitter:card'), ['summary_large_image']);
    assert.match(body, new RegExp(`<link rel="canonical" href="${url}">`));
    assert.match(body, /<meta name="robots" content="index, follow, max-image-preview:large">/);

    const [article, breadcrumb] = jsonLd(body);
    assert.equal(article['@type'], 'NewsArticle');
    assert.equal(article.headline, 'Sommet Corée du Nord - Russie : Kim Jong-un et Vladimir Poutine renforcent leurs liens');
    assert.equal(article.mainEntityOfPage['@id'], url);
    assert.equal(article.image.length, 3);
    for (const [i, crop] of ['16x9', '4x3', '1x1'].entries())
      assert.match(article.image[i], new RegExp(`^${PUBLIC_URL}/media/\\d+-[0-9a-f]{8}-${crop}-\\d+\\.jpg$`));
    assert.equal(article.datePublished, '2026-01-15T08:05:00+01:00');
    assert.equal(article.dateModified, '2026-01-15T10:30:00+01:00');
    assert.deepEqual(article.author, [
      { '@type': 'Person', name: 'Alice Martin', url: `${PUBLIC_URL}/auteur/alice-martin` },
      { '@type': 'Person', name: 'Bruno Leroy', url: `${PUBLIC_URL}/auteur/bruno-leroy` },
    ]);
    assert.equal(article.publisher['@type'], 'Organization');
    assert.equal(article.publisher.name, 'La Gazette d’essai');
    assert.equal(article.publisher.logo, undefined, 'pas de logo dans les réglages');
    assert.equal(article.articleSection, 'International');
    assert.equal(article.keywords, 'Russie, Corée du Nord');
    assert.equal(article.isAccessibleForFree, true);
    assert.equal(article.isBasedOn, 'https://www.euronews.com/2026/12/01/sommet');
    assert.deepEqual(article.correction, [
      { '@type': 'CorrectionComment', text: 'Le sommet a eu lieu mardi, et non lundi.', datePublished: '2026-01-15T11:00:00+01:00' },
    ]);
    assert.equal(breadcrumb['@type'], 'BreadcrumbList');
    assert.deepEqual(
      breadcrumb.itemListElement.map((i: { name: string; item: string }) => [i.name, i.item]),
      [
        ['Accueil', `${PUBLIC_URL}/`],
        ['International', `${PUBLIC_URL}/international`],
        [article.headline, url],
      ],
    );
  });

  test('the publisher carries the logo when the settings name one', async () => {
    await database.db.updateTable('settings').set({ logo_image_id: fx.heroImageId }).execute();
    forgetSiteChrome(database.db);
    app.kiosque.pageCache.clear();
    try {
      const { body } = await get(fx.main.path);
      assert.deepEqual(jsonLd(body)[0].publisher.logo['@type'], 'ImageObject');
      assert.match(jsonLd(body)[0].publisher.logo.url, new RegExp(`^${PUBLIC_URL}/media/${fx.heroImageId}-[0-9a-f]{8}-free-640\\.jpg$`));
    } finally {
      await database.db.updateTable('settings').set({ logo_image_id: null }).execute();
      forgetSiteChrome(database.db);
      app.kiosque.pageCache.clear();
    }
  });

  test('a pick names its source, and JSON-LD says what it is based on', async () => {
    const { statusCode, body } = await get(fx.pepite.path);
    assert.equal(statusCode, 200);
    assert.match(body, /data-part="source">.*?<a href="https:\/\/www.letemps.ch\/article" rel="noopener">Le Temps<\/a>/);
    assert.equal(jsonLd(body)[0].isBasedOn, 'https://www.letemps.ch/article');
    // The section "Pépites" already says what the piece is: no "Pépite" badge beside it.
    assert.doesNotMatch(body, /class="article__format"/);
  });

  test('text is escaped everywhere: in the page, in attributes and in JSON-LD', async () => {
    const { body } = await get(fx.xss.path);
    assert.ok(!body.includes('<script>alert(1)</script>'));
    assert.ok(!body.includes('<b>gras</b>'));
    assert.match(body, /data-part="headline">&#60;script&#62;alert\(1\)&#60;\/script&#62; Titre piégé<\/h1>/);
    assert.match(body, /data-part="kicker">«\u202fCitation\u202f» &#60;b&#62;gras&#60;\/b&#62;<\/p>/);
    assert.deepEqual(meta(body, 'og:title'), ['<script>alert(1)</script> Titre piégé']);
    assert.match(body, /<meta property="og:title" content="&#60;script&#62;alert\(1\)&#60;\/script&#62; Titre piégé">/);
    assert.match(body, /"headline":"\\u003cscript>alert\(1\)\\u003c\/script> Titre piégé"/);
    assert.equal(jsonLd(body)[0].headline, '<script>alert(1)</script> Titre piégé');
  });

  test('an old slug and a wrong section answer 301 to the canonical URL', async () => {
    const renamed = await get(`/international/${fx.oldSlug}`);
    assert.equal(renamed.statusCode, 301);
    assert.equal(renamed.headers.location, fx.main.path);
    const elsewhere = await get('/pepites/sommet-coree-du-nord-russie');
    assert.equal(elsewhere.statusCode, 301);
    assert.equal(elsewhere.headers.location, fx.main.path);
  });

  test('withdrawn answers 410, drafts, scheduled, unknown and malformed slugs 404, all in French and not indexed', async () => {
    const gone = await get(fx.unpublishedPath);
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /<h1 class="error-page__title">Contenu retiré<\/h1>/);
    assert.match(gone.body, /<meta name="robots" content="noindex">/);
    for (const path of [
      fx.draftPath,
      fx.scheduledPath,
      '/international/n-existe-pas',
      '/international/Majuscules',
      '/international/a--b',
      `/international/${'a'.repeat(121)}`,
    ]) {
      const res = await get(path);
      assert.equal(res.statusCode, 404, path);
      assert.match(res.body, /<h1 class="error-page__title">Page introuvable<\/h1>/, path);
      assert.match(res.body, /<meta name="robots" content="noindex">/);
      assert.match(res.body, /<a class="button" href="\/">Revenir à la une<\/a>/);
      assert.match(res.body, /href="\/international">International<\/a>/);
    }
  });

  test('security and caching headers; ETag revalidation; br and gzip', async () => {
    const res = await get(fx.main.path);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline/);
    assert.doesNotMatch(res.body, /\sstyle="/, 'aucun style en ligne');
    const cacheControl = String(res.headers['cache-control']);
    assert.match(cacheControl, /s-maxage=\d+/);
    assert.match(cacheControl, /stale-while-revalidate=\d+/);
    const etag = String(res.headers.etag);
    assert.match(etag, /^"[^"]+"$/);
    const notModified = await get(fx.main.path, { 'if-none-match': etag });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.body, '');

    const br = await get(fx.main.path, { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), res.body);
    const gzip = await get(fx.main.path, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), res.body);
  });

  test('a page stored again seconds after its previous store is compressed at the fast levels, the same bytes otherwise', async () => {
    const brotli = (text: string, level: 'kept' | 'fast') =>
      brotliCompressSync(Buffer.from(text), brotliOptions(level, Buffer.byteLength(text)));
    app.kiosque.pageCache.clear();
    assert.ok(app.kiosque.pageCache.invalidate([`article:${fx.main.id}`]) >= 0);
    const first = await get(fx.main.path, { 'accept-encoding': 'br' });
    const text = brotliDecompressSync(first.rawPayload).toString();
    // Stored a while ago (or never, in this process): the best bytes.
    const wasKept = first.rawPayload.equals(brotli(text, 'kept'));
    app.kiosque.pageCache.invalidate([`article:${fx.main.id}`]);
    const again = await get(fx.main.path, { 'accept-encoding': 'br' });
    assert.equal(brotliDecompressSync(again.rawPayload).toString(), text);
    assert.ok(again.rawPayload.equals(brotli(text, 'fast')), 're-rendered within seconds: brotli 4');
    assert.ok(wasKept || first.rawPayload.equals(brotli(text, 'fast')));
    assert.equal(again.headers.etag, first.headers.etag, 'the ETag names the content, not its compression');
  });

  test('the page cache serves the same bytes until the article is invalidated', async () => {
    app.kiosque.pageCache.clear();
    const first = await get(fx.main.path);
    await database.db.updateTable('articles').set({ kicker: 'Nouveau surtitre' }).where('id', '=', fx.main.id).execute();
    try {
      const cached = await get(fx.main.path);
      assert.equal(cached.body, first.body);
      assert.equal(cached.headers.etag, first.headers.etag);
      assert.ok(app.kiosque.pageCache.invalidate([`article:${fx.main.id}`]) >= 1);
      const fresh = await get(fx.main.path);
      assert.match(fresh.body, /data-part="kicker">Nouveau surtitre</);
      assert.notEqual(fresh.headers.etag, first.headers.etag);
      // The related articles' pages are tagged too: changing one drops this page.
      assert.ok(app.kiosque.pageCache.invalidate([`article:${fx.pepite.id}`]) >= 1);
    } finally {
      await database.db.updateTable('articles').set({ kicker: 'Bras de fer avec les États-Unis' }).where('id', '=', fx.main.id).execute();
      app.kiosque.pageCache.clear();
    }
  });

  test('the body is stored rendered on first read, and rendered again when any writer changes it', async () => {
    app.kiosque.pageCache.clear();
    const stored = () =>
      database.db
        .selectFrom('articles')
        .select(['body', 'body_html', 'body_html_key', 'body_words'])
        .where('id', '=', fx.main.id)
        .executeTakeFirstOrThrow();
    const original = await stored();
    try {
      // A row written without the stored body (an importer, the archive generator, an old row).
      await database.db
        .updateTable('articles')
        .set({ body_html: null, body_html_key: null, body_words: null })
        .where('id', '=', fx.main.id)
        .execute();
      const first = await get(fx.main.path);
      const kept = await waitFor(async () => {
        const row = await stored();
        return row.body_html === null ? undefined : row;
      });
      assert.match(kept.body_html!, /<h2 id="des-annonces-attendues">Des annonces attendues<\/h2>/);
      assert.match(kept.body_html!, /<!--kiosque-image:\d+:wide:Le%20port%20de%20Vladivostok-->/, 'images stay placeholders');
      assert.ok(kept.body_words! > 10);
      // Read back from the stored body: the same page.
      app.kiosque.pageCache.clear();
      assert.equal((await get(fx.main.path)).body, first.body);

      // A writer that knows nothing of the stored body changes the document by hand.
      const body = JSON.parse(original.body) as { content: unknown[] };
      body.content.unshift({ type: 'paragraph', content: [{ type: 'text', text: 'Ajout de dernière minute !' }] });
      await database.db
        .updateTable('articles')
        .set({ body: JSON.stringify(body) })
        .where('id', '=', fx.main.id)
        .execute();
      app.kiosque.pageCache.clear();
      const fresh = await get(fx.main.path);
      assert.match(fresh.body, /<p>Ajout de dernière minute\u202f!<\/p>/);
    } finally {
      await database.db.updateTable('articles').set({ body: original.body }).where('id', '=', fx.main.id).execute();
      app.kiosque.pageCache.clear();
    }
  });

  test('settings changed in another process reach this one through the invalidation bus', async () => {
    await get(fx.main.path); // the chrome is in memory
    const before = await database.db.selectFrom('settings').select('tagline').where('id', '=', 1).executeTakeFirstOrThrow();
    try {
      await database.db.updateTable('settings').set({ tagline: 'Une devise changée ailleurs' }).where('id', '=', 1).execute();
      app.kiosque.pageCache.invalidateLocally(['site']); // what the bus applies for another process
      const { body } = await get(fx.main.path);
      assert.match(body, /class="masthead__tagline">Une devise changée ailleurs</);
      assert.match(body, /class="site-footer__tagline">Une devise changée ailleurs</);
    } finally {
      await database.db.updateTable('settings').set({ tagline: before.tagline }).where('id', '=', 1).execute();
      app.kiosque.pageCache.invalidate(['site']);
    }
  });

  test('the stylesheet, the islands script and the text font are served, fingerprinted and immutable', async () => {
    const { body } = await get(fx.main.path);
    const urls: string[] = [];
    for (const pattern of [
      /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]+\.css)">/,
      /<script type="module" src="(\/assets\/site\.[0-9a-f]+\.js)"><\/script>/,
    ]) {
      const url = body.match(pattern)?.[1];
      assert.ok(url, String(pattern));
      urls.push(url);
    }
    // The font is named by the stylesheet's @font-face rules.
    const css = (await get(urls[0])).body;
    const font = css.match(/url\((\/assets\/source-serif-4-latin-roman\.[0-9a-f]+\.woff2)\)/)?.[1];
    assert.ok(font, 'font URL in the stylesheet');
    urls.push(font);
    for (const url of urls) {
      const asset = await get(url);
      assert.equal(asset.statusCode, 200, url);
      assert.match(String(asset.headers['cache-control']), /immutable/);
    }
  });
});
