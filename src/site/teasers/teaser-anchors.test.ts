import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listingAnchors, listTeaserWindow } from '../../articles/teaser-repository.ts';
import { buildApp } from '../../app.ts';
import { createArticle, createSection, createTag, minutesAgo } from '../../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { testDatabaseConfig } from '../../../test/support/query-plans.ts';
import { teaserLinks } from '../../../test/support/listing-html.ts';

// A deep page reached by its number is sought from the anchor before it (every 200th article of
// the listing, kept in the memo under the listing's tags) instead of skipping every article before
// it. It must be the very page the offset gives, and a change of the listing must move it at once.

/** The article slugs of a listing's teasers, in order. */
const teaserSlugs = (body: string) => teaserLinks(body).map((href) => href.slice(href.lastIndexOf('/') + 1));

forEachDatabase('anchors of a long listing', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let section: { id: number; slug: string };
  let tagId = 0;
  /** The section's public articles, newest first. */
  const slugs: string[] = [];
  const ids: number[] = [];

  before(async () => {
    database = await engine.open();
    section = await createSection(database.db, { slug: 'longue', name: 'Longue rubrique' });
    const tag = await createTag(database.db);
    tagId = tag.id;
    for (let i = 0; i < 450; i++) {
      const article = await createArticle(database.db, { section, tags: [tag], published_at: minutesAgo(10_000 - i) });
      slugs.unshift(article.slug);
      ids.unshift(article.id);
      // Neither a draft nor a scheduled article takes a place in the listing.
      if (i % 100 === 0) {
        await createArticle(database.db, { section, tags: [tag], status: 'draft', published_at: null });
        await createArticle(database.db, { section, tags: [tag], published_at: new Date(Date.now() + 3_600_000).toISOString() });
      }
    }
    app = await buildApp({ config: testDatabaseConfig(database), database });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('the anchors are every n-th public article, newest first; a window sought from one is the page the offset gives', async () => {
    for (const filter of [{ sectionId: section.id }, { tagId }]) {
      assert.deepEqual(await listingAnchors(database.db, filter, 100), [ids[99], ids[199], ids[299], ids[399]]);
      const byOffset = await listTeaserWindow(database.db, filter, { limit: 20, offset: 340, countAhead: 50 });
      const fromAnchor = await listTeaserWindow(database.db, filter, { limit: 20, offset: 340, countAhead: 50, after: ids[299], skip: 40 });
      assert.deepEqual(
        fromAnchor.teasers.map((t) => t.id),
        ids.slice(340, 360),
      );
      assert.deepEqual(fromAnchor, byOffset);
    }
  });

  test('page 18 by its number is the page the offset gives, and moves at once when an article joins the listing', async () => {
    const page = async (n: number) => {
      const response = await app.inject(`/longue?page=${n}`);
      assert.equal(response.statusCode, 200, `page ${n}`);
      return teaserSlugs(response.body);
    };
    assert.deepEqual(await page(18), slugs.slice(340, 360));
    assert.deepEqual(await page(11), slugs.slice(200, 220), 'the first page past an anchor');
    assert.deepEqual(await page(23), slugs.slice(440, 450), 'the last page');

    const newest = await createArticle(database.db, { section, published_at: minutesAgo(1) });
    // What the publishing operation does (articleCacheTags): the section's pages, and its anchors, are dropped.
    app.kiosque.pageCache.invalidate([`section:${section.id}`]);
    const moved = [newest.slug, ...slugs];
    assert.deepEqual(await page(18), moved.slice(340, 360));
    assert.deepEqual(await page(23), moved.slice(440, 451));
  });
});
