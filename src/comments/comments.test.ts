import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { form, postComment, signInReader, solvedProof } from '../../test/support/readers.ts';
import { type Cursor, listThreads } from './comment-repository.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

forEachDatabase('comments', (database) => {
  let t: TestApp;
  let section: { id: number; slug: string };
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { POW_MAX_NUMBER: '2000' } });
    section = await createSection(t.database.db);
  });
  after(async () => t?.close());

  const db = () => t.database.db;
  const count = async (table: 'comments' | 'comment_likes' | 'comment_reports') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A reader whose first comment was already approved, so the "first comment" rule no longer holds them. */
  const trustedReader = (articleId: number) => signInReader(t.app, { approvedOn: articleId });

  it('posts a comment that appears on the cached article page at once; the page holds nothing personal', async () => {
    const article = await createArticle(db(), { section });
    const path = `/${section.slug}/${article.slug}`;
    const first = await t.app.inject({ method: 'GET', url: path });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Écrire un commentaire/);
    const reader = await trustedReader(article.id);
    const res = await postComment(t.app, reader, article.id, { body: 'Très juste analyse.\n\nLes chiffres <b>gras</b> le montrent.' });
    assert.equal(res.statusCode, 303, res.body);
    assert.doesNotMatch(String(res.headers.location), /attente/);
    const id = Number(/#commentaire-(\d+)$/.exec(String(res.headers.location))?.[1]);
    assert.ok(id);
    const page = await t.app.inject({ method: 'GET', url: path, headers: { cookie: reader.cookie } });
    assert.match(page.body, new RegExp(`id="commentaire-${id}"`));
    assert.match(page.body, /&#60;b&#62;gras&#60;\/b&#62;/);
    // The count follows the comments posted through the operations (the fixture's old one was inserted directly).
    assert.match(page.body, /<a href="#commentaires">1 commentaire<\/a>/);
    assert.doesNotMatch(page.body, new RegExp(reader.email));
    assert.doesNotMatch(page.body, /_csrf/);
    assert.match(String(page.headers['cache-control']), /^public/);
    const state = await t.app.inject({
      method: 'GET',
      url: `/commentaires/etat?article=${article.id}`,
      headers: { cookie: reader.cookie },
    });
    assert.equal(state.headers['cache-control'], 'private, no-store');
    assert.equal(state.json().signedIn, true);
    const permalink = await t.app.inject({ method: 'GET', url: `/commentaire/${id}` });
    assert.equal(permalink.statusCode, 200);
    assert.match(permalink.body, /Très juste analyse/);
  });

  it('replies one level deep, likes once, reports once, edits within 10 minutes, deletes its own', async () => {
    const article = await createArticle(db(), { section });
    const author = await trustedReader(article.id);
    const other = await trustedReader(article.id);
    const top = await postComment(t.app, author, article.id, { body: 'Premier avis argumenté sur le sujet.' });
    const topId = Number(/#commentaire-(\d+)$/.exec(String(top.headers.location))?.[1]);
    const reply = await postComment(t.app, other, article.id, { body: 'Je ne suis pas d’accord, voici pourquoi.', parent: topId });
    assert.equal(reply.statusCode, 303);
    const replyId = Number(/#commentaire-(\d+)$/.exec(String(reply.headers.location))?.[1]);
    const nested = await postComment(t.app, author, article.id, { body: 'Réponse à la réponse.', parent: replyId });
    assert.equal(nested.statusCode, 422);
    assert.match(nested.body, /pas aux réponses/);

    const like = () =>
      t.app.inject({
        method: 'POST',
        url: `/commentaires/${topId}/apprecier`,
        headers: { ...FORM, cookie: other.cookie, accept: 'application/json' },
        payload: form({ _csrf: other.csrfToken }),
      });
    assert.deepEqual((await like()).json(), { liked: true, likes: 1 });
    assert.deepEqual((await like()).json(), { liked: false, likes: 1 });

    const report = () =>
      t.app.inject({
        method: 'POST',
        url: `/commentaires/${topId}/signaler`,
        headers: { ...FORM, cookie: other.cookie },
        payload: form({ _csrf: other.csrfToken, reason: 'hors-sujet', text: '' }),
      });
    assert.equal((await report()).statusCode, 200);
    assert.equal((await report()).statusCode, 409);

    const edit = await t.app.inject({
      method: 'POST',
      url: `/commentaires/${topId}/modifier`,
      headers: { ...FORM, cookie: author.cookie },
      payload: form({ _csrf: author.csrfToken, body: 'Premier avis, corrigé.' }),
    });
    assert.equal(edit.statusCode, 303);
    const page = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.match(page.body, /Premier avis, corrigé\./);
    assert.match(page.body, /\(modifié\)/);
    // Someone else's comment: as if it did not exist.
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/commentaires/${topId}/modifier`,
      headers: { ...FORM, cookie: other.cookie },
      payload: form({ _csrf: other.csrfToken, body: 'Piraté' }),
    });
    assert.equal(foreign.statusCode, 404);
    await db()
      .updateTable('comments')
      .set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('id', '=', topId)
      .execute();
    const late = await t.app.inject({
      method: 'POST',
      url: `/commentaires/${topId}/modifier`,
      headers: { ...FORM, cookie: author.cookie },
      payload: form({ _csrf: author.csrfToken, body: 'Trop tard' }),
    });
    assert.equal(late.statusCode, 403);
    const del = await t.app.inject({
      method: 'POST',
      url: `/commentaires/${replyId}/supprimer`,
      headers: { ...FORM, cookie: other.cookie },
      payload: form({ _csrf: other.csrfToken }),
    });
    assert.equal(del.statusCode, 303);
    const after = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.doesNotMatch(after.body, /voici pourquoi/);
  });

  it('bad input: a French error, the right status, nothing stored', async () => {
    const article = await createArticle(db(), { section });
    const reader = await trustedReader(article.id);
    const unpublished = await createArticle(db(), { section, status: 'draft', published_at: null });
    const closed = await createArticle(db(), { section, comments_setting: 'closed' });
    const before = await count('comments');
    const cases: [{ body: string; parent?: number }, number, RegExp, number?][] = [
      [{ body: '' }, 422, /Écrivez votre commentaire/],
      [{ body: 'x'.repeat(100_000) }, 413, /trop long/],
      [{ body: 'Texte \u0007 avec contrôle' }, 422, /caractères de contrôle/],
      [{ body: 'Texte \u202e inversé' }, 422, /sens d’écriture/],
      [{ body: 'Texte \ufffd illisible' }, 422, /encodage invalide/],
      [{ body: 'Espèce de connard.' }, 422, /mots que nos règles/],
      [{ body: 'Réponse à rien', parent: 999999 }, 422, /commentaire visible/],
      [{ body: 'Sur un brouillon' }, 404, /pas publié/, unpublished.id],
      [{ body: 'Sur un article fermé' }, 403, /fermés/, closed.id],
    ];
    for (const [fields, status, message, articleId] of cases) {
      const res = await postComment(t.app, reader, articleId ?? article.id, fields);
      assert.equal(res.statusCode, status, JSON.stringify(fields).slice(0, 60));
      assert.match(res.body, message);
    }
    const raw = await t.app.inject({
      method: 'POST',
      url: `/commentaires/${article.id}`,
      headers: { ...FORM, cookie: reader.cookie },
      payload: `_csrf=${encodeURIComponent(reader.csrfToken)}&body=%C3%28%C3%28invalide`,
    });
    assert.equal(raw.statusCode, 422);
    assert.equal(await count('comments'), before);
  });

  it('CSRF is refused on every comment action; a banned or suspended reader cannot post, like, report or edit', async () => {
    const article = await createArticle(db(), { section });
    const author = await trustedReader(article.id);
    const res = await postComment(t.app, author, article.id, { body: 'Un avis tout à fait correct.' });
    const id = Number(/#commentaire-(\d+)$/.exec(String(res.headers.location))?.[1]);
    const actions = [
      `/commentaires/${article.id}`,
      `/commentaires/${id}/modifier`,
      `/commentaires/${id}/supprimer`,
      `/commentaires/${id}/apprecier`,
      `/commentaires/${id}/signaler`,
      `/commentaires/${id}/contester`,
    ];
    for (const url of actions) {
      const noToken = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie: author.cookie },
        payload: form({ body: 'x', reason: 'spam' }),
      });
      assert.equal(noToken.statusCode, 403, url);
      const crossSite = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie: author.cookie, 'sec-fetch-site': 'cross-site' },
        payload: form({ _csrf: author.csrfToken, body: 'x' }),
      });
      assert.equal(crossSite.statusCode, 403, url);
    }
    const banned = await trustedReader(article.id);
    await db().updateTable('readers').set({ status: 'banned' }).where('id', '=', banned.id).execute();
    const suspended = await trustedReader(article.id);
    await db()
      .updateTable('readers')
      .set({ status: 'suspended', suspended_until: new Date(Date.now() + 86_400_000).toISOString() })
      .where('id', '=', suspended.id)
      .execute();
    const before = [await count('comments'), await count('comment_likes'), await count('comment_reports')];
    for (const reader of [banned, suspended]) {
      for (const [url, fields] of [
        [`/commentaires/${article.id}`, { body: 'Je reviens.', altcha: await solvedProof(t.app) }],
        [`/commentaires/${id}`, { body: 'Je reviens.', parent: String(id) }],
        [`/commentaires/${id}/apprecier`, {}],
        [`/commentaires/${id}/signaler`, { reason: 'spam' }],
      ] as const) {
        const r = await t.app.inject({
          method: 'POST',
          url,
          headers: { ...FORM, cookie: reader.cookie, accept: 'application/json' },
          payload: form({ _csrf: reader.csrfToken, ...fields }),
        });
        assert.equal(r.statusCode, 403, `${url} ${reader.name}`);
      }
      const own = await db().selectFrom('comments').select('id').where('reader_id', '=', reader.id).executeTakeFirstOrThrow();
      const edit = await t.app.inject({
        method: 'POST',
        url: `/commentaires/${own.id}/modifier`,
        headers: { ...FORM, cookie: reader.cookie },
        payload: form({ _csrf: reader.csrfToken, body: 'Modifié' }),
      });
      assert.equal(edit.statusCode, 403);
    }
    assert.deepEqual([await count('comments'), await count('comment_likes'), await count('comment_reports')], before);
  });

  it('a first comment, a link or a suspect word waits for moderation; the reader sees it in "Mes commentaires"', async () => {
    const article = await createArticle(db(), { section });
    const newcomer = await signInReader(t.app);
    const res = await postComment(t.app, newcomer, article.id, { body: 'Bonjour, je découvre ce site.' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/lecteurs\/commentaires\?ok=attente#commentaire-\d+$/);
    const row = await db()
      .selectFrom('comments')
      .select(['status', 'rules'])
      .where('reader_id', '=', newcomer.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.match(row.rules, /premier-commentaire/);
    const mine = await t.app.inject({ method: 'GET', url: '/lecteurs/commentaires', headers: { cookie: newcomer.cookie } });
    assert.match(mine.body, /En attente de modération/);
    const page = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.doesNotMatch(page.body, /je découvre ce site/);
  });

  it('keyset pagination stays right and fast with 5,000 comments', async () => {
    const article = await createArticle(db(), { section });
    const reader = await signInReader(t.app);
    const start = Date.now() - 5000 * 1000;
    for (let i = 0; i < 5000; i += 500) {
      await db()
        .insertInto('comments')
        .values(
          Array.from({ length: 500 }, (_, j) => ({
            article_id: article.id,
            reader_id: reader.id,
            parent_id: null,
            body: `Commentaire numéro ${i + j}.`,
            status: 'visible' as const,
            created_at: new Date(start + (i + j) * 1000).toISOString(),
            edited_at: null,
            like_count: (i + j) % 17,
            spam_score: null,
            decided_at: null,
            decided_by_user_id: null,
            contested_at: null,
          })),
        )
        .execute();
    }
    const seen = new Set<string>();
    let url: string | undefined = `/commentaires/article/${article.id}?tri=anciens`;
    let pages = 0;
    while (url && pages < 260) {
      const res: { statusCode: number; body: string } = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200);
      for (const m of res.body.matchAll(/Commentaire numéro (\d+)\./g)) seen.add(m[1]);
      url = /<a href="(\/commentaires\/article\/[^"]+)">Commentaires suivants/.exec(res.body)?.[1]?.replaceAll('&amp;', '&');
      pages += 1;
    }
    assert.equal(pages, 250);
    assert.equal(seen.size, 5000);
    // The deepest page costs what the first does (keyset, not OFFSET): timed on the query itself.
    const time = async (after: Cursor | null) => {
      const started = performance.now();
      for (let i = 0; i < 20; i++) await listThreads(db(), article.id, 'anciens', after);
      return (performance.now() - started) / 20;
    };
    const firstPage = await time(null);
    const deepPage = await time({ createdAt: new Date(start + 4980 * 1000).toISOString(), likes: 0, id: 2 ** 31 - 1 });
    assert.ok(deepPage < Math.max(5 * firstPage, 20), `première page ${firstPage.toFixed(1)} ms, page profonde ${deepPage.toFixed(1)} ms`);
    const liked = await t.app.inject({ method: 'GET', url: `/commentaires/article/${article.id}?tri=apprecies` });
    assert.match(liked.body, /aria-current="page">Les plus appréciés/);
  });
});
