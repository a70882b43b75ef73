import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/core/db/database.ts';
import { testDatabaseConfig } from '../support/query-plans.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';
import { countingHandle, type StatementLog } from '../support/query-count.ts';

// The uncached article page is what crawlers and readers of old articles get: every statement it
// sends is a round trip on PostgreSQL and a share of the CPU on SQLite. Its budget is held here, on
// every public article of the demo edition (series, photos, corrections, podcasts and videos
// included), so a new lookup per article cannot slip in unnoticed.

/**
 * Statements an ordinary article page may send, all parts included (the comments area sends 2 to 4
 * of them; 18 before the series and the photos were read with the article, 17 before its byline,
 * tags and corrections were read in one statement).
 */
const ARTICLE_BUDGET = 12;
/** A podcast episode or a video reads its media too. */
const MEDIA_BUDGET = 15;
/**
 * Rendered again while its related articles, its byline, tags, corrections and images and its
 * comments area are kept (core/cache/tagged-memo.ts): only its row is read, which says whether it is
 * public now; a podcast episode or a video also its media.
 */
const KEPT_BUDGET = 1;
const MEDIA_KEPT_BUDGET = 3;

forEachDatabase('queries of an uncached article page', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let counted: DatabaseHandle;
  let log: StatementLog;
  let articles: { path: string; format: string }[] = [];

  before(async () => {
    database = await engine.open({ demo: true });
    const config = testDatabaseConfig(database);
    // The app on a second handle whose statements are logged, each request's on its own.
    ({ handle: counted, log } = countingHandle(database));
    app = await buildApp({ config, database: counted });
    log.track(app);
    await app.ready();
    const now = new Date().toISOString();
    const rows = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'articles.format', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<=', now)
      .orderBy('articles.id')
      .execute();
    articles = rows.map((r) => ({ path: `/${r.section}/${r.slug}`, format: r.format }));
  });

  after(async () => {
    await app?.close();
    await counted?.close();
    await database?.close();
  });

  test('every public article renders within its statement budget, related articles kept or not', async (t) => {
    assert.ok(articles.length > 20, `${articles.length} articles publiés dans la démo`);
    // A first read of each page stores its rendered body (a write); the budget is for the reads after.
    for (const { path } of articles) assert.equal((await app.inject(path)).statusCode, 200, path);
    const over: string[] = [];
    const counts: number[][] = [[], []];
    for (const { path, format } of articles) {
      // First as a crawler finds it (nothing of the article kept), then rendered again.
      app.kiosque.memo.clear();
      app.kiosque.fragments.clear();
      for (let read = 0; read < 2; read++) {
        const response = await app.inject(path);
        assert.equal(response.statusCode, 200, path);
        const sent = log.byUrl.get(path)?.length ?? 0;
        counts[read].push(sent);
        const media = format === 'podcast' || format === 'video';
        const budget = read === 0 ? (media ? MEDIA_BUDGET : ARTICLE_BUDGET) : media ? MEDIA_KEPT_BUDGET : KEPT_BUDGET;
        if (sent > budget) over.push(`${path} (${format}, lecture ${read + 1}) : ${sent} requêtes, budget ${budget}`);
      }
    }
    assert.deepEqual(over, [], `pages d’article au-delà de leur budget :\n${over.join('\n')}`);
    for (const [read, list] of counts.entries()) {
      const mean = list.reduce((a, b) => a + b, 0) / list.length;
      t.diagnostic(
        `${read === 0 ? 'sans rien de gardé' : 'liés, parties et commentaires gardés'} : moyenne ${mean.toFixed(1)} requêtes par page d’article, au plus ${Math.max(...list)}`,
      );
    }
  });
});
