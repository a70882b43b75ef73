import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { apiClientFor } from '../../api/api-test-client.ts';
import { API_RATE_LIMIT } from '../../api/api-routes.ts';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { forEachDatabase, openTestDatabase, type TestDatabaseHandle, testDatabases } from '../../../test/support/databases.ts';
import { countingHandle } from '../../../test/support/query-count.ts';
import { connectRedis, databaseRateLimiter, redisRateLimiter } from './rate-limiter.ts';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** True when something answers on the Redis port (the machine's Redis; CI may have none). */
function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    const answer = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once('connect', () => answer(true));
    socket.once('error', () => answer(false));
    socket.once('timeout', () => answer(false));
  });
}

const noRedis = (await redisReachable()) ? undefined : `Redis ne répond pas sur ${REDIS_URL} (TEST_REDIS_URL)`;
if (noRedis) process.stdout.write(`# limites partagées par Redis non testées : ${noRedis}\n`);

forEachDatabase('rate limits counted in the database', (engine) => {
  let database: TestDatabaseHandle;
  let counted: ReturnType<typeof countingHandle>;
  before(async () => {
    database = await engine.open();
    counted = countingHandle(database);
  });
  after(async () => {
    await counted?.handle.close();
    await database?.close();
  });
  const events = async (bucket: string) =>
    (await database.db.selectFrom('rate_events').select('id').where('bucket', '=', bucket).execute()).length;

  it('one bucket: at most `limit` events in a sliding window', async () => {
    const limiter = databaseRateLimiter(database.db);
    const rate = { limit: 2, windowMs: 60_000 };
    const t0 = new Date('2026-12-07T10:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    assert.deepEqual(
      [await limiter.take('one', rate, at(0)), await limiter.take('one', rate, at(30)), await limiter.take('one', rate, at(59))],
      [true, true, false],
    );
    assert.equal(await limiter.take('one', rate, at(61)), true, 'the first event left the window');
    assert.equal(await limiter.take('one', rate, at(62)), false, 'the second is still in it');
    assert.equal(await events('one'), 3, 'refused events are not counted');
  });

  it('several buckets: checked and counted together in one statement, all or none', async () => {
    const limiter = databaseRateLimiter(counted.handle.db);
    const reader = { bucket: 'many:reader', rate: { limit: 2, windowMs: 3600_000 } };
    const ip = { bucket: 'many:ip', rate: { limit: 3, windowMs: 3600_000 } };
    const now = new Date();
    const { result: first, statements } = await counted.log.during(() => limiter.takeAll([reader, ip], now));
    assert.equal(first, true);
    const own = statements.filter((s) => !/^delete from "rate_events"/.test(s));
    assert.equal(own.length, 1, own.join('\n'));
    assert.equal(await limiter.takeAll([reader, ip], now), true);
    assert.deepEqual([await events(reader.bucket), await events(ip.bucket)], [2, 2]);
    // The reader's bucket is full: the address's is not counted either.
    assert.equal(await limiter.takeAll([reader, ip], now), false);
    assert.deepEqual([await events(reader.bucket), await events(ip.bucket)], [2, 2]);
    // Another reader from the same address fills the address's last place; then the address is full.
    const other = { ...reader, bucket: 'many:other-reader' };
    assert.equal(await limiter.takeAll([other, ip], now), true);
    assert.equal(await limiter.takeAll([other, ip], now), false);
    assert.deepEqual([await events(other.bucket), await events(ip.bucket)], [1, 3]);
    assert.equal(await limiter.takeAll([], now), true, 'no limit, nothing to refuse');
  });
});

for (const engine of testDatabases()) {
  describe(`rate limits shared by two instances through Redis [${engine.label}]`, { skip: noRedis }, () => {
    let a: TestApp;
    let b: FastifyInstance;
    before(async () => {
      // A prefix of its own, so runs and tests never count in each other's buckets.
      a = await createTestApp({ dialect: engine.label, env: { REDIS_URL, REDIS_PREFIX: `kiosque-test:${randomUUID()}:` } });
      // The second instance: same configuration, same database, its own process state.
      b = await buildApp({ config: a.config, database: a.database });
      await b.ready();
      for (const app of [a.app, b]) {
        const redis = app.kiosque.redis!;
        if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
      }
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });

    it('counted actions (comments, sign-in links…) share one budget, and the database is not written', async () => {
      const rate = { limit: 3, windowMs: 60_000 };
      assert.equal(await a.app.kiosque.rateLimiter.take('comment:reader:7', rate), true);
      assert.equal(await b.kiosque.rateLimiter.take('comment:reader:7', rate), true);
      assert.equal(await a.app.kiosque.rateLimiter.take('comment:reader:7', rate), true);
      assert.equal(await b.kiosque.rateLimiter.take('comment:reader:7', rate), false, 'the fourth, on the other instance, is refused');
      assert.equal(await a.app.kiosque.rateLimiter.take('comment:reader:8', rate), true, 'another bucket is untouched');
      assert.equal((await a.database.db.selectFrom('rate_events').select('id').execute()).length, 0);
    });

    it('several buckets at once: all or none, as on the database', async () => {
      const reader = { bucket: 'comment:reader:9', rate: { limit: 1, windowMs: 60_000 } };
      const ip = { bucket: 'comment:ip:9', rate: { limit: 2, windowMs: 60_000 } };
      assert.equal(await a.app.kiosque.rateLimiter.takeAll([reader, ip]), true);
      assert.equal(await b.kiosque.rateLimiter.takeAll([ip, reader]), false, 'the reader is full: the address gives its point back');
      const other = { ...reader, bucket: 'comment:reader:10' };
      assert.equal(await a.app.kiosque.rateLimiter.takeAll([other, ip]), true, 'so the address still has one');
      assert.equal(await b.kiosque.rateLimiter.take(ip.bucket, ip.rate), false);
    });

    it('requests per API token: the limit holds across instances', async () => {
      const api = await apiClientFor(a.app, 'editeur');
      const call = (app: FastifyInstance) => app.inject({ url: '/api/admin/sections', headers: { authorization: `Bearer ${api.secret}` } });
      for (let n = 0; n < API_RATE_LIMIT.max; n++) {
        const response = await call(n % 2 ? b : a.app);
        assert.equal(response.statusCode, 200, `request ${n + 1}: ${response.body}`);
      }
      const refused = await call(b);
      assert.equal(refused.statusCode, 429, 'half the requests went to each instance; the budget is one');
      assert.equal(refused.json().error.code, 'rate_limited');
    });
  });
}

describe('a Redis that does not answer', () => {
  it('counts in the database instead: neither open nor closed', async (t) => {
    const handle = await openTestDatabase('sqlite');
    const errors: unknown[] = [];
    const redis = await connectRedis('redis://127.0.0.1:1', () => {});
    t.after(async () => {
      redis.disconnect();
      await handle.close();
    });
    const limiter = await redisRateLimiter(redis, 'kiosque-test:', databaseRateLimiter(handle.db), (error) => errors.push(error));
    const rate = { limit: 2, windowMs: 60_000 };
    assert.deepEqual([await limiter.take('x', rate), await limiter.take('x', rate), await limiter.take('x', rate)], [true, true, false]);
    assert.equal(errors.length, 0, 'not even tried while it is not connected');
    assert.equal((await handle.db.selectFrom('rate_events').select('id').execute()).length, 2);
  });
});
