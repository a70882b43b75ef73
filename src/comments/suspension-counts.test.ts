import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';

// Suspended site-wide, the editors' notice replaces every comments area: no count on teasers or in
// the article header either (a count would point at comments nobody can read). Back to open, they return.
forEachDatabase('comment counts while comments are suspended', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(async () => t?.close());

  it('teasers and the article header show no count while suspended, and show it again after', async () => {
    const db = t.database.db;
    await createSettings(db, { comments_mode: 'open', comments_notice: 'Nous avons dû suspendre les commentaires.' });
    const section = await createSection(db, { slug: 'societe', name: 'Société' });
    const article = await createArticle(db, { section, slug: 'un-debat' });
    await db.insertInto('comment_threads').values({ article_id: article.id, visible_count: 3, auto_premoderation_at: null }).execute();
    const setMode = async (mode: 'open' | 'suspended') => {
      await db.updateTable('settings').set({ comments_mode: mode }).where('id', '=', 1).execute();
      forgetSiteChrome(db);
      t.app.kiosque.pageCache.invalidate(['site']);
    };
    const pages = async () => ({
      section: (await t.app.inject({ method: 'GET', url: '/societe' })).body,
      article: (await t.app.inject({ method: 'GET', url: '/societe/un-debat' })).body,
    });

    let { section: list, article: page } = await pages();
    assert.match(list, /<span class="teaser__comments">3 commentaires<\/span>/);
    assert.match(page, /class="article__comment-count"/);

    await setMode('suspended');
    ({ section: list, article: page } = await pages());
    assert.doesNotMatch(list, /teaser__comments/);
    assert.doesNotMatch(page, /article__comment-count/);
    assert.match(page, /Nous avons dû suspendre les commentaires\./);

    await setMode('open');
    ({ section: list } = await pages());
    assert.match(list, /3 commentaires/);
  });
});
