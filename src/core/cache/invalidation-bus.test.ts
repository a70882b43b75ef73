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
});
