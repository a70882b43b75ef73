import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { startInvalidationBus } from './invalidation-bus.ts';
import { makeCachedPage, PageCache } from './page-cache.ts';

const page = (tags: string[]) => makeCachedPage(200, {}, 'x', tags);

forEachDatabase('invalidation bus', (engine) => {
  it('carries an invalidation from one process’s cache to another’s, and not back', async () => {
    const database = await engine.open();
    try {
      const a = new PageCache({ enabled: true });
      const b = new PageCache({ enabled: true });
      const busA = startInvalidationBus(database.db, a, { pollMs: 60_000 });
      const busB = startInvalidationBus(database.db, b, { pollMs: 60_000 });
      await busA.poll();
      await busB.poll();
      for (const cache of [a, b]) {
        cache.set('/politique/x', page(['article:1']));
        cache.set('/economie', page(['section:4']));
      }

      a.invalidate(['article:1']);
      assert.equal(a.has('/politique/x'), false);
      await busA.stop(); // flushes the write
      assert.equal(b.has('/politique/x'), true, 'not yet polled');
      await busB.poll();
      assert.equal(b.has('/politique/x'), false, 'the other process dropped it');
      assert.equal(b.has('/economie'), true, 'unrelated pages stay');

      // B's own rows are not applied to B again, and a restarted bus starts after existing rows.
      b.set('/politique/x', page(['article:1']));
      await busB.poll();
      assert.equal(b.has('/politique/x'), true);
      await busB.stop();
    } finally {
      await database.close();
    }
  });

  it('applies a row that becomes visible after a later one (ids given out before commit)', async () => {
    const database = await engine.open();
    try {
      const cache = new PageCache({ enabled: true });
      const bus = startInvalidationBus(database.db, cache, { pollMs: 60_000 });
      await bus.poll();
      const insert = (id: number, tag: string) =>
        database.db
          .insertInto('cache_invalidations')
          .values({ id, origin: 'autre', tags: JSON.stringify([tag]), created_at: new Date().toISOString() })
          .execute();
      cache.set('/a', page(['article:1']));
      cache.set('/b', page(['article:2']));
      await insert(1002, 'article:2');
      await bus.poll();
      assert.equal(cache.has('/b'), false);
      assert.equal(cache.has('/a'), true);
      // Row 1001 commits late: it must still be applied, once.
      await insert(1001, 'article:1');
      await bus.poll();
      assert.equal(cache.has('/a'), false, 'the late row was applied');
      cache.set('/a', page(['article:1']));
      await bus.poll();
      assert.equal(cache.has('/a'), true, 'and not applied twice');
      await bus.stop();
    } finally {
      await database.close();
    }
  });

  it('applies the rows written while it started, and not the old ones', async () => {
    // A row can commit between a bus's start and its first read (under load the writer's
    // connection may open first): it must not be taken for one written before the start.
    const database = await engine.open();
    try {
      const insert = (tag: string, agoMs: number) =>
        database.db
          .insertInto('cache_invalidations')
          .values({ origin: 'autre', tags: JSON.stringify([tag]), created_at: new Date(Date.now() - agoMs).toISOString() })
          .execute();
      await insert('article:1', 5 * 60_000);
      await insert('article:2', 2_000);
      const cache = new PageCache({ enabled: true });
      cache.set('/a', page(['article:1']));
      cache.set('/b', page(['article:2']));
      const bus = startInvalidationBus(database.db, cache, { pollMs: 60_000 });
      await bus.poll();
      assert.equal(cache.has('/a'), true, 'a row from long before the start is not applied');
      assert.equal(cache.has('/b'), false, 'a row from the instant of the start is');
      await bus.stop();
    } finally {
      await database.close();
    }
  });

  if (engine.label === 'postgres') {
    it('wakes the other processes at once by LISTEN/NOTIFY, without waiting for a poll', async () => {
      const database = await engine.open();
      try {
        const a = new PageCache({ enabled: true });
        const b = new PageCache({ enabled: true });
        const lags: number[] = [];
        // The safety-net poll is 20 s away: rounds done within a few seconds were woken by NOTIFY.
        // A wake-up that never came would be caught by that poll (as in production, where it runs
        // every second); the test requires nearly every round to be a notified one, and all to end.
        const busA = startInvalidationBus(database.db, a, { pollMs: 20_000, listenUrl: database.databaseUrl });
        const busB = startInvalidationBus(database.db, b, {
          pollMs: 20_000,
          listenUrl: database.databaseUrl,
          onApplied: (lag) => lags.push(lag),
        });
        await waitFor(() => busA.listening && busB.listening, 20_000);
        await Promise.all([busA.poll(), busB.poll()]);
        const roundMs: number[] = [];
        for (let round = 0; round < 20; round++) {
          b.set('/politique/x', page([`article:${round}`]));
          const started = performance.now();
          a.invalidate([`article:${round}`]);
          await waitFor(() => !b.has('/politique/x'), 45_000);
          roundMs.push(performance.now() - started);
        }
        const notified = roundMs.filter((ms) => ms < 5000).length;
        assert.ok(notified >= 18, `rounds woken within seconds: ${notified} of 20 (${roundMs.map((ms) => Math.round(ms)).join(', ')} ms)`);
        assert.equal(lags.length, 20);
        await busA.stop();
        await busB.stop();
      } finally {
        await database.close();
      }
    });
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
