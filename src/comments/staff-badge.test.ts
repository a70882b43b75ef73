import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { form, postComment, type SignedInReader, signInReader } from '../../test/support/readers.ts';
import { createUser } from '../../test/support/sign-in.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

forEachDatabase('staff badges on comments', (database) => {
  let t: TestApp;
  let section: { id: number };
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { POW_MAX_NUMBER: '2000' } });
    section = await createSection(t.database.db);
  });
  after(async () => t?.close());

  async function post(reader: SignedInReader, articleId: number, extra: Record<string, string> = {}) {
    const response = await postComment(t.app, reader, articleId, { body: `Un avis posé, numéro ${Math.random()}.`, extra }, { json: true });
    assert.equal(response.statusCode, 201, response.body);
    const id = (response.json() as { id: number }).id;
    // Published at once for the check of the public page (the first-comment rule would hold it).
    await t.database.db.updateTable('comments').set({ status: 'visible' }).where('id', '=', id).execute();
    return id;
  }

  async function badgeOf(id: number) {
    const row = await t.database.db
      .selectFrom('comments')
      .select(['author_badge', 'author_badge_line'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { author_badge: row.author_badge, author_badge_line: row.author_badge_line };
  }

  async function commentHtml(articleId: number, id: number): Promise<string> {
    t.app.kiosque.pageCache.invalidate([`comments:${articleId}`]);
    const page = await t.app.inject({ method: 'GET', url: `/commentaires/article/${articleId}` });
    assert.equal(page.statusCode, 200);
    const start = page.body.indexOf(`id="commentaire-${id}"`);
    assert.ok(start > 0, 'the comment is on the page');
    return page.body.slice(start, page.body.indexOf('</header>', start));
  }

  it('a journalist commenting through the reader identity of their own e-mail: "Rédaction", "Auteur de l’article" on their article', async () => {
    const journalist = await createUser(t.database.db, { role: 'journaliste', personId: true });
    await t.database.db
      .updateTable('people')
      .set({ role_line: 'Correspondante à Bruxelles' })
      .where('id', '=', journalist.personId)
      .execute();
    const own = await createArticle(t.database.db, { section, authors: [{ id: journalist.personId! }] });
    const other = await createArticle(t.database.db, { section });
    const reader = await signInReader(t.app, { email: journalist.email });

    const onOwn = await post(reader, own.id);
    assert.deepEqual(await badgeOf(onOwn), { author_badge: 'auteur', author_badge_line: 'Correspondante à Bruxelles' });
    assert.match(
      await commentHtml(own.id, onOwn),
      /class="comment__badge comment__badge--auteur">Auteur de l’article<\/span> <span class="comment__badge-line">Correspondante à Bruxelles<\/span>/,
    );

    const onOther = await post(reader, other.id);
    assert.equal((await badgeOf(onOther)).author_badge, 'redaction');
    assert.match(await commentHtml(other.id, onOther), />Rédaction<\/span>/);
  });

  it('an outside expert (contributor account) is badged « Contributeur » with their expertise line', async () => {
    const expert = await createUser(t.database.db, { role: 'contributeur', personId: true });
    await t.database.db
      .updateTable('people')
      .set({ role_line: 'Économiste, chercheuse au CNRS' })
      .where('id', '=', expert.personId)
      .execute();
    const article = await createArticle(t.database.db, { section });
    const reader = await signInReader(t.app, { email: expert.email });
    const id = await post(reader, article.id);
    assert.deepEqual(await badgeOf(id), { author_badge: 'contributeur', author_badge_line: 'Économiste, chercheuse au CNRS' });
    assert.match(
      await commentHtml(article.id, id),
      />Contributeur<\/span> <span class="comment__badge-line">Économiste, chercheuse au CNRS<\/span>/,
    );
  });

  it('a reader cannot forge a badge: form fields are ignored, a staff name is refused, a disabled account gives none', async () => {
    const article = await createArticle(t.database.db, { section });
    const reader = await signInReader(t.app);
    const forged = await post(reader, article.id, { author_badge: 'redaction', badge: 'auteur', author_badge_line: 'Rédactrice en chef' });
    assert.deepEqual(await badgeOf(forged), { author_badge: '', author_badge_line: '' });
    assert.doesNotMatch(await commentHtml(article.id, forged), /comment__badge/);

    const gone = await createUser(t.database.db, { role: 'journaliste', status: 'disabled' });
    const formerStaff = await signInReader(t.app, { email: gone.email });
    assert.equal((await badgeOf(await post(formerStaff, article.id))).author_badge, '');
  });

  it('staff may take their own name as a reader; nobody else may', async () => {
    const editor = await createUser(t.database.db, { role: 'editeur', name: 'Solène Varenne', personId: true });
    const staffReader = await signInReader(t.app, { email: editor.email });
    const other = await signInReader(t.app);
    const rename = (r: SignedInReader) =>
      t.app.inject({
        method: 'POST',
        url: '/lecteurs/profil/nom',
        headers: { ...FORM, cookie: r.cookie },
        payload: form({ _csrf: r.csrfToken, name: 'Solène Varenne' }),
      });
    const refused = await rename(other);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /membre de la rédaction/);
    assert.equal((await rename(staffReader)).statusCode, 303);
  });
});
