import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../app.ts';
import { testDatabaseConfig } from '../../test/support/query-plans.ts';
import type { DatabaseHandle } from '../core/db/database.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { countingHandle, type StatementLog } from '../../test/support/query-count.ts';
import { postComment, signInReader, solvedProof } from '../../test/support/readers.ts';
import { commentsForArticle } from './comments-area.ts';

// Round trips per comment posted and per comments area rendered, counted at the connection (BEGIN
// and COMMIT included: on PostgreSQL each is one more trip). A post took 19–23 statements, then 12
// with its two rate limits counted in four; the area 7 with the count read twice; these limits
// keep them from creeping back.

/**
 * A published top-level comment: the session, the rules' facts, both rate limits checked and
 * counted in one statement, one transaction (proof, comment, article count, the webhook endpoints
 * that asked for comment.created) and the page cache's invalidation notice.
 */
const POST_LIMIT = 10;
/** A published reply adds the parent's reply count and the reply mail's job. */
const REPLY_LIMIT = 12;

forEachDatabase('comments: statements per post and per comments area', (engine) => {
  let database: TestDatabaseHandle;
  let counted: DatabaseHandle;
  let log: StatementLog;
  let app: FastifyInstance;
  before(async () => {
    database = await engine.open();
    ({ handle: counted, log } = countingHandle(database));
    const config = testDatabaseConfig(database, { PAGE_CACHE: '1', POW_MAX_NUMBER: '200' });
    app = await buildApp({ config, database: counted });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await counted?.close();
    await database?.close();
  });

  /** Pruning of old limit events and spent proofs, on 1 and 2 % of posts: housekeeping, not the post's own work. */
  const housekeeping = /^delete from "(rate_events|used_challenges)" where "(created_at|expires_at)" </;
  const listed = (statements: string[]) => statements.map((s, i) => `  ${i + 1}. ${s.slice(0, 140)}`).join('\n');

  it(`a published comment takes at most ${POST_LIMIT} statements, a published reply ${REPLY_LIMIT}`, async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section });
    let topId = 0;
    for (const [i, limit] of [POST_LIMIT, REPLY_LIMIT].entries()) {
      const reader = await signInReader(app, { approvedOn: article.id });
      const altcha = await solvedProof(app);
      const { result: res, statements: all } = await log.during(() =>
        postComment(
          app,
          reader,
          article.id,
          { body: `Un avis mesuré, le numéro ${i}.`, altcha, parent: i === 0 ? undefined : topId },
          { json: true, remoteAddress: `192.0.2.${i + 1}` },
        ),
      );
      const statements = all.filter((s) => !housekeeping.test(s));
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'visible');
      if (i === 0) topId = res.json().id;
      assert.ok(statements.length <= limit, `${statements.length} statements (at most ${limit}):\n${listed(statements)}`);
      assert.equal(statements.filter((s) => /^begin/i.test(s)).length, 1, 'one transaction');
      assert.equal(statements.filter((s) => /from "comments" where "comments"."id" = /.test(s)).length, 0, 'nothing written is read back');
    }
  });

  it('the comments area of an article reads its count once, in two or three statements', async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section });
    for (let i = 0; i < 2; i++) {
      const reader = await signInReader(app, { approvedOn: article.id });
      const res = await postComment(
        app,
        reader,
        article.id,
        { body: `Un autre avis, le numéro ${i}.` },
        { remoteAddress: `192.0.2.${i + 10}` },
      );
      assert.equal(res.statusCode, 303, res.body);
    }
    const { settings } = await loadSiteChrome(counted.db);
    const { result: area, statements } = await log.during(() =>
      commentsForArticle(counted.db, settings, { id: article.id, commentsSetting: 'inherit', publishedAt: article.published_at }),
    );
    assert.equal(area.count, 2);
    assert.match(area.html, /comments__count">\(2\)/);
    // The summary, the first page of threads; replies, featured and archived lists only when there are some.
    assert.ok(statements.length <= 2, `${statements.length} statements:\n${listed(statements)}`);
    assert.equal(statements.filter((s) => s.includes('"comment_threads"')).length, 1, 'the count is read once');
  });

  it('the comments area builds its statements once: another article binds its own values into them', async () => {
    /** Counts the statements Kysely builds and compiles (executeReusable compiles a shape once). */
    class CompileCounter implements KyselyPlugin {
      compiled = 0;
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        this.compiled++;
        return args.node;
      }
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        return args.result;
      }
    }
    const counter = new CompileCounter();
    const db = counted.db.withPlugin(counter);
    const section = await createSection(database.db);
    const [first, second] = [await createArticle(database.db, { section }), await createArticle(database.db, { section })];
    for (const [i, article] of [first, second].entries()) {
      const reader = await signInReader(app, { approvedOn: article.id });
      const posted = await postComment(
        app,
        reader,
        article.id,
        { body: i === 0 ? 'Le seul avis sur le premier article.' : 'Le seul avis sur le second article.' },
        { remoteAddress: `192.0.2.${40 + i}` },
      );
      assert.equal(posted.statusCode, 303, posted.body);
    }
    const { settings } = await loadSiteChrome(db);
    const area = (article: typeof first) =>
      commentsForArticle(db, settings, { id: article.id, commentsSetting: 'inherit', publishedAt: article.published_at });
    const one = await area(first);
    assert.equal(one.count, 1);
    assert.ok(counter.compiled > 0, 'the first area builds its statements');
    counter.compiled = 0;
    const other = await area(second);
    assert.equal(counter.compiled, 0, 'the second area builds none');
    assert.equal(other.count, 1);
    assert.match(other.html, /Le seul avis sur le second article\./);
    assert.doesNotMatch(other.html, /premier article/);
    assert.match(one.html, /Le seul avis sur le premier article\./);
    assert.doesNotMatch(one.html, /second article/);
  });

  it('the comments area of an article without comments reads only its summary', async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section });
    const { settings } = await loadSiteChrome(counted.db);
    const { result: area, statements } = await log.during(() =>
      commentsForArticle(counted.db, settings, { id: article.id, commentsSetting: 'inherit', publishedAt: article.published_at }),
    );
    assert.equal(area.count, 0);
    assert.equal(statements.length, 1, `${statements.length} statements:\n${listed(statements)}`);
    // The area is still there, with the way to write the first comment.
    assert.match(area.html, /data-part="comments"/);
    assert.match(area.html, /Écrire un commentaire/);
    assert.match(area.html, /Aucun commentaire pour le moment\./);
  });
});
