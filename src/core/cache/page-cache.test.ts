import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { encodedBody, makeCachedPage, PageCache, SITE_TAG } from './page-cache.ts';

const page = (body: string, tags: string[]) => makeCachedPage(200, { 'content-type': 'text/html' }, body, tags);

describe('PageCache', () => {
  it('invalidates exactly the pages that show a changed piece of content', () => {
    const cache = new PageCache({ enabled: true });
    cache.set('/', page('home', ['home', 'article:1', 'article:2']));
    cache.set('/politique', page('section', ['section:3', 'article:2']));
    cache.set('/politique/a', page('a1', ['article:1', 'section:3']));
    cache.set('/economie', page('other', ['section:4', 'article:9']));

    assert.equal(cache.invalidate(['article:2']), 2);
    assert.equal(cache.has('/'), false);
    assert.equal(cache.has('/politique'), false);
    assert.equal(cache.has('/politique/a'), true);
    assert.equal(cache.has('/economie'), true);
  });

  it('drops every page when the site settings change', () => {
    const cache = new PageCache({ enabled: true });
    cache.set('/', page('home', ['home']));
    cache.set('/x', page('x', []));
    assert.equal(cache.invalidate([SITE_TAG]), 2);
    assert.equal(cache.size, 0);
  });

  it('forgets stale index entries when a page is replaced', () => {
    const cache = new PageCache({ enabled: true });
    cache.set('/', page('v1', ['article:1']));
    cache.set('/', page('v2', ['article:2']));
    assert.equal(cache.invalidate(['article:1']), 0);
    assert.equal(cache.get('/')?.identity.toString(), 'v2');
  });

  it('evicts the least recently used pages past its byte budget', () => {
    const cache = new PageCache({ enabled: true, maxBytes: 2000 });
    const big = (n: number) => page('x'.repeat(600) + n, []);
    cache.set('/a', big(1));
    cache.set('/b', big(2));
    cache.get('/a');
    cache.set('/c', big(3));
    cache.set('/d', big(4));
    assert.equal(cache.has('/a'), true, 'recently read page kept');
    assert.equal(cache.has('/b'), false, 'least recently used page evicted');
  });

  it('refuses a page whose content was invalidated while it was being rendered', () => {
    const cache = new PageCache({ enabled: true });
    const started = cache.generation;
    cache.invalidate(['article:1']);
    assert.equal(cache.set('/politique/a', page('old', ['article:1', 'section:3']), started), false);
    assert.equal(cache.has('/politique/a'), false, 'an old render never lands after the change');
    assert.equal(cache.set('/economie', page('other', ['section:4']), started), true, 'other pages are kept');
    // A render that started after the invalidation is stored.
    assert.equal(cache.set('/politique/a', page('new', ['article:1']), cache.generation), true);
    // Invalidations that came from another process count the same.
    const again = cache.generation;
    cache.invalidateLocally(['section:4']);
    assert.equal(cache.set('/economie', page('other', ['section:4']), again), false);
    // A site-wide change refuses every page rendered before it.
    const beforeSite = cache.generation;
    cache.invalidate(['site']);
    assert.equal(cache.set('/x', page('x', []), beforeSite), false);
  });

  it('stores nothing when disabled', () => {
    const cache = new PageCache({ enabled: false });
    cache.set('/', page('home', []));
    assert.equal(cache.size, 0);
  });
});

describe('makeCachedPage', () => {
  it('precompresses with gzip and brotli and derives a stable strong ETag', () => {
    const body = '<p>Bonjour</p>'.repeat(50);
    const a = makeCachedPage(200, {}, body, []);
    const b = makeCachedPage(200, {}, body, []);
    assert.equal(gunzipSync(a.gzip!).toString(), body);
    assert.equal(brotliDecompressSync(a.br!).toString(), body);
    assert.equal(a.etag, b.etag);
    assert.match(a.etag, /^"[\w-]{22}"$/);
    assert.notEqual(makeCachedPage(200, {}, `${body}!`, []).etag, a.etag);
  });

  it('on demand, compresses each encoding once, when first asked, with the same bytes, and counts them', async () => {
    const body = '<p>Un commentaire de plus sous l’article.</p>'.repeat(200);
    const cache = new PageCache({ enabled: true });
    const lazy = makeCachedPage(200, {}, body, [], { compress: 'on-demand' });
    cache.set('/a', lazy);
    const identityBytes = cache.byteSize;
    assert.equal(lazy.br, undefined);
    assert.equal(lazy.gzip, undefined);
    assert.equal(encodedBody(lazy, 'identity'), lazy.identity);
    const first = encodedBody(lazy, 'br');
    assert.ok(first instanceof Promise, 'made off the event loop');
    assert.equal(encodedBody(lazy, 'br'), first, 'once, whoever asks meanwhile');
    const br = await first;
    assert.equal(encodedBody(lazy, 'br'), br, 'then at once');
    assert.equal(lazy.gzip, undefined, 'gzip is made only if a client asks for it');
    assert.deepEqual(br, makeCachedPage(200, {}, body, []).br, 'the bytes made at once');
    assert.equal(brotliDecompressSync(br).toString(), body);
    assert.equal(cache.byteSize, identityBytes + br.length);
    cache.invalidate([SITE_TAG]);
    assert.equal(cache.byteSize, 0);
    // Made after the page left the cache: not counted by it.
    assert.equal(gunzipSync(await encodedBody(lazy, 'gzip')).toString(), body);
    assert.equal(cache.byteSize, 0);
    // Content that does not compress is sent as it is.
    const font = makeCachedPage(200, {}, Buffer.from('wOFF'), [], { compress: false });
    assert.equal(encodedBody(font, 'br'), font.identity);
  });
});
