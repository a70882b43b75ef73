import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import { createImage } from '../../../test/support/content-factories.ts';
import { createArticle } from '../operations/save-article.ts';
import { scheduleArticle } from '../operations/workflow.ts';
import { getAs, newsroom, postForm } from './editor-test-support.ts';

// A scheduled article's editor says when it goes live (Paris time, French format), starts the
// field at that time so it can be changed, and "Déprogrammer" takes it back to a draft.

forEachDatabase('article programmé dans l’éditeur', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: database.label, pageCache: false });
    room = await newsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  /** A draft with everything publishing needs (byline, hero image with alt and credit). */
  const publishableDraft = async (headline: string) => {
    const image = await createImage(t.database.db);
    return createArticle(t.app.kiosque, editor.actor, {
      format: 'actualite',
      sectionId: room.section.id,
      headline,
      lead: 'Un chapô.',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un paragraphe.' }] }] },
      authorPersonIds: [room.staff.id],
      heroImageId: image.id,
    });
  };

  /** French typography's no-break spaces as plain ones, to compare text. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const row = (id: number) =>
    t.database.db
      .selectFrom('articles')
      .select(['status', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ status: r.status, published_at: r.published_at }));
  const jobRunAt = async (id: number) =>
    (
      await t.database.db
        .selectFrom('jobs')
        .select(['run_at', 'payload'])
        .where('kind', '=', 'publish-scheduled')
        .where('status', '=', 'pending')
        .execute()
    )
      .filter((j) => JSON.parse(j.payload).articleId === id)
      .map((j) => new Date(j.run_at).toISOString());

  test('the editor shows the time, in Paris time and French, and the field starts at it', async () => {
    const { id } = await publishableDraft('Programmé pour l’été');
    // 14 July 2099, 7:05 UTC = 9 h 05 in Paris (summer time).
    await scheduleArticle(t.app.kiosque, editor.actor, id, '2099-07-14T07:05:00.000Z');
    const page = plain((await getAs(t.app, editor, `/admin/articles/${id}`)).body);
    assert.match(page, /<span class="badge badge--scheduled">Programmé pour le 14 juillet 2099 à 9 h 05<\/span>/);
    assert.match(
      page,
      /Publication programmée le <time datetime="2099-07-14T09:05:00\+02:00"><strong>14 juillet 2099 à 9 h 05<\/strong><\/time> \(heure de Paris\)/,
    );
    assert.match(page, /<label for="programmer-le">Nouvelle heure de publication \(heure de Paris\)<\/label>/);
    assert.match(page, /<input type="datetime-local" id="programmer-le" name="at" value="2099-07-14T09:05" required>/);
    assert.match(page, />Reprogrammer<\/button>/);
    assert.match(page, />Déprogrammer<\/button>/);
  });

  test('changing the time moves the publication and its job; "Déprogrammer" makes it a draft again', async () => {
    const { id } = await publishableDraft('Heure à changer');
    await scheduleArticle(t.app.kiosque, editor.actor, id, '2099-01-10T07:00:00.000Z');
    const moved = await postForm(t.app, editor, `/admin/articles/${id}/programmer`, { at: '2099-01-12T18:30' });
    assert.equal(moved.statusCode, 303);
    // Winter: Paris is UTC+1.
    assert.deepEqual(await row(id), { status: 'scheduled', published_at: '2099-01-12T17:30:00.000Z' });
    assert.deepEqual(await jobRunAt(id), ['2099-01-12T17:30:00.000Z']);
    const page = plain((await getAs(t.app, editor, `/admin/articles/${id}`)).body);
    assert.match(page, /12 janvier 2099 à 18 h 30/);

    const cancelled = await postForm(t.app, editor, `/admin/articles/${id}/brouillon`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.deepEqual(await row(id), { status: 'draft', published_at: null });
    const draft = plain((await getAs(t.app, editor, `/admin/articles/${id}`)).body);
    assert.doesNotMatch(draft, /Publication programmée/);
    assert.match(draft, /<label for="programmer-le">Programmer pour le \(heure de Paris\)<\/label>/);
  });
});
