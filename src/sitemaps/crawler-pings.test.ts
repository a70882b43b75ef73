import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createSettings } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createArticle, publishArticle, restoreRevision, unpublishArticle, updateArticle } from '../articles/operations/index.ts';
import { actorFor, newsroom } from '../articles/operations/operations-test-fixture.ts';
import type { AppContext } from '../core/app-context.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { INDEXNOW_JOB } from './indexnow.ts';

const SOURCE = { source: { outlet: 'Euronews', url: 'https://www.euronews.com/un-article' } };

interface Received {
  path: string;
  contentType: string;
  body: string;
}

/** A local IndexNow endpoint and WebSub hub on 127.0.0.1 that records what it receives; the endpoint can be told to fail. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { failures: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
      if (state.failures > 0 && req.url === '/indexnow') {
        state.failures--;
        res.writeHead(503).end();
      } else res.writeHead(req.url === '/indexnow' ? 202 : 204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, state, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

for (const { label } of testDatabases()) {
  describe(`IndexNow and WebSub notifications [${label}]`, () => {
    let t: TestApp;
    let ctx: AppContext;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const KEY = 'cle-indexnow-de-test-42';

    before(async () => {
      receiver = await startReceiver();
      t = await createTestApp({
        dialect: label,
        env: {
          PUBLIC_URL: 'https://gazette.example',
          INDEXNOW_KEY: KEY,
          INDEXNOW_ENDPOINT: `${receiver.origin}/indexnow`,
          WEBSUB_HUBS: `${receiver.origin}/hub`,
          // The local receiver is on 127.0.0.1: pings go to public addresses only unless allowed.
          PINGS_ALLOW_PRIVATE: '1',
        },
      });
      ctx = t.app.kiosque;
      await createSettings(ctx.db);
    });
    after(async () => {
      await t?.close();
      await receiver?.close();
    });

    const runJobs = () => jobRunnerOf(ctx)!.runDue();
    const revisionOf = async (id: number) =>
      (await ctx.db.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision;
    /** An editor's save of the article as it stands, then the jobs it queued (the pings). */
    const save = async (editor: Awaited<ReturnType<typeof actorFor>>, id: number, input: Parameters<typeof updateArticle>[4]) => {
      await updateArticle(ctx, editor, id, await revisionOf(id), input);
      await runJobs();
    };

    it('serves the key file and notifies IndexNow and the hub on publish and update, through the job runner', async () => {
      const keyFile = await t.app.inject(`/${KEY}.txt`);
      assert.equal(keyFile.statusCode, 200);
      assert.equal(keyFile.body, KEY);
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const { id } = await createArticle(ctx, editor, n.input({ format: 'pepite', tags: ['Climat'], ...SOURCE }));
      await runJobs();
      assert.equal(receiver.received.length, 0, 'a draft is announced to nobody');

      await publishArticle(ctx, editor, id);
      await runJobs();
      const slug = (await ctx.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
      const indexNow = receiver.received.filter((r) => r.path === '/indexnow');
      assert.equal(indexNow.length, 1);
      assert.match(indexNow[0]!.contentType, /^application\/json/);
      assert.deepEqual(JSON.parse(indexNow[0]!.body), {
        host: 'gazette.example',
        key: KEY,
        keyLocation: `https://gazette.example/${KEY}.txt`,
        urlList: [`https://gazette.example/${n.section.slug}/${slug}`],
      });
      const hub = receiver.received.filter((r) => r.path === '/hub');
      assert.equal(hub.length, 1);
      const form = new URLSearchParams(hub[0]!.body);
      assert.equal(form.get('hub.mode'), 'publish');
      const topics = form.getAll('hub.url');
      for (const feed of [
        '/flux/rss.xml',
        `/flux/rubrique/${n.section.slug}/atom.xml`,
        '/flux/format/pepites/rss.xml',
        `/flux/auteur/${n.author.slug}/feed.json`,
        '/flux/sujet/climat/rss.xml',
      ])
        assert.ok(topics.includes(`https://gazette.example${feed}`), feed);

      receiver.received.length = 0;
      await save(editor, id, n.input({ format: 'pepite', headline: 'Titre corrigé', tags: ['Climat'], ...SOURCE }));
      assert.equal(receiver.received.filter((r) => r.path === '/indexnow').length, 1);
      assert.equal(receiver.received.filter((r) => r.path === '/hub').length, 1);
    });

    it('notifies on every public change announced as a content event: a restored revision, an unpublication', async () => {
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const { id } = await createArticle(ctx, editor, n.input({ tags: ['Climat'] }));
      await publishArticle(ctx, editor, id);
      const first = await revisionOf(id);
      await save(editor, id, n.input({ headline: 'Un titre revu', tags: ['Climat'] }));
      receiver.received.length = 0;
      await restoreRevision(ctx, editor, id, first);
      await runJobs();
      assert.equal(
        receiver.received.filter((r) => r.path === '/indexnow').length,
        1,
        'restoring a public article’s revision changes its page',
      );
      assert.equal(receiver.received.filter((r) => r.path === '/hub').length, 1);
      receiver.received.length = 0;
      await unpublishArticle(ctx, editor, id);
      await runJobs();
      const slug = (await ctx.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
      const indexNow = receiver.received.filter((r) => r.path === '/indexnow');
      assert.deepEqual(
        JSON.parse(indexNow[0]!.body).urlList,
        [`https://gazette.example/${n.section.slug}/${slug}`],
        'the withdrawn address',
      );
      const hub = receiver.received.filter((r) => r.path === '/hub');
      assert.equal(hub.length, 1, 'the feeds that listed it lose it');
      assert.ok(new URLSearchParams(hub[0]!.body).getAll('hub.url').includes('https://gazette.example/flux/sujet/climat/rss.xml'));
    });

    it('after a change of address (slug and section), notifies the old address too, which answers 301', async () => {
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const { id } = await createArticle(ctx, editor, n.input({ slug: 'une-adresse-d-origine', tags: ['Climat'] }));
      await publishArticle(ctx, editor, id);
      await runJobs();
      receiver.received.length = 0;
      await save(editor, id, n.input({ slug: 'une-adresse-revue', sectionId: n.otherSection.id, tags: ['Climat'] }));
      const oldUrl = `https://gazette.example/${n.section.slug}/une-adresse-d-origine`;
      const newUrl = `https://gazette.example/${n.otherSection.slug}/une-adresse-revue`;
      const indexNow = receiver.received.filter((r) => r.path === '/indexnow');
      assert.equal(indexNow.length, 1, 'one notification for both addresses');
      assert.deepEqual(JSON.parse(indexNow[0]!.body).urlList, [newUrl, oldUrl]);
      const hub = receiver.received.filter((r) => r.path === '/hub');
      assert.equal(hub.length, 1);
      const topics = new URLSearchParams(hub[0]!.body).getAll('hub.url');
      for (const feed of [
        `/flux/rubrique/${n.otherSection.slug}/rss.xml`,
        `/flux/rubrique/${n.section.slug}/rss.xml`,
        '/flux/sujet/climat/rss.xml',
      ])
        assert.ok(topics.includes(`https://gazette.example${feed}`), feed);

      // The old address keeps working: a 301 to the new one, and the new one is the article.
      const old = await t.app.inject(`/${n.section.slug}/une-adresse-d-origine`);
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, `/${n.otherSection.slug}/une-adresse-revue`);
      assert.equal((await t.app.inject(`/${n.otherSection.slug}/une-adresse-revue`)).statusCode, 200);

      // A later save that keeps the address names only the current one.
      receiver.received.length = 0;
      await save(
        editor,
        id,
        n.input({ slug: 'une-adresse-revue', sectionId: n.otherSection.id, headline: 'Un autre titre', tags: ['Climat'] }),
      );
      const again = receiver.received.filter((r) => r.path === '/indexnow');
      assert.deepEqual(JSON.parse(again[0]!.body).urlList, [newUrl]);
      const hubAgain = new URLSearchParams(receiver.received.find((r) => r.path === '/hub')!.body).getAll('hub.url');
      assert.ok(!hubAgain.includes(`https://gazette.example/flux/rubrique/${n.section.slug}/rss.xml`), 'the old section is left alone');
    });

    it('retries a notification the endpoint refused, until it is received', async () => {
      receiver.received.length = 0;
      receiver.state.failures = 1;
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const { id } = await createArticle(ctx, editor, n.input());
      await publishArticle(ctx, editor, id);
      await runJobs();
      const failed = await ctx.db.selectFrom('jobs').selectAll().where('kind', '=', INDEXNOW_JOB).where('status', '=', 'pending').execute();
      assert.equal(failed.length, 1, 'the refused notification waits for another try');
      assert.match(failed[0]!.last_error ?? '', /503/);
      assert.ok(failed[0]!.run_at > new Date().toISOString(), 'later, not at once');
      // Its retry time has come.
      await ctx.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', failed[0]!.id)
        .execute();
      await runJobs();
      const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', failed[0]!.id).executeTakeFirstOrThrow();
      assert.equal(job.status, 'done');
      assert.equal(job.attempts, 2);
      assert.equal(receiver.received.filter((r) => r.path === '/indexnow').length, 2);
    });

    it('sends no ping to a private or local address unless allowed (PINGS_ALLOW_PRIVATE)', async () => {
      const closed = await createTestApp({
        dialect: label,
        env: { PUBLIC_URL: 'https://gazette.example', INDEXNOW_KEY: KEY, INDEXNOW_ENDPOINT: `${receiver.origin}/indexnow` },
      });
      try {
        const c = closed.app.kiosque;
        await createSettings(c.db);
        receiver.received.length = 0;
        const n = await newsroom(c.db);
        const editor = await actorFor(c.db, 'editeur');
        const { id } = await createArticle(c, editor, n.input());
        await publishArticle(c, editor, id);
        await jobRunnerOf(c)!.runDue();
        const job = await c.db.selectFrom('jobs').selectAll().where('kind', '=', INDEXNOW_JOB).executeTakeFirstOrThrow();
        assert.match(job.last_error ?? '', /refusée : réseau privé ou local/);
        assert.equal(receiver.received.length, 0);
      } finally {
        await closed.close();
      }
    });
  });
}
