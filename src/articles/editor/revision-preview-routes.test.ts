import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { signInAs, type SignedIn } from '../../../test/support/sign-in.ts';
import { draftBy, formFields, getAs, newsroom, postForm } from './editor-test-support.ts';

// Revisions (list, compare, restore) and previews (admin frame, page, private link) through the real app.

forEachDatabase('révisions et aperçus', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: database.label, pageCache: true });
    room = await newsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur', { name: 'Élise Relectrice' });
  });
  after(() => t?.close());

  const stored = (id: number) => t.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('revisions: listed with who and when, compared field by field, restored as a new revision', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, headline: 'Premier titre', lead: 'Chapô d’origine.' });
    const body = (text: string) =>
      JSON.stringify({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Paragraphe stable.' }] },
          { type: 'paragraph', content: [{ type: 'text', text }] },
        ],
      });
    assert.equal(
      (
        await postForm(
          t.app,
          editor,
          `/admin/articles/${id}`,
          formFields({
            sectionId: String(room.section.id),
            headline: 'Deuxième titre',
            lead: 'Chapô d’origine.',
            body: body('Le sommet a eu lieu mardi.'),
            revision: '1',
          }),
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await postForm(
          t.app,
          editor,
          `/admin/articles/${id}`,
          formFields({
            sectionId: String(room.section.id),
            headline: 'Troisième titre',
            lead: 'Chapô d’origine.',
            body: body('Le sommet a eu lieu mercredi.'),
            revision: '2',
          }),
        )
      ).statusCode,
      303,
    );

    const list = await getAs(t.app, editor, `/admin/articles/${id}/revisions`);
    assert.equal(list.statusCode, 200);
    for (const n of [1, 2, 3]) assert.match(list.body, new RegExp(`<tr><td>${n}</td>`));
    assert.match(list.body, /Élise Relectrice/);
    assert.match(list.body, new RegExp(`href="/admin/articles/${id}/revisions/2"`));

    const compare = await getAs(t.app, editor, `/admin/articles/${id}/revisions/2`);
    assert.equal(compare.statusCode, 200);
    assert.match(compare.body, /Deuxième titre/);
    assert.match(compare.body, /Troisième titre/);
    assert.match(compare.body, /<del><span class="visually-hidden">\[supprimé\] <\/span>mardi\.<\/del>/);
    assert.match(compare.body, /<ins><span class="visually-hidden">\[ajouté\] <\/span>mercredi\.<\/ins>/);
    assert.match(compare.body, /3 champs diffèrent/, 'headline, address (a draft’s follows its headline) and body');
    assert.match(compare.body, /Restaurer cette version/);
    assert.equal((await getAs(t.app, editor, `/admin/articles/${id}/revisions/99`)).statusCode, 404);
    assert.equal((await getAs(t.app, editor, `/admin/articles/${id}/revisions/abc`)).statusCode, 404);

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}/revisions/1/restaurer`,
      headers: { cookie: editor.cookie },
    });
    assert.equal(noCsrf.statusCode, 403);
    const restore = await postForm(t.app, editor, `/admin/articles/${id}/revisions/1/restaurer`, {});
    assert.equal(restore.statusCode, 303);
    assert.equal(restore.headers.location, `/admin/articles/${id}?restaure=1`);
    const row = await stored(id);
    assert.equal(row.headline, 'Premier titre');
    assert.equal(row.revision, 4);
    assert.match((await getAs(t.app, editor, restore.headers.location as string)).body, /Version 1 restaurée/);
  });

  test('another writer’s revisions stay closed to a contributor', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id });
    const contributor = await signInAs(t.app, 'contributeur');
    assert.equal((await getAs(t.app, contributor, `/admin/articles/${id}/revisions`)).statusCode, 403);
    assert.equal((await postForm(t.app, contributor, `/admin/articles/${id}/revisions/1/restaurer`, {})).statusCode, 403);
  });

  test('preview of a draft: the public page as it will be, never indexed nor cached, framed at two widths', async () => {
    const { id } = await draftBy(t.app, editor.actor, {
      sectionId: room.section.id,
      headline: 'Pas encore publié',
      authorPersonIds: [room.staff.id],
    });
    const screen = await getAs(t.app, editor, `/admin/articles/${id}/apercu`);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, new RegExp(`<iframe class="preview__frame" src="/admin/articles/${id}/apercu/page"`));
    assert.match(screen.body, /id="largeur-telephone"/);
    assert.match(screen.headers['content-security-policy'] as string, /frame-src 'self'/);

    const page = await getAs(t.app, editor, `/admin/articles/${id}/apercu/page`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.headers['x-robots-tag'] as string, /noindex/);
    assert.match(page.body, /<meta name="robots" content="noindex, nofollow">/);
    assert.match(page.body, /data-part="headline">Pas encore publié<\/h1>/);
    assert.match(page.body, /Jeanne Reporter/);
    assert.equal((await getAs(t.app, null, `/admin/articles/${id}/apercu/page`)).statusCode, 303, 'anonymous: sign in first');
    const contributor = await signInAs(t.app, 'contributeur');
    assert.equal((await getAs(t.app, contributor, `/admin/articles/${id}/apercu/page`)).statusCode, 403);
  });

  test('private preview link: anyone with it reads the draft; a new link kills the old one', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, headline: 'Relecture externe' });
    const first = await postForm(t.app, editor, `/admin/articles/${id}/apercu/lien`, {});
    assert.equal(first.statusCode, 200);
    const link = /id="lien-apercu" value="([^"]+)"/.exec(first.body)?.[1];
    assert.ok(link, 'the link is shown once');
    const path = new URL(link).pathname;
    assert.match(path, /^\/apercu\/[A-Za-z0-9_-]+$/);

    const anonymous = await getAs(t.app, null, path);
    assert.equal(anonymous.statusCode, 200);
    assert.match(anonymous.body, /Relecture externe/);
    assert.equal(anonymous.headers['cache-control'], 'private, no-store');
    assert.match(anonymous.headers['x-robots-tag'] as string, /noindex/);
    assert.match(anonymous.body, /<meta name="robots" content="noindex, nofollow">/);
    assert.equal((await getAs(t.app, null, path)).headers['x-kiosque-cache'], undefined);

    const second = await postForm(t.app, editor, `/admin/articles/${id}/apercu/lien`, {});
    const newPath = new URL(/id="lien-apercu" value="([^"]+)"/.exec(second.body)![1]).pathname;
    assert.notEqual(newPath, path);
    assert.equal((await getAs(t.app, null, path)).statusCode, 404, 'the old link died');
    assert.equal((await getAs(t.app, null, newPath)).statusCode, 200);

    const revoke = await postForm(t.app, editor, `/admin/articles/${id}/apercu/lien/supprimer`, {});
    assert.equal(revoke.statusCode, 303);
    assert.equal((await getAs(t.app, null, newPath)).statusCode, 404);

    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await postForm(t.app, journalist, `/admin/articles/${id}/apercu/lien`, {})).statusCode, 403, 'editors only');
    assert.equal((await getAs(t.app, null, '/apercu/pas-un-jeton')).statusCode, 404);
  });
});
