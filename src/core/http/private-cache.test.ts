import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { signInAs, type SignedIn } from '../../../test/support/sign-in.ts';
import { apiClientFor } from '../../api/api-test-client.ts';
import { cacheControlFor, isPrivateUrl } from './page-response.ts';

describe('isPrivateUrl', () => {
  it('covers /admin, /api (the Content API aside) and /apercu and everything under them, read canonically', () => {
    for (const url of ['/admin', '/admin/', '/admin/medias.json?q=x', '/api', '/api/admin/articles', '/apercu/abc', '/%61dmin/journal']) {
      assert.equal(isPrivateUrl(url), true, url);
    }
    // The public Content API keeps its own revalidated caching; the rest of /api does not.
    for (const url of [
      '/',
      '/administration',
      '/apis',
      '/admin.json',
      '/international/apercu',
      '/auteur/admin',
      '/api-economie',
      '/api/content/articles',
      '/api/%63ontent/tags',
    ]) {
      assert.equal(isPrivateUrl(url), false, url);
    }
    assert.equal(cacheControlFor('/admin/x', 'public, s-maxage=30'), 'private, no-store');
    assert.equal(cacheControlFor('/x', 'public, s-maxage=30'), 'public, s-maxage=30');
  });
});

describe('Cache-Control of the back office, the API and previews, whatever the status', () => {
  let t: TestApp;
  let editor: SignedIn;
  before(async () => {
    t = await createTestApp({ seed: false });
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t.close());

  const cases: { name: string; status: number; request: InjectOptions }[] = [
    { name: 'back-office page', status: 200, request: { url: '/admin/connexion' } },
    { name: 'sign-in redirect', status: 303, request: { url: '/admin/articles' } },
    { name: 'undecodable back-office URL', status: 400, request: { url: '/admin/%E0%A4%A' } },
    {
      name: 'cross-site back-office post',
      status: 403,
      request: {
        method: 'POST',
        url: '/admin/connexion',
        headers: { origin: 'https://ailleurs.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a',
      },
    },
    { name: 'unknown back-office page', status: 404, request: { url: '/admin/nulle-part' } },
    {
      name: 'oversized back-office post',
      status: 413,
      request: {
        method: 'POST',
        url: '/admin/connexion',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${'a'.repeat(1_100_000)}`,
      },
    },
    { name: 'API without token', status: 401, request: { url: '/api/admin/articles' } },
    { name: 'API undecodable URL', status: 400, request: { url: '/api/admin/%zz' } },
    { name: 'unknown API route', status: 404, request: { url: '/api/inconnu' } },
    { name: 'OpenAPI document', status: 200, request: { url: '/api/admin/openapi.json' } },
    { name: 'preview with a wrong token', status: 404, request: { url: '/apercu/jeton-inconnu' } },
    { name: 'undecodable preview URL', status: 400, request: { url: '/apercu/%zz' } },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.status}, private, no-store`, async () => {
      const res = await t.app.inject(c.request);
      assert.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 200)}`);
      assert.equal(res.headers['cache-control'], 'private, no-store', c.name);
    });
  }

  it('applies to the API’s own refusals: 415, 422, 404 with a token', async () => {
    const api = await apiClientFor(t.app, 'editeur');
    const responses = [
      [415, await api.call('POST', '/articles', 'du texte', { 'content-type': 'text/plain' })],
      [422, await api.call('POST', '/articles', { headline: '' })],
      [404, await api.call('GET', '/articles/999999')],
      [200, await api.call('GET', '/articles')],
    ] as const;
    for (const [status, res] of responses) {
      assert.equal(res.statusCode, status, res.body.slice(0, 200));
      assert.equal(res.headers['cache-control'], 'private, no-store', String(status));
    }
  });

  it('applies to signed-in pages, JSON and wrong methods too', async () => {
    const page = await t.app.inject({ url: '/admin/articles', headers: { cookie: editor.cookie } });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    const json = await t.app.inject({ url: '/admin/medias.json', headers: { cookie: editor.cookie } });
    assert.equal(json.statusCode, 200);
    assert.equal(json.headers['cache-control'], 'private, no-store');
    const forbidden = await t.app.inject({ url: '/admin/utilisateurs', headers: { cookie: editor.cookie } });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.headers['cache-control'], 'private, no-store');
    const method = await t.app.inject({ method: 'DELETE', url: '/admin/articles', headers: { cookie: editor.cookie } });
    assert.ok(method.statusCode >= 400);
    assert.equal(method.headers['cache-control'], 'private, no-store');
  });

  it('is not reached around by an encoded spelling of the path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61dmin/connexion',
      headers: { origin: 'https://ailleurs.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a',
    });
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const get = await t.app.inject({ url: '/%61dmin/connexion' });
    assert.equal(get.statusCode, 301);
    assert.equal(get.headers.location, '/admin/connexion');
    assert.equal(get.headers['cache-control'], 'private, no-store');
  });

  it('leaves public error pages cacheable for a short while', async () => {
    const res = await t.app.inject({ url: '/page-qui-n-existe-pas' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=30');
  });
});
