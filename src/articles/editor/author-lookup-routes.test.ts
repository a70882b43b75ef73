import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createPerson } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { signInAs, type SignedIn } from '../../../test/support/sign-in.ts';
import { draftBy, formFields, getAs, newsroom, postForm, postJson } from './editor-test-support.ts';

// The byline without listing every contributor: the selects carry the staff and the current
// authors, "Ajouter un contributeur" resolves an exact name or slug on save, and the combobox's
// search endpoint finds the others.

forEachDatabase('auteurs de l’éditeur', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: database.label, pageCache: false });
    room = await newsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const authorsOf = async (id: number) =>
    (await t.database.db.selectFrom('article_authors').select('person_id').where('article_id', '=', id).orderBy('position').execute()).map(
      (r) => r.person_id,
    );

  test('the editor lists the staff and the article’s contributor, not an unrelated contributor', async () => {
    const invited = await createPerson(t.database.db, { name: 'Inès Invitée', slug: 'ines-invitee', kind: 'contributor' });
    const stranger = await createPerson(t.database.db, { name: 'Victor Inconnu', slug: 'victor-inconnu', kind: 'contributor' });
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, authorPersonIds: [invited.id] });
    const page = (await getAs(t.app, editor, `/admin/articles/${id}`)).body;
    assert.match(page, new RegExp(`<option value="${invited.id}" selected>Inès Invitée</option>`));
    assert.match(page, /Jeanne Reporter/, 'staff are always offered');
    assert.doesNotMatch(page, /Victor Inconnu/);
    assert.doesNotMatch(page, new RegExp(`value="${stranger.id}"`));
    assert.match(page, /<label for="champ-auteur-ajout">Ajouter un contributeur<\/label>/);
    assert.match(page, /nom exact ou identifiant \(slug\) d’un contributeur/);
    assert.match(page, /name="authorLookup"/);
  });

  test('the search finds people by part of the name or of the role line, staff first, 20 at most', async () => {
    await createPerson(t.database.db, { name: 'Margaux Économiste', kind: 'contributor', role_line: 'Chercheuse au CNRS' });
    await createPerson(t.database.db, { name: 'Margaux Plume', kind: 'staff', role_line: 'Rédactrice' });
    const search = async (q: string) => {
      const response = await getAs(t.app, editor, `/admin/personnes.json?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200);
      return response.json<{ items: Array<{ id: number; name: string; kind: string; roleLine: string }> }>().items;
    };
    const byName = await search('margaux');
    assert.deepEqual(
      byName.map((p) => p.name),
      ['Margaux Plume', 'Margaux Économiste'],
      'staff first',
    );
    assert.deepEqual(Object.keys(byName[1]!).sort(), ['id', 'kind', 'name', 'roleLine']);
    assert.deepEqual(
      (await search('cnrs')).map((p) => p.name),
      ['Margaux Économiste'],
    );
    assert.deepEqual(
      (await search('ERCHEUSE au')).map((p) => p.roleLine),
      ['Chercheuse au CNRS'],
    );
    for (let i = 0; i < 25; i += 1) await createPerson(t.database.db, { name: `Pigiste nº ${i}`, kind: 'contributor' });
    assert.equal((await search('pigiste')).length, 20);
    assert.equal((await search('100%')).length, 0, 'LIKE wildcards are literal');
    for (const q of ['', 'x'.repeat(81)]) {
      const refused = await getAs(t.app, editor, `/admin/personnes.json?q=${q}`);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'validation_failed');
      assert.equal(refused.json().error.details[0].path, 'q');
    }
  });

  test('the search refuses anonymous visitors and a moderator', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/personnes.json?q=jeanne', headers: { accept: 'application/json' } });
    assert.ok([303, 401].includes(anonymous.statusCode), String(anonymous.statusCode));
    assert.doesNotMatch(anonymous.body, /Jeanne/);
    const moderator = await signInAs(t.app, 'moderateur');
    const refused = await getAs(t.app, moderator, '/admin/personnes.json?q=jeanne');
    assert.equal(refused.statusCode, 403);
    assert.doesNotMatch(refused.body, /Jeanne Reporter/);
  });

  test('a form save appends the contributor named by slug or exact name to the byline', async () => {
    const guest = await createPerson(t.database.db, { name: 'Lucie Tribune', slug: 'lucie-tribune', kind: 'contributor' });
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, authorPersonIds: [room.staff.id] });
    const fields = (over: Record<string, string | string[]>) =>
      formFields({ sectionId: String(room.section.id), authorPersonIds: [String(room.staff.id)], authorPosition: ['1'], ...over });
    const saved = await postForm(t.app, editor, `/admin/articles/${id}`, fields({ revision: '1', authorLookup: 'lucie-tribune' }));
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await authorsOf(id), [room.staff.id, guest.id]);
    const again = await postForm(
      t.app,
      editor,
      `/admin/articles/${id}`,
      fields({
        revision: '2',
        authorPersonIds: [String(room.staff.id), String(guest.id)],
        authorPosition: ['1', '2'],
        authorLookup: '  LUCIE TRIBUNE ',
      }),
    );
    assert.equal(again.statusCode, 303, 'someone already in the byline is not added twice');
    assert.deepEqual(await authorsOf(id), [room.staff.id, guest.id]);
  });

  test('an unknown or ambiguous name is a 422 with a French error next to the field, nothing stored', async () => {
    await createPerson(t.database.db, { name: 'Jean Martin', slug: 'jean-martin-1', kind: 'contributor' });
    await createPerson(t.database.db, { name: 'Jean Martin', slug: 'jean-martin-2', kind: 'contributor' });
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, headline: 'Avant', authorPersonIds: [room.staff.id] });
    const fields = (lookup: string) =>
      formFields({
        sectionId: String(room.section.id),
        headline: 'Après',
        authorPersonIds: [String(room.staff.id)],
        authorPosition: ['1'],
        revision: '1',
        authorLookup: lookup,
      });
    const unknown = await postForm(t.app, editor, `/admin/articles/${id}`, fields('personne-inexistante'));
    assert.equal(unknown.statusCode, 422);
    assert.match(
      unknown.body,
      /<label for="champ-auteur-ajout">Ajouter un contributeur<\/label>.*personne ne porte le nom ou l’identifiant « personne-inexistante »/s,
    );
    assert.match(unknown.body, /id="champ-auteur-ajout" name="authorLookup" value="personne-inexistante"[^>]*aria-invalid="true"/);
    assert.match(unknown.body, /href="#champ-auteur-ajout"/, 'the summary links to the field');
    const ambiguous = await postForm(t.app, editor, `/admin/articles/${id}`, fields('jean martin'));
    assert.equal(ambiguous.statusCode, 422);
    assert.match(ambiguous.body, /plusieurs personnes s’appellent « jean martin »/);
    const created = await postForm(
      t.app,
      editor,
      '/admin/articles',
      formFields({
        sectionId: String(room.section.id),
        headline: 'Jamais créé',
        authorPersonIds: [String(room.staff.id)],
        authorPosition: ['1'],
        authorLookup: 'inconnu-au-bataillon',
      }),
    );
    assert.equal(created.statusCode, 422);
    const stored = await t.database.db
      .selectFrom('articles')
      .select(['headline', 'revision'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...stored }, { headline: 'Avant', revision: 1 });
    assert.equal(
      await t.database.db.selectFrom('articles').select('id').where('headline', '=', 'Jamais créé').executeTakeFirst(),
      undefined,
    );
  });

  test('autosave resolves the lookup too, and refuses an unknown name with a 422', async () => {
    const guest = await createPerson(t.database.db, { name: 'Hugo Chroniqueur', slug: 'hugo-chroniqueur', kind: 'contributor' });
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, authorPersonIds: [room.staff.id] });
    const fields = (lookup: string) =>
      formFields({
        sectionId: String(room.section.id),
        authorPersonIds: [String(room.staff.id)],
        authorPosition: ['1'],
        authorLookup: lookup,
      });
    const refused = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, { revision: 1, fields: fields('nul-part') });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json<{ error: { message: string } }>().error.message, /Ajouter un contributeur : personne ne porte/);
    assert.deepEqual(await authorsOf(id), [room.staff.id]);
    const saved = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, { revision: 1, fields: fields('hugo-chroniqueur') });
    assert.equal(saved.statusCode, 200);
    assert.deepEqual(await authorsOf(id), [room.staff.id, guest.id]);
  });
});
