import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.loadDemo, true);
    assert.equal(c.pageCache, true);
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      DATA_DIR: '/tmp/k',
      DATABASE_URL: 'postgres://u@h/db',
      PUBLIC_URL: 'https://mag.example/',
      NODE_ENV: 'production',
      KIOSQUE_DEMO: '0',
      PAGE_CACHE: '0',
    });
    assert.equal(c.port, 8080);
    assert.equal(c.dataDir, '/tmp/k');
    assert.equal(c.databaseUrl, 'postgres://u@h/db');
    assert.equal(c.publicUrl, 'https://mag.example');
    assert.equal(c.env, 'production');
    assert.equal(c.loadDemo, false);
    assert.equal(c.pageCache, false);
  });

  it('names every bad variable in one French message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'ftp://x' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /^Configuration invalide/);
        assert.match(e.message, /PORT/);
        assert.match(e.message, /DATABASE_URL/);
        assert.match(e.message, /PUBLIC_URL/);
        return true;
      },
    );
  });

  it('reads the media limits and the upload rate, and refuses bad ones by name', () => {
    const c = loadConfig({ MEDIA_MAX_IMAGE_BYTES: '1000', MEDIA_MAX_VIDEO_BYTES: '5000', UPLOADS_PER_HOUR: '10' });
    assert.deepEqual(c.mediaMaxBytes, { image: 1000, audio: undefined, video: 5000 });
    assert.equal(c.uploadsPerHour, 10);
    assert.equal(loadConfig({}).uploadsPerHour, 120);
    assert.throws(
      () => loadConfig({ MEDIA_MAX_AUDIO_BYTES: '-3', UPLOADS_PER_HOUR: 'beaucoup' }),
      (e: unknown) => e instanceof ConfigError && /MEDIA_MAX_AUDIO_BYTES/.test(e.message) && /UPLOADS_PER_HOUR/.test(e.message),
    );
  });

  it('TRUSTED_PROXIES: none by default (even in production); a list of addresses and CIDR ranges; nonsense refused', () => {
    assert.deepEqual(loadConfig({ NODE_ENV: 'production' }).trustedProxies, []);
    assert.deepEqual(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16,fd00::/8 , loopback' }).trustedProxies, [
      '10.0.0.1',
      '192.168.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['proxy.exemple.fr', '10.0.0.0/33', '10.0.0.1/8/2', '*']) {
      assert.throws(() => loadConfig({ TRUSTED_PROXIES: bad }), /TRUSTED_PROXIES/, bad);
    }
  });

  it('VARNISH_URLS, REDIS_URL, REDIS_PREFIX: none by default; lists and URLs read; nonsense refused by name', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.varnishUrls, []);
    assert.equal(defaults.redisUrl, undefined);
    assert.equal(defaults.redisPrefix, 'kiosque:');
    const set = loadConfig({
      VARNISH_URLS: 'http://127.0.0.1:6081, http://10.0.0.5',
      REDIS_URL: 'redis://10.0.0.6:6379',
      REDIS_PREFIX: 'gazette:',
    });
    assert.deepEqual(set.varnishUrls, ['http://127.0.0.1:6081', 'http://10.0.0.5']);
    assert.equal(set.redisUrl, 'redis://10.0.0.6:6379');
    assert.equal(set.redisPrefix, 'gazette:');
    assert.throws(() => loadConfig({ VARNISH_URLS: 'varnish:6081' }), /VARNISH_URLS/);
    assert.throws(() => loadConfig({ REDIS_URL: 'http://10.0.0.6' }), /REDIS_URL/);
    assert.throws(() => loadConfig({ REDIS_PREFIX: 'avec espace' }), /REDIS_PREFIX/);
  });
});
