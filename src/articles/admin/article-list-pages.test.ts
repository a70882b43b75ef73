import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import type { Actor } from '../../accounts/policy.ts';
import { listArticles } from './article-list-repository.ts';

// The back-office list reads its first pages and their count in one statement, deeper pages in
// two (the page, then the count): every page must be the same slice of the same order either way.

const ARTICLES = 210;
const editor: Actor = { userId: null, name: 'Édith', role: 'editeur', personId: null };

forEachDatabase('back-office list pages', (engine) => {
  let t: TestApp;
  let sectionId = 0;
  let expected: number[] = [];

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    const db = t.app.kiosque.db;
    const section = await createSection(db);
    sectionId = section.id;
    const ids: number[] = [];
    for (let i = 0; i < ARTICLES; i++) ids.push((await createArticle(db, { section })).id);
    // Filed in id order (each a second after the last): the list shows them newest first.
    expected = ids.reverse();
  });
  after(() => t.close());

  it('gives every page of the order once, through the single read and the paged one alike', async () => {
    const seen: number[] = [];
    // Pages 1 to 5 are read with their count at once (up to 376 ids), pages 6 to 9 apart.
    for (let page = 1; page <= 9; page++) {
      const list = await listArticles(t.app.kiosque.db, t.app.kiosque.dialect, editor, { sectionId }, page, 25);
      assert.equal(list.total, ARTICLES, `page ${page}`);
      assert.equal(list.more, false, `page ${page}`);
      seen.push(...list.items.map((item) => item.id));
    }
    assert.deepEqual(seen, expected);
  });

  it('counts no further than ten pages ahead', async () => {
    const first = await listArticles(t.app.kiosque.db, t.app.kiosque.dialect, editor, { sectionId }, 1, 5);
    assert.deepEqual(
      first.items.map((item) => item.id),
      expected.slice(0, 5),
    );
    assert.equal(first.total, 55);
    assert.equal(first.more, true);
    const last = await listArticles(t.app.kiosque.db, t.app.kiosque.dialect, editor, { sectionId }, 42, 5);
    assert.deepEqual(
      last.items.map((item) => item.id),
      expected.slice(205),
    );
    assert.equal(last.total, ARTICLES);
    assert.equal(last.more, false);
  });
});
