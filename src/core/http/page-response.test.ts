import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyRequest } from 'fastify';
import { PageCache } from '../cache/page-cache.ts';
import { cacheKey, createPageResponder } from './page-response.ts';

const key = (url: string) => cacheKey({ url } as FastifyRequest);

describe('cacheKey', () => {
  it('keeps the path and the page number, and drops tracking parameters', () => {
    assert.equal(key('/politique'), '/politique');
    assert.equal(key('/politique?utm_source=lettre&fbclid=x'), '/politique');
    assert.equal(key('/politique?utm_source=lettre&page=2'), '/politique?page=2');
  });

  it('keeps repeated and odd page values so the route still refuses them', () => {
    assert.equal(key('/politique?page=2&page=3'), '/politique?page=2&page=3');
    assert.equal(key('/politique?page=%3Cx%3E'), '/politique?page=%3Cx%3E');
    assert.equal(key('/politique?page='), '/politique?page=');
  });
});

describe('a page rendered while another process changed its content', () => {
  /** A server whose one page shows article 1, with the responder's options as given. */
  async function server(options: Parameters<typeof createPageResponder>[2], cache: PageCache) {
    const pages = createPageResponder(cache, {}, options);
    const app = Fastify();
    app.addHook('onRequest', (request, reply, done) => {
      if (!pages.tryServeCached(request, reply)) done();
    });
    app.get('/article', async (request, reply) => {
      pages.send(request, reply, { html: '<p>article</p>', tags: ['article:1'] });
      return reply;
    });
    await app.ready();
    return app;
  }

  /** The invalidation bus's poll, as the responder's catch-up: another process's change to article 1 is read once. */
  function otherProcessChangesOnce(cache: PageCache): () => Promise<void> {
    let changed = true;
    return async () => {
      if (changed) cache.invalidateLocally(['article:1']);
      changed = false;
    };
  }

  it('is sent once and kept by nobody when the catch-up hears of a change to it', async () => {
    const cache = new PageCache({ enabled: true });
    const app = await server({ catchUp: otherProcessChangesOnce(cache) }, cache);
    const first = await app.inject('/article');
    assert.equal(first.statusCode, 200);
    assert.equal(first.body, '<p>article</p>');
    assert.equal(first.headers['cache-control'], 'no-store');
    assert.equal(cache.has('/article'), false);
    // Nothing changed during the next render: kept, and the caches in front may keep it.
    const second = await app.inject('/article');
    assert.match(String(second.headers['cache-control']), /s-maxage/);
    assert.equal(cache.has('/article'), true);
    await app.close();
  });

  it('is sent but not kept when the catch-up fails (the database unreachable)', async () => {
    const cache = new PageCache({ enabled: true });
    const app = await server({ catchUp: () => Promise.reject(new Error('connexion refusée')) }, cache);
    const page = await app.inject('/article');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(cache.has('/article'), false);
    await app.close();
  });

  it('with the page cache off and Varnish in front, a page rendered across a change is refused to Varnish', async () => {
    const cache = new PageCache({ enabled: false });
    const app = await server({ catchUp: otherProcessChangesOnce(cache), sharedCacheInFront: true }, cache);
    assert.equal((await app.inject('/article')).headers['cache-control'], 'no-store');
    const next = await app.inject('/article');
    assert.match(String(next.headers['cache-control']), /s-maxage/);
    assert.equal(next.headers.xkey, 'site article:1');
    await app.close();
  });

  it('tells Varnish the changes a page shows: those applied when its render began, or now for a kept page', async () => {
    const cache = new PageCache({ enabled: true });
    let applied = 5;
    // Rows 6 to 9 are read while the page renders; none touches it, so it is kept.
    const catchUp = async () => {
      applied = 9;
    };
    const app = await server({ catchUp, sharedCacheInFront: true, seen: () => applied }, cache);
    const fresh = await app.inject('/article');
    assert.equal(fresh.headers['x-kiosque-seen'], '5', 'the render may predate rows 6 to 9');
    assert.equal(cache.has('/article'), true);
    applied = 12;
    const kept = await app.inject('/article');
    assert.equal(kept.headers['x-kiosque-seen'], '12', 'a kept page shows every change applied since');
    await app.close();
  });
});
