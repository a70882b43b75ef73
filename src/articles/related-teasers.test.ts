import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createArticle, createSection, createTag, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { relatedTeasers } from './article-repository.ts';

// "À lire aussi": ranked in one statement by shared tags, newest first among equals, completed by the
// section's latest; only public articles, never the article itself.

forEachDatabase('related articles', (engine) => {
  let database: TestDatabaseHandle;
  before(async () => {
    database = await engine.open();
  });
  after(() => database?.close());

  test('most shared tags first, then newest; only public articles; completed from the section', async () => {
    const db = database.db;
    const section = await createSection(db);
    const other = await createSection(db);
    const [a, b, c] = [await createTag(db), await createTag(db), await createTag(db)];
    const article = await createArticle(db, { section, tags: [a, b, c], published_at: minutesAgo(10) });
    const threeShared = await createArticle(db, { section: other, tags: [a, b, c], published_at: minutesAgo(500) });
    const twoSharedOld = await createArticle(db, { section: other, tags: [a, b], published_at: minutesAgo(400) });
    const twoSharedNew = await createArticle(db, { section: other, tags: [b, c], published_at: minutesAgo(300) });
    // Public only: a draft, a withdrawn and a scheduled piece sharing every tag are left out.
    await createArticle(db, { section: other, tags: [a, b, c], status: 'draft', published_at: null });
    const withdrawn = await createArticle(db, { section: other, tags: [a, b, c], published_at: minutesAgo(20) });
    await db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', withdrawn.id).execute();
    await createArticle(db, { section: other, tags: [a, b, c], published_at: new Date(Date.now() + 3_600_000).toISOString() });
    // No shared tag: only the section's latest completes the four.
    const sectionLatest = await createArticle(db, { section, published_at: minutesAgo(50) });
    await createArticle(db, { section, published_at: minutesAgo(60) });

    const related = await relatedTeasers(db, { id: article.id, section: { ...section }, tags: [a, b, c] } as never, 4);
    assert.deepEqual(
      related.map((t) => t.id),
      [threeShared.id, twoSharedNew.id, twoSharedOld.id, sectionLatest.id],
    );
    // Hydrated as every teaser is: its section and headline.
    assert.equal(related[0]!.sectionSlug, other.slug);
    assert.equal(related[0]!.headline, threeShared.headline);

    const two = await relatedTeasers(db, { id: article.id, section: { ...section }, tags: [a, b, c] } as never, 2);
    assert.deepEqual(
      two.map((t) => t.id),
      [threeShared.id, twoSharedNew.id],
    );
    // An article without tags: the section's latest, itself excluded.
    const untagged = await relatedTeasers(db, { id: sectionLatest.id, section: { ...section }, tags: [] } as never, 2);
    assert.deepEqual(untagged.map((t) => t.id).includes(sectionLatest.id), false);
    assert.equal(untagged[0]!.id, article.id);
  });
});
