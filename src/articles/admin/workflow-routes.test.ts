import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import type { AppContext } from '../../core/app-context.ts';
import { createArticle } from '../operations/index.ts';
import { newsroom } from '../operations/operations-test-fixture.ts';
import { enqueueMissingScheduleJobs } from '../operations/publish-scheduled-job.ts';
import { publishJobKey } from '../operations/workflow.ts';

forEachDatabase('workflow actions', (database) => {
  let testApp: TestApp;
  let ctx: AppContext;
  let editor: SignedIn;
  let contributor: SignedIn;
  let n: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    testApp = await createTestApp({ dialect: database.label });
    ctx = testApp.app.kiosque;
    await createSettings(ctx.db);
    n = await newsroom(ctx.db);
    editor = await signInAs(testApp.app, 'editeur');
    contributor = await signInAs(testApp.app, 'contributeur');
  });
  after(() => testApp.close());

  const post = (url: string, who: SignedIn, form: Record<string, string> = {}, csrf = true) =>
    testApp.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(csrf ? { _csrf: who.csrfToken } : {}), ...form }).toString(),
    });
  const status = async (id: number) =>
    (await ctx.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('refuses every action without a valid CSRF token, and changes nothing', async () => {
    const { id } = await createArticle(ctx, editor.actor, n.input());
    for (const action of ['soumettre', 'pret', 'publier', 'programmer', 'depublier', 'brouillon', 'supprimer']) {
      const missing = await post(`/admin/articles/${id}/${action}`, editor, { at: '2099-01-01T10:00' }, false);
      assert.equal(missing.statusCode, 403, action);
      const forged = await post(`/admin/articles/${id}/${action}`, editor, { _csrf: 'faux', at: '2099-01-01T10:00' }, false);
      assert.equal(forged.statusCode, 403, action);
    }
    assert.equal(await status(id), 'draft');
  });

  it('moves a piece through the newsroom and back to its screen with a notice', async () => {
    const { id } = await createArticle(ctx, contributor.actor, n.input({ authorPersonIds: undefined }));
    const submitted = await post(`/admin/articles/${id}/soumettre`, contributor);
    assert.equal(submitted.statusCode, 303);
    assert.equal(submitted.headers.location, `/admin/articles/${id}?notice=soumis`);
    assert.equal(await status(id), 'submitted');

    assert.equal((await post(`/admin/articles/${id}/publier`, contributor)).statusCode, 403);
    assert.equal(await status(id), 'submitted');

    assert.equal((await post(`/admin/articles/${id}/pret`, editor)).headers.location, `/admin/articles/${id}?notice=pret`);
    assert.equal((await post(`/admin/articles/${id}/publier`, editor)).headers.location, `/admin/articles/${id}?notice=publie`);
    assert.equal(await status(id), 'published');
    assert.equal((await post(`/admin/articles/${id}/depublier`, editor)).headers.location, `/admin/articles/${id}?notice=depublie`);
    assert.equal(await status(id), 'unpublished');
    assert.equal((await post(`/admin/articles/${id}/brouillon`, editor)).headers.location, `/admin/articles/${id}?notice=brouillon`);
    assert.equal((await post(`/admin/articles/${id}/supprimer`, editor)).headers.location, '/admin/articles?notice=supprime');
    const list = await testApp.app.inject({ url: '/admin/articles?notice=supprime', headers: { cookie: editor.cookie } });
    assert.match(list.body, /role="status"><p>Article supprimé\.<\/p>/);
  });

  it('explains in French what publishing still needs (422) and what a state forbids (409)', async () => {
    const { id } = await createArticle(ctx, editor.actor, n.input({ heroImageId: null, authorPersonIds: [] }));
    const refused = await post(`/admin/articles/${id}/publier`, editor);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<h1>Impossible de publier cet article<\/h1>/);
    assert.match(refused.body, /<li>au moins un auteur<\/li><li>une image principale<\/li>/);
    assert.match(refused.body, new RegExp(`href="/admin/articles/${id}">← Retour à l’article`));
    assert.equal(await status(id), 'draft');

    const again = await post(`/admin/articles/${id}/depublier`, editor);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Cet article est « brouillon » : impossible de le dépublier\./);
    assert.equal((await post('/admin/articles/99999999/publier', editor)).statusCode, 404);
    assert.equal((await post('/admin/articles/abc/publier', editor)).statusCode, 404);
  });

  it('schedules at a Paris time typed in the form, and refuses a bad or past one next to the field', async () => {
    const { id } = await createArticle(ctx, editor.actor, n.input());
    const scheduled = await post(`/admin/articles/${id}/programmer`, editor, { at: '2099-07-14T09:30' });
    assert.equal(scheduled.statusCode, 303);
    assert.equal(scheduled.headers.location, `/admin/articles/${id}?notice=programme`);
    const row = await ctx.db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.published_at], ['scheduled', '2099-07-14T07:30:00.000Z']);

    const bad = await post(`/admin/articles/${id}/programmer`, editor, { at: 'demain' });
    assert.equal(bad.statusCode, 422);
    assert.match(
      bad.body,
      /<input type="datetime-local" id="programmer-le" name="at" value="demain" required aria-invalid="true" aria-describedby="programmer-le-erreur">/,
    );
    assert.match(bad.body, /id="programmer-le-erreur">Date de publication : indiquez un jour et une heure/);
    const past = await post(`/admin/articles/${id}/programmer`, editor, { at: '2001-01-01T10:00' });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /elle doit être dans le futur/);
    const still = await ctx.db.selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(still.published_at, '2099-07-14T07:30:00.000Z');
  });

  it('gives a scheduled article that has no job one (demo edition, import)', async () => {
    const { id } = await createArticle(ctx, editor.actor, n.input());
    await ctx.db
      .updateTable('articles')
      .set({ status: 'scheduled', published_at: '2099-03-01T08:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    assert.ok((await enqueueMissingScheduleJobs(ctx.db)) >= 1);
    const job = await ctx.db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('unique_key', '=', publishJobKey(id))
      .executeTakeFirstOrThrow();
    assert.deepEqual([job.run_at, job.status], ['2099-03-01T08:00:00.000Z', 'pending']);
    assert.equal(await enqueueMissingScheduleJobs(ctx.db), 0);
  });
});
