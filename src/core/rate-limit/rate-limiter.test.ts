import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { apiClientFor } from '../../api/api-test-client.ts';
import { API_RATE_LIMIT } from '../../api/api-routes.ts';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { openTestDatabase, testDatabases } from '../../../test/support/databases.ts';
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
