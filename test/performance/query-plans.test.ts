import { archiveSamples } from '../../src/demo/archive/archive-samples.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { generateArchive } from '../../src/demo/archive/generate-archive.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';
import { CUSTOM_PLAN_MARK } from '../../src/core/db/postgres-pool.ts';
import { capturedApp, type PlannedPage, pagesPlanReport, type QueryCapture } from '../support/query-plans.ts';
import { signInAs } from '../support/sign-in.ts';
import { teaserLinks } from '../support/listing-html.ts';

// Every hot page is rendered on a generated archive while its queries are recorded (the real
// code, not copies of its SQL); each query that reads the archive tables is then explained and
// must use an index: no full scan of articles, article_tags or article_authors, no sort of a page
// that an index should give in order. See test/support/query-plans.ts for the exact rules.

const ARCHIVE_ARTICLES = 3_000;

/** The "next page" link of a listing page, as a browser reads it. */
function nextHref(body: string, url: string): string {
  const href = /<a class="pagination__next" rel="next" href="([^"]+)"/.exec(body)?.[1];
  assert.ok(href, `${url} : pas de lien « Page suivante »`);
  return href.replaceAll('&#61;', '=').replaceAll('&amp;', '&');
}

forEachDatabase('query plans on a generated archive', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let capture: QueryCapture;
  let editorCookie: string;
  let journalistCookie: string;
  // `walksPublic`: the page may read every public article through an index, on purpose (see its entry).
  const pages: { name: string; url: string; admin?: 'editor' | 'journalist'; walksPublic?: boolean }[] = [];
  let topTag = { slug: '', n: 0 };
  const sample = { section: '', author: '' };

  before(async () => {
    database = await engine.open({ demo: true });
    await generateArchive(database.db, { articles: ARCHIVE_ARTICLES, seed: 7 });
    ({ app, capture } = await capturedApp(database));
    editorCookie = (await signInAs(app, 'editeur')).cookie;
    journalistCookie = (await signInAs(app, 'journaliste')).cookie;

    const db = database.db;
    const now = new Date().toISOString();
    const nextLink = async (url: string) => {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 200, url);
      return nextHref(response.body, url);
    };
    const { recent, old, section, sectionCount, tagsByUse, authorsByUse, series, dossier } = await archiveSamples(db, now);
    const publicOfTopTag = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tags.slug', '=', tagsByUse[0].slug)
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<=', now)
      .executeTakeFirstOrThrow();
    topTag = { slug: tagsByUse[0].slug, n: Number(publicOfTopTag.n) };
    const deep = Math.max(2, Math.floor((sectionCount / 20) * 0.9));
    const author = authorsByUse[0];
    sample.section = section.slug;
    sample.author = author.slug;
    pages.push(
      { name: 'une', url: '/' },
      { name: 'article récent', url: `/${recent.section}/${recent.slug}` },
      { name: 'article de 15 ans', url: `/${old.section}/${old.slug}` },
      { name: 'rubrique, page 1', url: `/${section.slug}` },
      { name: `rubrique, page ${deep}`, url: `/${section.slug}?page=${deep}` },
      { name: 'sujet le plus suivi', url: `/sujet/${tagsByUse[0].slug}` },
      { name: 'sujet rare', url: `/sujet/${tagsByUse[tagsByUse.length - 1].slug}` },
      { name: 'auteur le plus prolifique', url: `/auteur/${author.slug}` },
      { name: 'auteur rare', url: `/auteur/${authorsByUse[authorsByUse.length - 1].slug}` },
      // Deep pages reached by their "next" link, which carries the previous page's last article.
      { name: `rubrique, page ${deep} par « suivante »`, url: await nextLink(`/${section.slug}?page=${deep - 1}`) },
      { name: 'sujet, page 12 par « suivante »', url: await nextLink(`/sujet/${tagsByUse[0].slug}?page=11`) },
      { name: 'auteur, page 4 par « suivante »', url: await nextLink(`/auteur/${author.slug}?page=3`) },
      { name: 'série', url: `/serie/${series.slug}` },
      { name: 'dossier', url: `/dossier/${dossier.slug}` },
      { name: 'tableau de bord (éditeur)', url: '/admin', admin: 'editor' },
      { name: 'articles, sans filtre', url: '/admin/articles', admin: 'editor' },
      { name: 'articles, page 40', url: '/admin/articles?page=40', admin: 'editor' },
      { name: 'articles publiés', url: '/admin/articles?etat=published', admin: 'editor' },
      { name: 'brouillons', url: '/admin/articles?etat=draft', admin: 'editor' },
      { name: 'articles d’une rubrique', url: `/admin/articles?rubrique=${section.id}`, admin: 'editor' },
      { name: 'articles d’un auteur', url: `/admin/articles?auteur=${author.id}`, admin: 'editor' },
      { name: 'décryptages', url: '/admin/articles?format=decryptage', admin: 'editor' },
      { name: 'tableau de bord (journaliste)', url: '/admin', admin: 'journalist' },
      { name: 'articles du journaliste', url: '/admin/articles', admin: 'journalist' },
      { name: 'articles d’une période', url: '/admin/articles?du=2015-01-01&au=2015-03-31', admin: 'editor' },
      { name: 'articles « budget »', url: '/admin/articles?q=budget', admin: 'editor' },
      { name: 'recherche, mot fréquent', url: '/recherche?q=gouvernement' },
      { name: 'recherche, deux mots', url: '/recherche?q=r%C3%A9forme+retraites' },
      { name: 'recherche, expression', url: '/recherche?q=%22Cour+des+comptes%22' },
      // The last page search shows (it counts up to 200 results, 20 pages).
      { name: 'recherche, dernière page', url: '/recherche?q=gouvernement&page=20' },
      { name: 'recherche, rubrique et format', url: `/recherche?q=gouvernement&rubrique=${section.slug}&format=depeche` },
      { name: 'recherche, auteur', url: `/recherche?q=budget&auteur=${author.slug}` },
      { name: 'recherche sans résultat (suggestions)', url: '/recherche?q=gouvernemnt' },
      // The sitemap index counts the public articles of each month from articles_status_changes
      // alone (an index-only pass, ~50 ms at 100,000 articles), and dates each list by the newest
      // change it follows, read from one end of articles_status_changed (LIMIT 1, usually the first row).
      { name: 'index des sitemaps', url: '/sitemap.xml', walksPublic: true },
    );
  });

  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('every hot page reads the archive through indexes', async () => {
    const cookies = { editor: editorCookie, journalist: journalistCookie };
    const planned: PlannedPage[] = pages.map((page) => ({
      name: page.name,
      url: page.url,
      cookie: page.admin ? cookies[page.admin] : undefined,
      allows: page.walksPublic ? (problem) => problem.startsWith('tous les articles publics parcourus') : undefined,
    }));
    assert.equal(await pagesPlanReport(app, capture, database, planned), '');
  });

  test('every full-text match is planned for its words (PostgreSQL), never by a plan made for any words', async () => {
    const searches = [
      { url: '/recherche?q=gouvernement' },
      { url: '/recherche?q=r%C3%A9forme+retraites' },
      { url: '/admin/articles?q=budget', cookie: editorCookie },
    ];
    capture.take();
    for (const { url, cookie } of searches) {
      const response = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      assert.equal(response.statusCode, 200, url);
    }
    const matches = capture
      .take()
      .filter((query) => (database.dialect === 'postgres' ? / @@ /.test(query.sql) : / match /i.test(query.sql)));
    assert.ok(matches.length >= searches.length, `${matches.length} statements match the search index`);
    if (database.dialect === 'postgres') for (const query of matches) assert.ok(query.sql.includes(CUSTOM_PLAN_MARK), query.sql);
  });

  test('a page reached by its “next” link (sought from the previous page’s last article) is the page its number gives', async () => {
    const listings = [`/${sample.section}`, `/sujet/${topTag.slug}`, `/auteur/${sample.author}`];
    for (const base of listings) {
      let url = base;
      for (let page = 1; page <= 12; page++) {
        const walked = await app.inject(url);
        assert.equal(walked.statusCode, 200, url);
        const byNumber = await app.inject(page === 1 ? base : `${base}?page=${page}`);
        assert.deepEqual(teaserLinks(walked.body), teaserLinks(byNumber.body), `${url} ≠ page ${page}`);
        assert.ok(teaserLinks(walked.body).length > 0, url);
        // The page's address stays its number: the cursor is only a way to reach it.
        assert.match(
          walked.body,
          new RegExp(`<link rel="canonical" href="[^"]*${page === 1 ? base : `${base}\\?page(?:=|&#61;)${page}`}"`),
        );
        if (!/pagination__next/.test(walked.body)) break;
        url = nextHref(walked.body, url);
        assert.match(url, new RegExp(`\\?page=${page + 1}&apres=\\d+$`));
      }
    }
    // A cursor that leads nowhere (an unknown article) falls back to the page number.
    const stale = await app.inject(`/${sample.section}?page=3&apres=999999999`);
    const plain = await app.inject(`/${sample.section}?page=3`);
    assert.deepEqual(teaserLinks(stale.body), teaserLinks(plain.body));
  });

  test('a listing counts no further than ten pages ahead: “plus de …”, no last page, and deep pages still served', async () => {
    assert.ok(topTag.n > 300, `the most used tag has ${topTag.n} articles`);
    const first = await app.inject({ method: 'GET', url: `/sujet/${topTag.slug}` });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Plus de 200 articles sur ce sujet/);
    assert.match(first.body, /<p class="pagination__status">Page 1<\/p>/);
    assert.match(first.body, /rel="next" href="\/sujet\/[a-z0-9-]+\?page(?:=|&#61;)2(?:&amp;apres=\d+)?"/);
    const lastPage = Math.ceil(topTag.n / 20);
    const last = await app.inject({ method: 'GET', url: `/sujet/${topTag.slug}?page=${lastPage}` });
    assert.equal(last.statusCode, 200);
    assert.match(last.body, new RegExp(`Page ${lastPage} sur ${lastPage}`), 'near the end the count is exact again');
    const beyond = await app.inject({ method: 'GET', url: `/sujet/${topTag.slug}?page=${lastPage + 1}` });
    assert.equal(beyond.statusCode, 404);
  });
});
