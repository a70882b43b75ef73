import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import {
  createArticle,
  deleteArticle,
  getArticleForEdit,
  getRevision,
  listRevisions,
  markReady,
  publishArticle,
  restoreRevision,
  returnToDraft,
  submitArticle,
  updateArticle,
} from './index.ts';
import { createPreviewLink, findArticleByPreviewToken } from './preview-link.ts';
import { actorFor, newsroom } from './operations-test-fixture.ts';

/** Asserts that the promise fails with an AppError of that code; returns it. */
async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `AppError attendu, reçu ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`une erreur « ${code} » était attendue`);
}

forEachDatabase('article operations', (database) => {
  let testApp: TestApp;
  let ctx: AppContext;
  before(async () => {
    testApp = await createTestApp({ dialect: database.label });
    ctx = testApp.app.kiosque;
  });
  after(() => testApp.close());

  const row = (id: number) => ctx.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a contributor writes and submits, signed by their profile, and cannot publish', async () => {
    const n = await newsroom(ctx.db);
    const contributor = await actorFor(ctx.db, 'contributeur');
    const { id, revision } = await createArticle(ctx, contributor, n.input({ authorPersonIds: undefined }));
    assert.equal(revision, 1);
    const edit = await getArticleForEdit(ctx.db, contributor, id);
    assert.equal(edit.status, 'draft');
    assert.deepEqual(edit.input.authorPersonIds, [contributor.personId]);
    assert.equal(edit.may.edit, true);
    assert.equal(edit.may.publish, false);

    await rejectsWith(publishArticle(ctx, contributor, id), 'forbidden');
    await rejectsWith(markReady(ctx, contributor, id), 'forbidden');
    await rejectsWith(deleteArticle(ctx, contributor, id), 'forbidden');
    await submitArticle(ctx, contributor, id);
    const submitted = await row(id);
    assert.equal(submitted.status, 'submitted');
    assert.ok(submitted.submitted_at);
    await rejectsWith(submitArticle(ctx, contributor, id), 'conflict');

    // Once an editor has taken it, it is no longer the writer's to change.
    const editor = await actorFor(ctx.db, 'editeur');
    await markReady(ctx, editor, id);
    await rejectsWith(updateArticle(ctx, contributor, id, 1, n.input()), 'forbidden');
    assert.equal((await getArticleForEdit(ctx.db, contributor, id)).may.edit, false);
  });

  it('a journalist edits own and shared pieces only; an editor edits any', async () => {
    const n = await newsroom(ctx.db);
    const owner = await actorFor(ctx.db, 'journaliste');
    const colleague = await actorFor(ctx.db, 'journaliste');
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, owner, n.input({ headline: 'Le brouillon de quelqu’un' }));

    await rejectsWith(updateArticle(ctx, colleague, id, 1, n.input()), 'forbidden');
    await rejectsWith(getArticleForEdit(ctx.db, colleague, id), 'forbidden');
    await rejectsWith(submitArticle(ctx, colleague, id), 'forbidden');
    assert.equal((await row(id)).revision, 1);

    await ctx.db.insertInto('article_shares').values({ article_id: id, user_id: colleague.userId! }).execute();
    const shared = await updateArticle(ctx, colleague, id, 1, n.input({ headline: 'Repris par un collègue' }));
    assert.equal(shared.revision, 2);

    const byEditor = await updateArticle(ctx, editor, id, 2, n.input({ headline: 'Relu par l’éditrice' }));
    assert.equal(byEditor.revision, 3);
    const stored = await row(id);
    assert.equal(stored.headline, 'Relu par l’éditrice');
    assert.equal(stored.edited_by_user_id, editor.userId);
  });

  it('refuses bad input in French, field by field, and stores nothing', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const before = await ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const unknown = await rejectsWith(createArticle(ctx, editor, { ...n.input(), status: 'published' } as never), 'validation_failed');
    assert.match(unknown.message, /Champ inconnu : status/);
    const long = await rejectsWith(
      createArticle(ctx, editor, n.input({ headline: 'x'.repeat(201), seoTitle: 'y'.repeat(71), slug: 'Pas Valide' })),
      'validation_failed',
    );
    const paths = (long.details as { path: string }[]).map((d) => d.path);
    assert.deepEqual(paths.sort(), ['headline', 'seoTitle', 'slug']);
    assert.match(long.message, /200 caractères au plus/);
    const pepite = await rejectsWith(
      createArticle(ctx, editor, n.input({ format: 'pepite', source: { outlet: '', url: 'ftp://exemple.fr' } })),
      'validation_failed',
    );
    assert.deepEqual((pepite.details as { path: string }[]).map((d) => d.path).sort(), ['source.outlet', 'source.url']);
    await rejectsWith(
      createArticle(ctx, editor, n.input({ tags: Array.from({ length: 13 }, (_, i) => `Sujet ${i}`) })),
      'validation_failed',
    );
    await rejectsWith(
      createArticle(ctx, editor, n.input({ body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } })),
      'validation_failed',
    );
    await rejectsWith(createArticle(ctx, editor, n.input({ sectionId: 999_999 })), 'validation_failed');

    const afterCount = await ctx.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('a stale save is refused (409, who and when) and changes nothing', async () => {
    const n = await newsroom(ctx.db);
    const alice = await actorFor(ctx.db, 'editeur');
    const bruno = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, alice, n.input({ headline: 'Version de départ' }));
    await updateArticle(ctx, alice, id, 1, n.input({ headline: 'Version d’Alice', tags: ['Alice'] }));

    const error = await rejectsWith(
      updateArticle(ctx, bruno, id, 1, n.input({ headline: 'Version de Bruno', tags: ['Bruno'] })),
      'conflict',
    );
    assert.equal(error.status, 409);
    const details = error.details as { currentRevision: number; editedBy: string; editedAt: string };
    assert.equal(details.currentRevision, 2);
    assert.equal(details.editedBy, alice.name);
    assert.ok(details.editedAt);
    assert.match(error.message, new RegExp(`modifié par ${alice.name}`));

    const stored = await row(id);
    assert.equal(stored.headline, 'Version d’Alice');
    assert.equal(stored.revision, 2);
    assert.equal((await listRevisions(ctx.db, id)).length, 2);
    const edit = await getArticleForEdit(ctx.db, alice, id);
    assert.deepEqual(edit.input.tags, ['Alice']);
  });

  it('keeps every revision with who and when, and restores one as a new revision', async () => {
    const n = await newsroom(ctx.db);
    const writer = await actorFor(ctx.db, 'journaliste');
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, writer, n.input({ headline: 'Premier jet', lead: 'Chapô d’origine.' }));
    await updateArticle(ctx, editor, id, 1, n.input({ headline: 'Titre retravaillé', lead: 'Chapô réécrit.', tags: ['Autre'] }));

    const revisions = await listRevisions(ctx.db, id);
    assert.deepEqual(
      revisions.map((r) => [r.revision, r.userName]),
      [
        [2, editor.name],
        [1, writer.name],
      ],
    );
    const first = await getRevision(ctx.db, id, 1);
    assert.equal(first.snapshot.headline, 'Premier jet');

    const restored = await restoreRevision(ctx, editor, id, 1);
    assert.equal(restored.revision, 3);
    const third = await getRevision(ctx.db, id, 3);
    const { slug: _a, ...oldContent } = first.snapshot;
    const { slug: _b, ...newContent } = third.snapshot;
    assert.deepEqual(newContent, oldContent);
    assert.equal((await row(id)).lead, 'Chapô d’origine.');
    await rejectsWith(getRevision(ctx.db, id, 99), 'not_found');
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(id)).execute();
    assert.ok(audit.some((a) => a.action === 'article.restore-revision'));
  });

  it('reuses tags by name and appends corrections without losing earlier ones', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const { id: first } = await createArticle(ctx, editor, n.input({ tags: ['Élection présidentielle'] }));
    const { id: second, revision } = await createArticle(ctx, editor, n.input({ tags: ['election presidentielle', 'Budget'] }));
    const tagOf = (articleId: number) =>
      ctx.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).orderBy('position').execute();
    assert.equal((await tagOf(first))[0].tag_id, (await tagOf(second))[0].tag_id, 'same slug, same tag');

    await updateArticle(ctx, editor, second, revision, n.input({ corrections: [{ text: 'Le sommet a eu lieu mardi, et non lundi.' }] }));
    // A later save that omits the corrections keeps them; a new one is appended with its date.
    const r3 = await updateArticle(ctx, editor, second, 2, n.input({ corrections: [] }));
    await updateArticle(
      ctx,
      editor,
      second,
      r3.revision,
      n.input({
        corrections: [
          { text: 'Le sommet a eu lieu mardi, et non lundi.' },
          { notedAt: '2026-11-20T10:00:00+01:00', text: 'Orthographe du nom corrigée.' },
        ],
      }),
    );
    const corrections = await ctx.db
      .selectFrom('corrections')
      .select(['noted_at', 'text'])
      .where('article_id', '=', second)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      corrections.map((c) => c.text),
      ['Le sommet a eu lieu mardi, et non lundi.', 'Orthographe du nom corrigée.'],
    );
    assert.equal(corrections[1].noted_at, '2026-11-20T09:00:00.000Z');
  });

  it('publishing lists everything still missing', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const { id } = await createArticle(ctx, editor, n.input({ heroImageId: null, authorPersonIds: [] }));
    const error = await rejectsWith(publishArticle(ctx, editor, id), 'validation_failed');
    assert.equal(error.status, 422);
    assert.match(error.message, /^Pour publier, il manque : au moins un auteur ; une image principale\.$/);
    assert.equal((await row(id)).status, 'draft');

    const { createImage } = await import('../../../test/support/content-factories.ts');
    const uncredited = await createImage(ctx.db, { credit: ' ', alt: '' });
    await updateArticle(ctx, editor, id, 1, n.input({ heroImageId: uncredited.id }));
    const again = await rejectsWith(publishArticle(ctx, editor, id), 'validation_failed');
    assert.deepEqual(
      (again.details as { path: string }[]).map((d) => d.path),
      ['heroImageId.credit', 'heroImageId.alt'],
    );

    await updateArticle(ctx, editor, id, 2, n.input());
    await publishArticle(ctx, editor, id);
    const published = await row(id);
    assert.equal(published.status, 'published');
    assert.ok(published.published_at && published.published_at <= new Date().toISOString());
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_id', '=', String(id)).execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_label]),
      [['article.publish', editor.name]],
    );
  });

  it('returns pieces to draft and deletes only what is not published', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const writer = await actorFor(ctx.db, 'journaliste');
    const { id } = await createArticle(ctx, writer, n.input());
    await submitArticle(ctx, writer, id);
    await returnToDraft(ctx, writer, id);
    assert.equal((await row(id)).status, 'draft');

    await publishArticle(ctx, editor, id);
    await rejectsWith(deleteArticle(ctx, editor, id), 'conflict');
    const { id: draft } = await createArticle(ctx, writer, n.input());
    await deleteArticle(ctx, editor, draft);
    assert.equal(await ctx.db.selectFrom('articles').select('id').where('id', '=', draft).executeTakeFirst(), undefined);
    assert.equal((await listRevisions(ctx.db, draft)).length, 0);
    await rejectsWith(deleteArticle(ctx, editor, draft), 'not_found');
  });

  it('makes a private preview link that opens the article in any state', async () => {
    const n = await newsroom(ctx.db);
    const editor = await actorFor(ctx.db, 'editeur');
    const writer = await actorFor(ctx.db, 'journaliste');
    const { id } = await createArticle(ctx, writer, n.input({ headline: 'Encore secret' }));
    await rejectsWith(createPreviewLink(ctx, writer, id), 'forbidden');
    const path = await createPreviewLink(ctx, editor, id);
    assert.match(path, /^\/apercu\/[A-Za-z0-9_-]{32}$/);
    const token = path.slice('/apercu/'.length);
    const stored = await row(id);
    assert.notEqual(stored.preview_token_hash, token, 'only a hash is stored');

    const preview = await findArticleByPreviewToken(ctx.db, token);
    assert.equal(preview?.status, 'draft');
    assert.equal(preview?.article.headline, 'Encore secret');
    assert.deepEqual(
      preview?.article.authors.map((a) => a.id),
      [n.author.id],
    );
    assert.equal(await findArticleByPreviewToken(ctx.db, 'x'.repeat(32)), null);
    assert.equal(await findArticleByPreviewToken(ctx.db, '../../etc'), null);
    // A new link revokes the previous one.
    await createPreviewLink(ctx, editor, id);
    assert.equal(await findArticleByPreviewToken(ctx.db, token), null);
  });
});
