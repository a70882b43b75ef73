import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { rawGet, startServerProcess } from '../../../scripts/support/server-process.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';

const TOKEN = 'un-jeton-de-mesure-assez-long';

forEachDatabase('health, readiness and metrics', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { METRICS_TOKEN: TOKEN } });
    await createSettings(t.database.db);
  });
  after(() => t.close());

  it('/healthz says the process is up; /readyz that the database answers and is migrated', async () => {
    const health = await t.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.headers['cache-control'], 'no-store');
    const ready = await t.app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', database: engine.label });
    // A migration this code knows but the database has not run: not ready.
    await t.database.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '20261203T0802-idempotency-keys' as never)
      .execute();
    const notReady = await t.app.inject({ url: '/readyz' });
    assert.equal(notReady.statusCode, 503);
    assert.match(notReady.json().reason, /idempotency-keys/);
    await t.database.db
      .insertInto('kysely_migration' as never)
      .values({ name: '20261203T0802-idempotency-keys', timestamp: new Date().toISOString() } as never)
      .execute();
  });

  it('/metrics: request durations by route, page cache, jobs; only from this machine or with the token', async () => {
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/' });
    const metrics = await t.app.inject({ url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    const text = metrics.body;
    assert.match(text, /kiosque_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 3/);
    assert.match(text, /kiosque_page_cache_hits_total 2/);
    assert.match(text, /kiosque_page_cache_hit_ratio 0\.\d+/);
    assert.match(text, /kiosque_page_cache_pages 1/);
    assert.match(text, /kiosque_jobs_due \d+/);
    assert.match(text, /kiosque_jobs_oldest_due_age_seconds \d/);
    assert.match(text, /kiosque_invalidation_lag_seconds_count 0/);
    assert.match(text, /kiosque_process_resident_memory_bytes/);

    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(remote.statusCode, 403);
    const withToken = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(withToken.statusCode, 200);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM, requests in flight finish whole, new ones are refused, then the process exits 0', async () => {
    const dataDir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/kiosque-stop-`);
    const server = await startServerProcess({ dataDir, pageCache: false, env: { KIOSQUE_DEMO: '0' } });
    try {
      // Uncached renders in flight when the signal comes.
      const inFlight = Array.from({ length: 12 }, () => rawGet(`${server.origin}/`, 30_000));
      // SIGTERM as soon as the first page is answered, while others are being served.
      await Promise.race(inFlight);
      process.kill(server.pid, 'SIGTERM');
      const answers = await Promise.allSettled(inFlight);
      // Each request either got its whole page, or was turned away cleanly before any byte (503 on
      // a connection already open, reset for one still waiting in the kernel's queue): none is cut.
      let whole = 0;
      for (const answer of answers) {
        if (answer.status === 'fulfilled') {
          if (answer.value.status === 503) continue;
          assert.equal(answer.value.status, 200);
          assert.equal(answer.value.body.length, Number(answer.value.headers['content-length']));
          assert.ok(answer.value.body.toString().trimEnd().endsWith('</html>'));
          whole++;
        } else {
          assert.match(String(answer.reason), /ECONNRESET|ECONNREFUSED/);
        }
      }
      assert.ok(whole >= 1, 'the requests it had begun were answered');
      assert.equal(await server.exited, 0, server.output());
      assert.match(server.output(), /s’arrête \(SIGTERM\)/);
      await assert.rejects(
        new Promise((resolve, reject) => http.get(`${server.origin}/healthz`, resolve).on('error', reject)),
        'no longer accepting',
      );
    } finally {
      await server.stop();
      (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
