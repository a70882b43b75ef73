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
});
