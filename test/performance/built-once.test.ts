import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../../src/app.ts';
import { testDatabaseConfig } from '../support/query-plans.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

// Kysely builds and compiles a statement on every call: on an uncached page that cost as much CPU
// as the database running it. The public pages' statements are built once per shape
// (core/db/reusable-query.ts), each request binding its own values into them.

/** The statements Kysely compiles while a request of the test runs (the job runner's are not counted). */
class RequestCompiles implements KyselyPlugin {
  /** The URL being requested by the test (app.inject does not carry an AsyncLocalStorage's store into the handlers). */
  current: string | undefined;
  readonly compiled: { url: string; sql: string }[] = [];
  readonly outside: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.current !== undefined) this.compiled.push({ url: this.current, sql: describe(args.node) });
    else this.outside.push(describe(args.node));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A statement's kind and first table, enough to tell what built it. */
function describe(node: RootOperationNode): string {
  const from = (node as { from?: { froms?: { table?: { identifier?: { name?: string } } }[] } }).from?.froms?.[0];
  const into = (node as { into?: { table?: { identifier?: { name?: string } } } }).into;
  const table = (node as { table?: { table?: { identifier?: { name?: string } } } }).table;
  return `${node.kind} ${from?.table?.identifier?.name ?? into?.table?.identifier?.name ?? table?.table?.identifier?.name ?? ''}`;
}

forEachDatabase('public pages build their statements once', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  const compiles = new RequestCompiles();

  before(async () => {
    database = await engine.open({ demo: true });
    const db = database.db.withPlugin(compiles);
    app = await buildApp({ config: testDatabaseConfig(database), database: { ...database, db } });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('pages of two sections, tags, authors, series and articles, rendered again, build no statement and each shows its own content', async () => {
    const db = database.db;
    const now = new Date().toISOString();
    const twoOf = async <T>(rows: Promise<T[]>) => {
      const found = await rows;
      assert.ok(found.length >= 2, 'the demo has two of each');
      return found.slice(0, 2);
    };
    const published = (q: ReturnType<typeof db.selectFrom<'articles'>>) =>
      q.where('articles.status', '=', 'published').where('articles.published_at', '<=', now);
    const sections = await twoOf(db.selectFrom('sections').select(['slug', 'name']).orderBy('id').execute());
    const tags = await twoOf(
      db
        .selectFrom('tags')
        .select(['tags.slug', 'tags.name'])
        .where((eb) =>
          eb.exists(eb.selectFrom('article_tags').whereRef('article_tags.tag_id', '=', 'tags.id').select('article_tags.tag_id')),
        )
        .orderBy('tags.id')
        .execute(),
    );
    const people = await twoOf(
      db
        .selectFrom('people')
        .select(['people.slug', 'people.name'])
        .where((eb) =>
          eb.exists(
            eb.selectFrom('article_authors').whereRef('article_authors.person_id', '=', 'people.id').select('article_authors.person_id'),
          ),
        )
        .orderBy('people.id')
        .execute(),
    );
    const series = await twoOf(db.selectFrom('series').select(['slug', 'title as name']).orderBy('id').execute());
    const articles = await twoOf(
      published(db.selectFrom('articles'))
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['articles.slug', 'sections.slug as section', 'articles.headline as name'])
        .where('articles.format', 'not in', ['video', 'podcast'])
        .orderBy('articles.id')
        .execute(),
    );
    const pages = (i: 0 | 1) => [
      { url: `/${sections[i]!.slug}`, name: sections[i]!.name },
      { url: `/sujet/${tags[i]!.slug}`, name: tags[i]!.name },
      { url: `/auteur/${people[i]!.slug}`, name: people[i]!.name },
      { url: `/serie/${series[i]!.slug}`, name: series[i]!.name },
      { url: `/${articles[i]!.section}/${articles[i]!.slug}`, name: articles[i]!.name },
    ];
    const get = async (url: string) => {
      compiles.current = url;
      const response = await app.inject(url).finally(() => {
        compiles.current = undefined;
      });
      assert.equal(response.statusCode, 200, url);
      return response.body;
    };
    // A statement's shape includes the length of its lists (ids of a page's images, authors…): a
    // first pass builds the shapes these pages need; the second builds none, each page showing its own.
    const all = [...pages(0), ...pages(1)];
    for (const page of all) await get(page.url);
    assert.ok(compiles.compiled.length > 0, 'the first pass builds the statements');
    assert.ok(compiles.outside.length > 0, 'the job runner’s statements are told apart');
    compiles.compiled.length = 0;
    for (const page of all) {
      const body = await get(page.url);
      const escaped = page.name.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;');
      assert.ok(body.includes(page.name) || body.includes(escaped), `${page.url} shows « ${page.name} »`);
    }
    assert.deepEqual(compiles.compiled, [], 'no statement built on the second pass');
  });
});
