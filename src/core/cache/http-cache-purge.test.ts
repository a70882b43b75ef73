import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle, createSection, createSettings } from '../../../test/support/content-factories.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { createPageResponder } from '../http/page-response.ts';
import { PageCache } from './page-cache.ts';

/** A stand-in for Varnish that records the purges it receives and answers with the status asked. */
async function fakeVarnish() {
  const purges: string[] = [];
  /** The last invalidation each purge said it covers (x-kiosque-invalidation). */
  const invalidations: number[] = [];
  let status = 200;
  const server = http.createServer((request, response) => {
    if (request.method === 'PURGE') {
      purges.push(String(request.headers['xkey-purge']));
      invalidations.push(Number(request.headers['x-kiosque-invalidation']));
    }
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    purges,
    invalidations,
    answer: (next: number) => (status = next),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 250; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(what);
};

for (const engine of testDatabases()) {
  describe(`HTTP cache purges [${engine.label}]`, () => {
    let t: TestApp;
    let varnish: Awaited<ReturnType<typeof fakeVarnish>>;
    let path = '';
    let articleId = 0;
    before(async () => {
      varnish = await fakeVarnish();
      t = await createTestApp({ dialect: engine.label, env: { VARNISH_URLS: varnish.url } });
      await createSettings(t.app.kiosque.db);
      const section = await createSection(t.app.kiosque.db, { slug: 'sciences', name: 'Sciences' });
      const article = await createArticle(t.app.kiosque.db, { section });
      articleId = article.id;
      path = `/sciences/${article.slug}`;
    });
    after(async () => {
      await t.close();
      await varnish.close();
    });

    it('a public page names its content tags for the caches in front', async () => {
      for (let read = 0; read < 2; read++) {
        const page = await t.app.inject({ url: path });
        assert.equal(page.statusCode, 200);
        const tags = String(page.headers.xkey).split(' ');
        assert.ok(tags.includes(`article:${articleId}`) && tags.includes('site'), String(page.headers.xkey));
        assert.equal(page.headers['surrogate-key'], page.headers.xkey);
        // The last change it shows, for Varnish to refuse it after a later purge (kiosque.vcl).
        assert.match(String(page.headers['x-kiosque-seen']), /^\d+$/);
      }
      const admin = await t.app.inject({ url: '/admin' });
      assert.equal(admin.headers.xkey, undefined);
    });

    it('every invalidation, made here or heard from elsewhere, purges the same tags', async () => {
      varnish.purges.length = 0;
      t.app.kiosque.pageCache.invalidate([`article:${articleId}`, 'home']);
      t.app.kiosque.pageCache.invalidateLocally(['section:9']);
      await until('both purges received', () => varnish.purges.length === 2);
      // A local change is purged once its bus row is written, so the heard one may go first.
      assert.deepEqual([...varnish.purges].sort(), [`article:${articleId} home`, 'section:9'].sort());
      const metrics = await t.app.inject({ url: '/metrics' });
      assert.match(metrics.body, /kiosque_http_cache_purges_total\{result="ok"\} [1-9]/);
    });

    it('a purge Varnish did not confirm is retried by the job runner', async () => {
      varnish.answer(503);
      varnish.purges.length = 0;
      t.app.kiosque.pageCache.invalidate(['tag:4']);
      const job = () =>
        t.app.kiosque.db.selectFrom('jobs').selectAll().where('kind', '=', 'http-cache-purge').orderBy('id', 'desc').executeTakeFirst();
      await until('a retry is queued', async () => (await job()) !== undefined);
      // The purge names the invalidation it covers (its bus row), and so does its retry.
      const covered = varnish.invalidations.at(-1)!;
      assert.ok(Number.isInteger(covered) && covered > 0, String(covered));
      assert.deepEqual(JSON.parse((await job())!.payload), { tags: ['tag:4'], invalidation: covered });
      varnish.answer(200);
      // The application's own runner takes it at its next look (every second); no waiting for its retry delay here.
      await until('the retry ran', async () => {
        await t.app.kiosque.db
          .updateTable('jobs')
          .set({ run_at: new Date(0).toISOString() })
          .where('status', '=', 'pending')
          .execute();
        return (await job())?.status === 'done';
      });
      assert.equal((await job())?.status, 'done');
      assert.deepEqual(varnish.purges.at(-1), 'tag:4');
      assert.equal(varnish.invalidations.at(-1), covered);
    });
  });
}

describe('a page rendered across a change of its content', () => {
  it('is sent once and kept by no cache, in front or here', async () => {
    const cache = new PageCache({ enabled: true });
    const pages = createPageResponder(cache, {});
    const app = Fastify();
    app.addHook('onRequest', (request, reply, done) => {
      if (!pages.tryServeCached(request, reply)) done();
    });
    app.get('/une', async (request, reply) => {
      // The content changes while the page is being rendered.
      cache.invalidate(['home']);
      pages.send(request, reply, { html: '<p>ancienne une</p>', tags: ['home'] });
    });
    try {
      const page = await app.inject({ url: '/une' });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(page.headers.xkey, undefined);
      assert.equal(cache.has('/une'), false);
    } finally {
      await app.close();
    }
  });
});
