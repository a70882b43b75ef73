import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../../test/support/content-factories.ts';
import { canonicalPath, canonicalRedirect } from './canonical-path.ts';

describe('canonicalPath', () => {
  it('decodes escaped unreserved characters and upper-cases the other escapes', () => {
    assert.equal(canonicalPath('/international'), '/international');
    assert.equal(canonicalPath('/%69nternational'), '/international');
    assert.equal(canonicalPath('/%69%6E%74ernational'), '/international');
    assert.equal(canonicalPath('/internationa%6c/sommet%2D%5f%2e%7E'), '/international/sommet-_.~');
    assert.equal(canonicalPath('/caf%c3%a9'), '/caf%C3%A9');
    assert.equal(canonicalPath('/a%2fb%3f%25'), '/a%2Fb%3F%25');
    assert.equal(canonicalPath('/bad%zz%4'), '/bad%zz%4');
  });

  it('redirects non-canonical paths with their query, never to another host', () => {
    assert.equal(canonicalRedirect('/international'), undefined);
    assert.equal(canonicalRedirect('/%69nternational?page=2&utm_source=x'), '/international?page=2&utm_source=x');
    assert.equal(canonicalRedirect('//%65xemple.org'), undefined);
    assert.equal(canonicalRedirect('/\\%65xemple.org'), undefined);
    assert.equal(canonicalRedirect('/%2F%65xemple.org'), '/%2Fexemple.org');
  });
});

describe('one page-cache entry per page, whatever the spelling of its URL', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ seed: false });
    const section = await createSection(t.database.db, { slug: 'international', name: 'International' });
    await createArticle(t.database.db, { section, slug: 'sommet-de-vladivostok', headline: 'Sommet de Vladivostok' });
  });
  after(() => t.close());

  it('answers encoded spellings with a 301 to the canonical path', async () => {
    for (const [url, location] of [
      ['/%69nternational', '/international'],
      ['/INTERNATIONA%4C', '/INTERNATIONAL'],
      ['/international/sommet-de-vladivosto%6B', '/international/sommet-de-vladivostok'],
      ['/%69nternational?page=2', '/international?page=2'],
    ] as const) {
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 301, url);
      assert.equal(res.headers.location, location, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=3600, s-maxage=86400');
    }
    // Letters are not folded: another case is another (missing) page, and 404s are not kept.
    assert.equal((await t.app.inject({ url: '/INTERNATIONAL' })).statusCode, 404);
    const head = await t.app.inject({ method: 'HEAD', url: '/%69nternational' });
    assert.equal(head.statusCode, 301);
  });

  it('cannot be flooded: 4,000 variants leave one entry and the real page in place', async () => {
    const cache = t.app.kiosque.pageCache;
    cache.clear();
    assert.equal((await t.app.inject({ url: '/international' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/international/sommet-de-vladivostok' })).statusCode, 200);
    assert.equal(cache.size, 2);
    const letters = 'international';
    for (let i = 0; i < 4000; i++) {
      // Every subset of escaped letters, plus tracking parameters and odd hex case.
      let path = '/';
      for (let j = 0; j < letters.length; j++) {
        const c = letters[j];
        const hex = c.charCodeAt(0).toString(16);
        path += (i >> j) & 1 ? `%${i % 2 ? hex.toUpperCase() : hex}` : c;
      }
      const url = i % 3 ? path : `${path}?utm_source=n${i}`;
      const res = await t.app.inject({ url });
      assert.ok(res.statusCode === 301 || (res.statusCode === 200 && path === '/international'), `${url}: ${res.statusCode}`);
    }
    assert.equal(cache.size, 2);
    assert.ok(cache.has('/international'));
    assert.ok(cache.has('/international/sommet-de-vladivostok'));
  });

  it('does not redirect a form post, and never caches what it answers', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/%69nternational', payload: {} });
    assert.notEqual(res.statusCode, 301);
    assert.notEqual(res.statusCode, 200);
  });
});
