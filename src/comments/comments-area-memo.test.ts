import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { testDatabaseConfig } from '../../test/support/query-plans.ts';
import type { DatabaseHandle } from '../core/db/database.ts';
import { createArticle, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { countingHandle, type StatementLog } from '../../test/support/query-count.ts';
import { form, postComment, postedId, signInReader, type SignedInReader } from '../../test/support/readers.ts';

// The article page keeps its comments area (what was read and its HTML) in the fragments memo,
// under the article's comments tag. With the page cache off every request renders, so each change
// below must show on the very next render, and a render with nothing changed reads no comment.

forEachDatabase('comments area kept between renders', (engine) => {
  let database: TestDatabaseHandle;
  let counted: DatabaseHandle;
  let log: StatementLog;
  let app: FastifyInstance;
  before(async () => {
    database = await engine.open();
    await createSettings(database.db);
    ({ handle: counted, log } = countingHandle(database));
    app = await buildApp({ config: testDatabaseConfig(database, { PAGE_CACHE: '0', POW_MAX_NUMBER: '200' }), database: counted });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await counted?.close();
    await database?.close();
  });

  const readsComments = (statements: string[]) => statements.filter((s) => /"(comments|comment_threads|imported_comments)"/.test(s));
  const post = (reader: SignedInReader, path: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: reader.cookie },
      payload: form({ _csrf: reader.csrfToken, ...fields }),
    });

  it('a second render reads no comment; a post, a like, a new name and the settings show on the next one', async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section, published_at: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const path = `/${section.slug}/${article.slug}`;
    const page = async () => {
      const res = await app.inject(path);
      assert.equal(res.statusCode, 200, res.body);
      return res.body;
    };
    const alice = await signInReader(app, { approvedOn: article.id });
    const first = await postComment(
      app,
      alice,
      article.id,
      { body: 'Un premier avis, mesuré et argumenté.' },
      { remoteAddress: '192.0.2.61' },
    );
    assert.equal(first.statusCode, 303, first.body);

    assert.match(await page(), /Un premier avis, mesuré et argumenté\./);
    const again = await log.during(page);
    assert.match(again.result, /Un premier avis, mesuré et argumenté\./);
    assert.deepEqual(readsComments(again.statements), [], 'rendered again with nothing changed: no comment read');

    // Another reader posts: the area and its count are read again.
    const bob = await signInReader(app, { approvedOn: article.id });
    const second = await postComment(
      app,
      bob,
      article.id,
      { body: 'Un second avis, qui nuance le premier.' },
      { remoteAddress: '192.0.2.62' },
    );
    assert.equal(second.statusCode, 303, second.body);
    const withSecond = await page();
    assert.match(withSecond, /Un second avis, qui nuance le premier\./);
    assert.match(withSecond, /comments__count">\(2\)/);

    // A like changes the count shown under the comment.
    const liked = await post(bob, `/commentaires/${postedId(first)}/apprecier`, {});
    assert.equal(liked.statusCode, 303, liked.body);
    assert.match(await page(), /1 lecteur apprécie|data-like-count>1</);

    // The reader takes another name: their comments show it.
    const renamed = await post(alice, '/lecteurs/profil/nom', { name: 'Alice Nouveau-Nom', bio: '' });
    assert.equal(renamed.statusCode, 303, renamed.body);
    const withName = await page();
    assert.match(withName, /Alice Nouveau-Nom/);
    assert.doesNotMatch(withName, new RegExp(alice.name));

    // The site's settings: comments closed after a day (the article is older), then suspended.
    await database.db.updateTable('settings').set({ comments_close_after_days: 1 }).execute();
    app.kiosque.pageCache.invalidate(['site']);
    const closed = await page();
    assert.match(closed, /Les commentaires sont fermés pour cet article\./);
    assert.match(closed, /Un second avis, qui nuance le premier\./);
    await database.db
      .updateTable('settings')
      .set({ comments_close_after_days: 0, comments_mode: 'suspended', comments_notice: 'Pause estivale.' })
      .execute();
    app.kiosque.pageCache.invalidate(['site']);
    const suspended = await page();
    assert.match(suspended, /Pause estivale\./);
    assert.doesNotMatch(suspended, /Un second avis/);
    await database.db.updateTable('settings').set({ comments_mode: 'open', comments_notice: '' }).execute();
    app.kiosque.pageCache.invalidate(['site']);
    assert.match(await page(), /Un second avis, qui nuance le premier\./);
  });

  it('an article closing with time is closed on the next render, its comments kept', async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section });
    const reader = await signInReader(app, { approvedOn: article.id });
    const res = await postComment(app, reader, article.id, { body: 'Juste avant la fermeture.' }, { remoteAddress: '192.0.2.63' });
    assert.equal(res.statusCode, 303, res.body);
    // Open for a day, and a day old in three seconds (set after posting, however slow the machine).
    const closesAt = Date.now() + 3_000;
    await database.db
      .updateTable('articles')
      .set({ published_at: new Date(closesAt - 86_400_000).toISOString() })
      .where('id', '=', article.id)
      .execute();
    await database.db.updateTable('settings').set({ comments_close_after_days: 1 }).execute();
    app.kiosque.pageCache.invalidate(['site', `article:${article.id}`]);
    try {
      const path = `/${section.slug}/${article.slug}`;
      const open = (await app.inject(path)).body;
      if (Date.now() < closesAt) assert.match(open, /Écrire un commentaire/);
      // Past that time, with no change to its comments or to the settings.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now()) + 200));
      const closed = (await app.inject(path)).body;
      assert.match(closed, /Les commentaires sont fermés pour cet article\./);
      assert.doesNotMatch(closed, /Écrire un commentaire/);
      assert.match(closed, /Juste avant la fermeture\./);
    } finally {
      await database.db.updateTable('settings').set({ comments_close_after_days: 0 }).execute();
      app.kiosque.pageCache.invalidate(['site']);
    }
  });
});
