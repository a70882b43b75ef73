import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { postComment, type SignedInReader, signInReader, solvedProof } from '../../test/support/readers.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import { COMMENT_INVALIDATION_GROUP_MS } from './comment-invalidation.ts';

// Drops of an article's cached pages are grouped (comment-invalidation.ts): these tests hold the
// promises that grouping keeps — the poster without JavaScript sees their comment on the page they
// are sent back to, every visible comment is on the cached page within a second, and posts in a
// burst do not re-render the page once each. Reply mail leaves through the durable job runner.
forEachDatabase('comments: cached pages and reply mail', (database) => {
  let t: TestApp;
  let section: { id: number; slug: string };
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { POW_MAX_NUMBER: '200' } });
    section = await createSection(t.database.db);
  });
  after(async () => t?.close());

  const trustedReader = (articleId: number) => signInReader(t.app, { approvedOn: articleId });
  // Each post from its own address: the burst rule counts per address too.
  const post = (reader: SignedInReader, articleId: number, input: { body: string; parent?: number; altcha?: string }, json = false) =>
    postComment(t.app, reader, articleId, input, { json, remoteAddress: `198.51.100.${reader.id % 250}` });

  async function newArticle() {
    const article = await createArticle(t.database.db, { section });
    return { ...article, path: articlePath({ sectionSlug: section.slug, slug: article.slug }) };
  }

  it('without JavaScript, each poster is sent back to a page that shows their comment, even posts in quick succession', async () => {
    const article = await newArticle();
    assert.equal((await t.app.inject(article.path)).statusCode, 200); // cached before the first post
    for (let i = 0; i < 4; i++) {
      const reader = await trustedReader(article.id);
      const body = `Avis numéro ${i} posté sans JavaScript, à la suite.`;
      const res = await post(reader, article.id, { body });
      assert.equal(res.statusCode, 303, res.body);
      assert.match(String(res.headers.location), new RegExp(`^${article.path}#commentaire-\\d+$`));
      const page = await t.app.inject(article.path);
      assert.ok(page.body.includes(body), `comment ${i} is on the page the poster is sent back to`);
    }
  });

  it('a burst of posts through the island: all on the cached page within a second, at most one render per group delay', async () => {
    const article = await newArticle();
    await t.app.inject(article.path);
    const readers = await Promise.all(Array.from({ length: 8 }, () => trustedReader(article.id)));
    const proofs = await Promise.all(readers.map(() => solvedProof(t.app)));
    const bodies = readers.map((_, i) => `Avis rapide numéro ${i} posté par l’îlot.`);
    const { misses: missesBefore } = t.app.kiosque.pageCache.lookups;
    const burstStarted = Date.now();
    let posting = true;
    // Readers keep reading the page while the posts arrive together.
    const reading = (async () => {
      let reads = 0;
      while (posting) {
        assert.equal((await t.app.inject(article.path)).statusCode, 200);
        reads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return reads;
    })();
    const posted = await Promise.all(readers.map((reader, i) => post(reader, article.id, { body: bodies[i], altcha: proofs[i] }, true)));
    const postedAt = Date.now();
    for (const res of posted) {
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().status, 'visible');
    }
    let page = '';
    while (Date.now() - postedAt < 5_000) {
      page = (await t.app.inject(article.path)).body;
      if (bodies.every((b) => page.includes(b))) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const shownAfter = Date.now() - postedAt;
    posting = false;
    const reads = await reading;
    assert.ok(
      bodies.every((b) => page.includes(b)),
      'every comment is on the page',
    );
    // By construction the pages are dropped at most COMMENT_INVALIDATION_GROUP_MS after a post; the
    // rest is one render, which a loaded test machine may slow: twice the second, as margin.
    assert.ok(shownAfter < 2_000, `every comment shown soon after its post (${shownAfter} ms)`);
    assert.match(page, /<span class="comments__count">\(8\)<\/span>/);
    const renders = t.app.kiosque.pageCache.lookups.misses - missesBefore;
    const windows = Math.ceil((Date.now() - burstStarted) / COMMENT_INVALIDATION_GROUP_MS) + 1;
    assert.ok(renders <= windows, `${renders} renders for ${reads} reads over ${windows} group delays`);
  });

  it('a reply mails its author (opted in) through the job runner, with one-click unsubscribe (RFC 8058)', async () => {
    const article = await newArticle();
    const author = await trustedReader(article.id);
    const replier = await trustedReader(article.id);
    await t.database.db.updateTable('readers').set({ notify_replies: 1 }).where('id', '=', author.id).execute();
    const top = await post(author, article.id, { body: 'Un premier avis qui appelle une réponse.' }, true);
    const topId = (top.json() as { id: number }).id;
    const reply = await post(replier, article.id, { body: 'Une réponse argumentée.', parent: topId }, true);
    assert.equal(reply.statusCode, 201, reply.body);
    const replyId = (reply.json() as { id: number }).id;

    const folder = path.join(t.database.dataDir, 'mail');
    const started = Date.now();
    let mail: string | undefined;
    while (!mail && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const files = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
      mail = files.map((f) => fs.readFileSync(path.join(folder, f), 'utf8')).find((m) => m.includes(`/commentaire/${replyId}`));
    }
    assert.ok(mail, 'the reply mail was written by the job runner');
    assert.match(mail, new RegExp(`^To: ${author.email.replace('.', '\\.')}`, 'mi'));
    assert.match(mail, /^List-Unsubscribe:\s+<http[^>]+\/lecteurs\/desabonnement\/\d+\.[\w-]{32}>/m);
    assert.match(mail, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // The job is marked done just after the mail is written: waited for, not raced.
    const jobStatus = async () =>
      (
        await t.database.db
          .selectFrom('jobs')
          .select('status')
          .where('unique_key', '=', `comment-reply-mail:${replyId}`)
          .executeTakeFirstOrThrow()
      ).status;
    let status = await jobStatus();
    while (status === 'running' && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await jobStatus();
    }
    assert.equal(status, 'done');
    // The author's own top-level comment mails nobody.
    assert.equal(
      await t.database.db.selectFrom('jobs').select('id').where('unique_key', '=', `comment-reply-mail:${topId}`).executeTakeFirst(),
      undefined,
    );
  });
});
