import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createArticle, createSection, createTag, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { listTeaserWindow } from './teaser-repository.ts';

// A listing's page and its look-ahead count come from one statement: the page's ids, each row
// carrying how many articles follow from the page's first, up to the look-ahead.

forEachDatabase('a listing page and its bounded count', (engine) => {
  let database: TestDatabaseHandle;
  const ids: number[] = [];
  let sectionId = 0;
  let tagId = 0;
  before(async () => {
    database = await engine.open();
    const section = await createSection(database.db);
    const tag = await createTag(database.db);
    sectionId = section.id;
    tagId = tag.id;
    for (let i = 0; i < 45; i++) {
      // Oldest first: the listing reads them newest first.
      const article = await createArticle(database.db, { section, tags: [tag], published_at: minutesAgo(1_000 - i) });
      ids.unshift(article.id);
    }
    // Neither a draft nor a scheduled article is counted.
    await createArticle(database.db, { section, tags: [tag], status: 'draft', published_at: null });
    await createArticle(database.db, { section, tags: [tag], published_at: new Date(Date.now() + 3_600_000).toISOString() });
  });
  after(() => database?.close());

  test('counts up to the look-ahead, exactly near the end, nothing past it; by offset or cursor, section or tag', async () => {
    for (const filter of [{ sectionId }, { tagId }]) {
      const window = (offset: number, after?: number) =>
        listTeaserWindow(database.db, filter, { limit: 20, offset, countAhead: 10, after });
      const first = await window(0);
      assert.deepEqual(
        first.teasers.map((t) => t.id),
        ids.slice(0, 20),
      );
      assert.equal(first.counted, 30, 'capped at the page and ten more');
      const second = await window(20);
      assert.deepEqual(
        second.teasers.map((t) => t.id),
        ids.slice(20, 40),
      );
      assert.equal(second.counted, 45, 'exact once the end is within reach');
      const byCursor = await window(20, ids[19]);
      assert.deepEqual(
        byCursor.teasers.map((t) => t.id),
        ids.slice(20, 40),
      );
      assert.equal(byCursor.counted, 45);
      const last = await window(40);
      assert.deepEqual(
        last.teasers.map((t) => t.id),
        ids.slice(40),
      );
      assert.equal(last.counted, 45);
      assert.deepEqual(await window(60), { teasers: [], counted: 0 });
    }
  });
});
