import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle as insertArticle, createPerson, createSection, minutesAgo } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { SITE_TAG } from '../core/cache/page-cache.ts';
import { personInput, updatePerson } from '../curation/people-admin-operations.ts';
import { unpublishArticle } from './operations/index.ts';
import { actorFor } from './operations/operations-test-fixture.ts';
import { teasersByIds } from './teaser-repository.ts';

// The teasers kept in the app's memo between renders (page cache off, so only the memo could show
// something old): shared while nothing they show changes, read again as soon as something does.

for (const { label } of testDatabases()) {
  describe(`teasers kept in the memo [${label}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect: label, pageCache: false });
    });
    after(() => t?.close());

    it('a listing shows a renamed author, an unpublished article leaves it, a scheduled one is never kept', async () => {
      const ctx = t.app.kiosque;
      const db = ctx.db;
      const section = await createSection(db, { slug: 'economie', name: 'Économie' });
      const author = await createPerson(db, { slug: 'lea-marchand', name: 'Léa Marchand' });
      const article = await insertArticle(db, {
        section,
        headline: 'Le budget en six questions',
        authors: [author],
        published_at: minutesAgo(30),
      });
      const scheduled = await insertArticle(db, {
        section,
        headline: 'Pas encore',
        published_at: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const page = async () => (await t.app.inject('/economie')).body;

      assert.match(await page(), /Léa Marchand/);
      const [kept] = await teasersByIds(db, [article.id], undefined, ctx.memo);
      const [again] = await teasersByIds(db, [article.id], undefined, ctx.memo);
      assert.equal(again, kept, 'the same teaser, not read again');
      assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept!.authors), 'shared teasers cannot be changed by a page');

      // An author renamed through the back office: the listing shows the new name at once.
      const editor = await actorFor(db, 'administrateur');
      const person = await db.selectFrom('people').selectAll().where('id', '=', author.id).executeTakeFirstOrThrow();
      await updatePerson(ctx, editor, author.id, { ...personInput(person), name: 'Léa Marchand-Roy' });
      assert.match(await page(), /Léa Marchand-Roy/);
      const [renamed] = await teasersByIds(db, [article.id], undefined, ctx.memo);
      assert.notEqual(renamed, kept);
      assert.deepEqual(
        renamed!.authors.map((a) => a.name),
        ['Léa Marchand-Roy'],
      );

      // The site's settings (whether comment counts show) are part of what a teaser shows.
      ctx.pageCache.invalidate([SITE_TAG]);
      assert.notEqual((await teasersByIds(db, [article.id], undefined, ctx.memo))[0], renamed);

      // Scheduled: not public now, so neither listed nor kept.
      assert.deepEqual(await teasersByIds(db, [scheduled.id], undefined, ctx.memo), []);
      assert.doesNotMatch(await page(), /Pas encore/);

      // Unpublished: gone from the listing and from what is kept.
      await unpublishArticle(ctx, editor, article.id);
      assert.doesNotMatch(await page(), /Le budget en six questions/);
      assert.deepEqual(await teasersByIds(db, [article.id], undefined, ctx.memo), []);
    });
  });
}
