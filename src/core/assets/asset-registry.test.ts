import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { AssetRegistry } from './asset-registry.ts';

describe('the asset registry', () => {
  it('serves an asset compressed on first demand in each encoding, the same bytes each time, and a binary as it is', async () => {
    const registry = new AssetRegistry();
    const css = `${'.une { color: #123; }\n'.repeat(2000)}/* fin */\n`;
    const cssUrl = registry.add('site.css', 'text/css; charset=utf-8', css);
    const font = Buffer.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]);
    const fontUrl = registry.add('police.woff2', 'font/woff2', font);
    assert.match(cssUrl, /^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const app = Fastify();
    registry.routes(app);
    try {
      const get = (url: string, encoding?: string) =>
        app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
      for (const round of [1, 2]) {
        const br = await get(cssUrl, 'br');
        assert.equal(br.statusCode, 200);
        assert.equal(br.headers['content-encoding'], 'br', `round ${round}`);
        assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(br.headers.vary, 'Accept-Encoding');
        assert.ok(br.rawPayload.length < css.length / 10);
        assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), css);
        const gzip = await get(cssUrl, 'gzip');
        assert.equal(gzip.headers['content-encoding'], 'gzip');
        assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), css);
      }
      const plain = await get(cssUrl);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, css);
      const binary = await get(fontUrl, 'br, gzip');
      assert.equal(binary.headers['content-encoding'], undefined, 'a font is not compressed again');
      assert.deepEqual(binary.rawPayload, font);
      assert.equal((await get('/assets/absent.0000000000.css')).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});
