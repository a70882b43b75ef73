import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { testDatabaseConfig } from '../support/query-plans.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

// The uncached article page is what crawlers and readers of old articles get: every statement it
// sends is a round trip on PostgreSQL and a share of the CPU on SQLite. Its budget is held here, on
// every public article of the demo edition (series, photos, corrections, podcasts and videos
// included), so a new lookup per article cannot slip in unnoticed.

/** Statements an ordinary article page may send, all parts included (the comments area sends 7; 18 before the series and the photos were read with the article). */
const ARTICLE_BUDGET = 17;
/** A podcast episode or a video reads its media too. */
const MEDIA_BUDGET = 20;

/**
 * Counts the statements each request executes (each result passes once through a plugin): only
 * those run on behalf of a request, not the app's background work (jobs, the invalidation bus).
 */
class StatementCounter implements KyselyPlugin {
  readonly #request = new AsyncLocalStorage<{ statements: number }>();
  /** The count of the latest request, by URL. */
  readonly byUrl = new Map<string, { statements: number }>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const counted = this.#request.getStore();
    if (counted) counted.statements++;
    return args.result;
  }
  /** Counts from the start of each request of the app (call before it is ready). */
  track(app: FastifyInstance): void {
    app.addHook('onRequest', (request, _reply, done) => {
      const counted = { statements: 0 };
      this.byUrl.set(request.url, counted);
      this.#request.enterWith(counted);
      done();
    });
  }
}

forEachDatabase('queries of an uncached article page', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  const counter = new StatementCounter();
  let articles: { path: string; format: string }[] = [];

  before(async () => {
    database = await engine.open({ demo: true });
    const config = testDatabaseConfig(database);
    app = await buildApp({ config, database: { ...database, db: database.db.withPlugin(counter) } });
    counter.track(app);
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
    await database?.close();
  });

  test('every public article renders within its statement budget, the same on a second read', async (t) => {
    assert.ok(articles.length > 20, `${articles.length} articles publiés dans la démo`);
    // A first read of each page stores its rendered body (a write); the budget is for the reads after.
    for (const { path } of articles) assert.equal((await app.inject(path)).statusCode, 200, path);
    const over: string[] = [];
    const counts: number[] = [];
    for (const { path, format } of articles) {
      for (let read = 0; read < 2; read++) {
        const response = await app.inject(path);
        assert.equal(response.statusCode, 200, path);
        const sent = counter.byUrl.get(path)?.statements ?? 0;
        counts.push(sent);
        const budget = format === 'podcast' || format === 'video' ? MEDIA_BUDGET : ARTICLE_BUDGET;
        if (sent > budget) over.push(`${path} (${format}) : ${sent} requêtes, budget ${budget}`);
      }
    }
    assert.deepEqual(over, [], `pages d’article au-delà de leur budget :\n${over.join('\n')}`);
    const max = Math.max(...counts);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    t.diagnostic(`moyenne ${mean.toFixed(1)} requêtes par page d’article, au plus ${max}`);
  });
});
