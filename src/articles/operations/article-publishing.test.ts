import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { raceSecondProcess } from '../../../test/support/job-race.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { AppError } from '../../core/http/app-error.ts';
import { jobRunnerOf } from '../../core/jobs/job-runner.ts';
import { createArticle, publishArticle, returnToDraft, scheduleArticle, unpublishArticle, updateArticle } from './index.ts';
import { actorFor, newsroom } from './operations-test-fixture.ts';
import { publishJobKey } from './workflow.ts';

// What readers see after the newsroom acts: pages cached before a change show it on the next
// request (exact invalidation), renamed articles redirect, withdrawn ones answer 410, and
// scheduled ones go live through the durable job runner, once, even with two processes.

forEachDatabase('article publishing on the public site', (database) => {
  let testApp: TestApp;
  let ctx: AppContext;
  before(async () => {
    testApp = await createTestApp({ dialect: database.label });
    ctx = testApp.app.kiosque;
    await createSettings(ctx.db);
  });
  after(() => testApp.close());

  const get = (url: string) => testApp.app.inject({ method: 'GET', url });
  const row = (id: number) => ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a published article appears at once on its section, tag, author and home pages that were cached', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const headline = 'Vladivostok accueille le sommet';
    const { id } = await createArticle(ctx, editor, n.input({ headline, tags: ['Sommet de Vladivostok'] }));
    const pages = [`/${n.section.slug}`, `/auteur/${n.author.slug}`, `/sujet/sommet-de-vladivostok`, '/'];
    for (const url of pages) {
      const first = await get(url);
      assert.equal(first.statusCode, 200, url);
      assert.ok(!first.body.includes(headline), url);
    }
    await publishArticle(ctx, editor, id);
    for (const url of pages) {
      const fresh = await get(url);
      assert.equal(fresh.statusCode, 200, url);
      assert.ok(fresh.body.includes(headline), `${url} montre l’article publié`);
    }
    const { path } = await publicPath(id);
    assert.equal((await get(path)).statusCode, 200);
  });

  it('an update of a published article shows "Mis à jour" and its new text right away', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, editor, n.input({ lead: 'Premier chapô.' }));
    await publishArticle(ctx, editor, id);
    const { path } = await publicPath(id);
    const before = await get(path);
    assert.ok(before.body.includes('Premier chapô.'));
    assert.ok(!before.body.includes('Mis à jour'));
    const r = await row(id);
    await updateArticle(
      ctx,
      editor,
      id,
      r.revision,
      n.input({ headline: r.headline, lead: 'Chapô corrigé.', corrections: [{ text: 'Une date était fausse.' }] }),
    );
    const page = await get(path);
    assert.ok(page.body.includes('Chapô corrigé.'));
    assert.match(page.body, /Mis à jour le <time/);
    assert.ok(page.body.includes('Une date était fausse.'));
    assert.ok((await row(id)).updated_at);
  });

  it('a renamed published article keeps its old address answering 301', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, editor, n.input({ slug: 'ancien-nom-du-sommet' }));
    await publishArticle(ctx, editor, id);
    const oldPath = `/${n.section.slug}/ancien-nom-du-sommet`;
    assert.equal((await get(oldPath)).statusCode, 200);
    const r = await row(id);
    await updateArticle(ctx, editor, id, r.revision, n.input({ headline: r.headline, slug: 'nouveau-nom-du-sommet' }));
    const moved = await get(oldPath);
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `/${n.section.slug}/nouveau-nom-du-sommet`);
    assert.equal((await get(`/${n.section.slug}/nouveau-nom-du-sommet`)).statusCode, 200);

    // Renaming back: the article takes its first address again, the other one now redirects.
    const r2 = await row(id);
    await updateArticle(ctx, editor, id, r2.revision, n.input({ headline: r.headline, slug: 'ancien-nom-du-sommet' }));
    assert.equal((await get(oldPath)).statusCode, 200);
    assert.equal((await get(`/${n.section.slug}/nouveau-nom-du-sommet`)).statusCode, 301);
    // Another article cannot take an address kept for this one.
    await assert.rejects(
      createArticle(ctx, editor, n.input({ slug: 'nouveau-nom-du-sommet' })),
      (e: AppError) => e.code === 'validation_failed',
    );
  });

  it('a withdrawn article answers 410 and leaves its section page', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const headline = 'Un article bientôt retiré';
    const { id } = await createArticle(ctx, editor, n.input({ headline }));
    await publishArticle(ctx, editor, id);
    const { path } = await publicPath(id);
    assert.equal((await get(path)).statusCode, 200);
    assert.ok((await get(`/${n.section.slug}`)).body.includes(headline));
    const writer = await actorFor(ctx.db, 'journaliste');
    await assert.rejects(unpublishArticle(ctx, writer, id), (e: AppError) => e.code === 'forbidden');
    await unpublishArticle(ctx, editor, id);
    assert.equal((await get(path)).statusCode, 410);
    assert.ok(!(await get(`/${n.section.slug}`)).body.includes(headline));
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['article.publish', 'article.unpublish'],
    );
  });

  it('a scheduled article goes live at its time through the job runner, once', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const headline = 'Publication programmée';
    const { id } = await createArticle(ctx, editor, n.input({ headline }));
    await assert.rejects(
      scheduleArticle(ctx, editor, id, new Date(Date.now() - 60_000).toISOString()),
      (e: AppError) => e.code === 'validation_failed',
    );
    const contributor = await actorFor(ctx.db, 'contributeur');
    await assert.rejects(
      scheduleArticle(ctx, contributor, id, new Date(Date.now() + 60_000).toISOString()),
      (e: AppError) => e.code === 'forbidden',
    );

    const at = new Date(Date.now() + 3600_000).toISOString();
    await scheduleArticle(ctx, editor, id, at);
    const scheduled = await row(id);
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.published_at, at);
    const job = await ctx.db.selectFrom('jobs').selectAll().where('unique_key', '=', publishJobKey(id)).executeTakeFirstOrThrow();
    assert.equal(job.run_at, at);
    assert.equal(job.status, 'pending');
    const path = `/${n.section.slug}/${scheduled.slug}`;
    assert.equal((await get(path)).statusCode, 404, 'not public before its time');
    assert.ok(!(await get(`/${n.section.slug}`)).body.includes(headline));

    // Its time comes (moved to the past rather than waiting an hour).
    const due = new Date(Date.now() - 1000).toISOString();
    await ctx.db.updateTable('articles').set({ published_at: due }).where('id', '=', id).execute();
    await ctx.db.updateTable('jobs').set({ run_at: due }).where('id', '=', job.id).execute();
    await jobRunnerOf(ctx)!.runDue();
    const live = await row(id);
    assert.equal(live.status, 'published');
    assert.equal(live.published_at, due, 'keeps its scheduled time');
    assert.equal((await get(path)).statusCode, 200);
    assert.ok((await get(`/${n.section.slug}`)).body.includes(headline), 'the cached section page was dropped');

    // The same job run again (a retry, another process) publishes nothing twice.
    await ctx.db.updateTable('jobs').set({ status: 'pending', run_at: due }).where('id', '=', job.id).execute();
    await jobRunnerOf(ctx)!.runDue();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('subject_id', '=', String(id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_label]),
      [
        ['article.schedule', editor.name],
        ['article.publish', 'Système'],
      ],
    );
  });

  it('rescheduling moves the job; taking a piece back cancels it', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, editor, n.input());
    await scheduleArticle(ctx, editor, id, new Date(Date.now() + 3600_000).toISOString());
    const later = new Date(Date.now() + 7200_000).toISOString();
    await scheduleArticle(ctx, editor, id, later);
    const jobs = await ctx.db.selectFrom('jobs').select(['run_at', 'status']).where('unique_key', '=', publishJobKey(id)).execute();
    assert.deepEqual(
      jobs.map((j) => [j.run_at, j.status]),
      [[later, 'pending']],
    );
    await returnToDraft(ctx, editor, id);
    assert.equal((await row(id)).status, 'draft');
    assert.equal((await row(id)).published_at, null);
    assert.equal((await ctx.db.selectFrom('jobs').select('id').where('unique_key', '=', publishJobKey(id)).execute()).length, 0);
  });

  it('two server processes on one database publish each scheduled article once', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { id } = await createArticle(ctx, editor, n.input());
      await scheduleArticle(ctx, editor, id, new Date(Date.now() + 3600_000).toISOString());
      ids.push(id);
    }
    await raceSecondProcess({
      kind: 'due-jobs',
      database: testApp.database,
      ready: async () => {
        const due = new Date(Date.now() - 1000).toISOString();
        await ctx.db.updateTable('articles').set({ published_at: due }).where('id', 'in', ids).execute();
        await ctx.db.updateTable('jobs').set({ run_at: due }).where('unique_key', 'in', ids.map(publishJobKey)).execute();
      },
      race: () => jobRunnerOf(ctx)!.runDue(),
    });
    const jobRows = await ctx.db
      .selectFrom('jobs')
      .select(['unique_key', 'status', 'attempts', 'last_error'])
      .where('unique_key', 'in', ids.map(publishJobKey))
      .execute();
    for (const id of ids) {
      assert.equal((await row(id)).status, 'published', JSON.stringify(jobRows));
      const publishes = await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('subject_id', '=', String(id))
        .where('action', '=', 'article.publish')
        .execute();
      assert.equal(publishes.length, 1, `article ${id} publié une seule fois`);
    }
    const jobs = await ctx.db.selectFrom('jobs').select('status').where('unique_key', 'in', ids.map(publishJobKey)).execute();
    assert.ok(jobs.every((j) => j.status === 'done'));
  });

  async function publicPath(id: number): Promise<{ path: string }> {
    const r = await ctx.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section'])
      .where('articles.id', '=', id)
      .executeTakeFirstOrThrow();
    return { path: `/${r.section}/${r.slug}` };
  }
});
