import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { buildApp } from '../app.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { postComment, type SignedInReader, signInReader, solvedProof } from '../../test/support/readers.ts';
import { articlePath } from '../articles/teaser-repository.ts';

// A change to the comments drops the article's cached pages before it is answered
// (comment-invalidation.ts): these tests hold that promise — the poster without JavaScript sees
// their comment on the page they are sent back to, a comment posted through the island is on the
// cached page as soon as the post is answered, and a render that straddles a post is not kept.
// Reply mail leaves through the durable job runner.
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

  it('a burst of posts through the island: each comment is on the cached page as soon as its post is answered', async () => {
    const article = await newArticle();
    await t.app.inject(article.path);
    const readers = await Promise.all(Array.from({ length: 8 }, () => trustedReader(article.id)));
    const proofs = await Promise.all(readers.map(() => solvedProof(t.app)));
    const bodies = readers.map((_, i) => `Avis rapide numéro ${i} posté par l’îlot.`);
    let posting = true;
    // Readers keep reading the page while the posts arrive together: renders straddle the posts.
    const reading = (async () => {
      while (posting) {
        assert.equal((await t.app.inject(article.path)).statusCode, 200);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const late: string[] = [];
    await Promise.all(
      readers.map(async (reader, i) => {
        const res = await post(reader, article.id, { body: bodies[i], altcha: proofs[i] }, true);
        assert.equal(res.statusCode, 201, res.body);
        assert.equal(res.json().status, 'visible');
        // No delay: the page was dropped before the answer, and a render begun before it is not kept.
        const page = (await t.app.inject(article.path)).body;
        if (!page.includes(bodies[i])) late.push(`comment ${i}`);
      }),
    );
    posting = false;
    await reading;
    assert.deepEqual(late, [], 'every comment is on the page read right after its post was answered');
    const page = (await t.app.inject(article.path)).body;
    assert.match(page, /<span class="comments__count">\(8\)<\/span>/);
  });

  it('a page being rendered when a comment is posted is not kept: the next reader gets the comment', async (c) => {
    // A second app on the same database, whose hook holds one read after it missed the cache
    // (its render has begun: the cache generation is noted) until a comment has been posted.
    const app = await buildApp({ config: t.config, database: t.database });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    app.addHook('onRequest', async (request) => {
      if (request.headers['x-test-hold'] === '1') await gate;
    });
    await app.ready();
    c.after(() => app.close());
    const article = await newArticle();
    const reader = await trustedReader(article.id);
    const body = 'Avis posté pendant que la page se rend.';
    assert.equal((await app.inject(article.path)).statusCode, 200);
    app.kiosque.pageCache.invalidate([`article:${article.id}`]);
    const held = app.inject({ url: article.path, headers: { 'x-test-hold': '1' } });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the held read has missed the cache
    const res = await postComment(app, reader, article.id, { body }, { json: true, remoteAddress: '198.51.100.250' });
    assert.equal(res.statusCode, 201, res.body);
    // The poster is told where its time went on the server (the bench sets it beside its own clock).
    assert.match(
      String(res.headers['server-timing']),
      /^before;dur=[\d.]+, facts;dur=[\d.]+, .*store;dur=[\d.]+, .*total;dur=[\d.]+, cpu;dur=[\d.]+$/,
    );
    release();
    const read = await held;
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['cache-control'], 'no-store', 'rendered across the post: sent once, kept by no cache');
    const next = await app.inject(article.path);
    assert.ok(next.body.includes(body), 'the next reader gets the comment');
    assert.notEqual(next.headers['cache-control'], 'no-store', 'and that page is kept');
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
