import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';

describe('x-content-type-options on every kind of response', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ seed: false });
  });
  after(() => t.close());

  it('is sent on JSON, redirects and plain text as well as pages', async () => {
    for (const url of ['/api/admin/articles', '/admin', '/robots.txt', '/page-inconnue']) {
      const res = await t.app.inject({ url, headers: url.startsWith('/api') ? { accept: 'application/json' } : {} });
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    }
  });
});
