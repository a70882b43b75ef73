import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';

// Comments an import kept from the previous site (src/importers: WordPress) are shown read-only on
// the article, approved ones only, escaped, without their authors' e-mails or links; the editors'
// suspension notice replaces them with everything else.
forEachDatabase('archived comments from an import', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(async () => t?.close());

  it('approved old comments show, escaped, after the live ones; unapproved ones and e-mails never', async () => {
    const db = t.database.db;
    await createSettings(db, { comments_mode: 'open', comments_notice: 'Commentaires suspendus par la rédaction.' });
    const section = await createSection(db, { slug: 'culture', name: 'Culture' });
    const article = await createArticle(db, { section, slug: 'ancien-billet' });
    const old = (n: number, over: { approved?: number; content?: string; author_name?: string } = {}) => ({
      article_id: article.id,
      source: 'wordpress',
      source_id: `1:${n}`,
      parent_source_id: null,
      author_name: over.author_name ?? `Ancien lecteur ${n}`,
      author_email: `ancien${n}@exemple.fr`,
      author_url: 'https://blog-perso.exemple/',
      content: over.content ?? `Un avis d’autrefois, numéro ${n}.`,
      approved: over.approved ?? 1,
      written_at: new Date(Date.UTC(2019, 0, n)).toISOString(),
    });
    await db
      .insertInto('imported_comments')
      .values([
        old(1, { content: 'Voir <script>alert(1)</script> et https://exemple.fr/source', author_name: '<b>Gaston</b>' }),
        old(2),
        old(3, { approved: 0, content: 'Achetez des montres pas chères' }),
      ])
      .execute();

    const page = (await t.app.inject({ method: 'GET', url: '/culture/ancien-billet' })).body;
    assert.match(page, /Commentaires de l’ancien site <span class="comments__count">\(2\)<\/span>/);
    assert.match(page, /Un avis d’autrefois, numéro 2\./);
    assert.match(page, /Voir (&lt;|&#60;)script(&gt;|&#62;)alert\(1\)/, 'shown as text');
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /(&lt;|&#60;)b(&gt;|&#62;)Gaston/);
    assert.doesNotMatch(page, /<b>Gaston/);
    assert.match(page, /href="https:\/\/exemple\.fr\/source" rel="nofollow ugc/);
    assert.doesNotMatch(page, /montres pas chères/, 'unapproved comments stay out');
    assert.doesNotMatch(page, /ancien\d@exemple\.fr|blog-perso/, 'no e-mail or site of the old authors');
    assert.doesNotMatch(page, /Aucun commentaire pour le moment/);

    await db.updateTable('settings').set({ comments_mode: 'suspended' }).where('id', '=', 1).execute();
    forgetSiteChrome(db);
    t.app.kiosque.pageCache.invalidate(['site']);
    const suspended = (await t.app.inject({ method: 'GET', url: '/culture/ancien-billet' })).body;
    assert.match(suspended, /Commentaires suspendus par la rédaction\./);
    assert.doesNotMatch(suspended, /ancien site/);
  });
});
