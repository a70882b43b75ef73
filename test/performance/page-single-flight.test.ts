import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { createArticle, createSection } from '../support/content-factories.ts';

// After an invalidation, readers asking for the same page at once wait for one render instead of
// each rendering it (what keeps an article readable while comments keep invalidating it); a page
// invalidated during that render is not served stale to those who waited.
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t?.close());

it('concurrent requests for a page being rendered are answered from that one render', async () => {
  const section = await createSection(t.database.db, { slug: 'monde', name: 'Monde' });
  const article = await createArticle(t.database.db, { section, slug: 'une-page-tres-lue' });
  const cache = t.app.kiosque.pageCache;
  await t.app.inject({ method: 'GET', url: '/monde/une-page-tres-lue' });
  cache.invalidate([`article:${article.id}`]);

  const before = cache.lookups;
  const answers = await Promise.all(Array.from({ length: 20 }, () => t.app.inject({ method: 'GET', url: '/monde/une-page-tres-lue' })));
  const after = cache.lookups;
  for (const answer of answers) assert.equal(answer.statusCode, 200);
  assert.equal(new Set(answers.map((a) => a.headers.etag)).size, 1, 'one render, the same page for all');
  assert.equal(after.misses - before.misses, 20, 'every request missed at first');
  assert.equal(after.hits - before.hits, 19, 'nineteen waited for the first render and got it from the cache');
});

it('a page invalidated while it renders is rendered again for those who waited', async () => {
  const section = await createSection(t.database.db, { slug: 'sport', name: 'Sport' });
  const article = await createArticle(t.database.db, { section, slug: 'un-score' });
  const cache = t.app.kiosque.pageCache;
  const first = t.app.inject({ method: 'GET', url: '/sport/un-score' });
  const waiting = t.app.inject({ method: 'GET', url: '/sport/un-score' });
  // Changed while the first render runs: the render is not stored, the waiting request renders anew.
  await t.database.db.updateTable('articles').set({ headline: 'Score final' }).where('id', '=', article.id).execute();
  cache.invalidate([`article:${article.id}`]);
  const [a, b] = await Promise.all([first, waiting]);
  assert.equal(a.statusCode, 200);
  assert.match(b.body, /Score final/);
});
