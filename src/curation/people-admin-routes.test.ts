import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';

forEachDatabase('/admin/personnes', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  const valid = {
    name: 'Inès Moreau',
    slug: '',
    kind: 'contributor',
    roleLine: 'Économiste, chercheuse au CNRS',
    bio: 'Spécialiste des marchés.',
    photoImageId: '',
  };

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string | string[]>, who = editor) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: who.csrfToken, ...fields }),
    });

  it('renders for an editor, refuses a journalist', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/personnes', headers: { cookie: editor.cookie } })).statusCode, 200);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/personnes/nouvelle', headers: { cookie: editor.cookie } })).statusCode,
      200,
    );
    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/personnes', headers: { cookie: journalist.cookie } })).statusCode, 403);
    assert.equal((await post('/admin/personnes/nouvelle', valid, journalist)).statusCode, 403);
  });

  it('creates a contributor with links; the author page shows them', async () => {
    const res = await post('/admin/personnes/nouvelle', {
      ...valid,
      linkLabel: ['Site', '', 'Mastodon'],
      linkUrl: ['https://ines.example/', '', 'https://mastodon.example/@ines'],
    });
    assert.equal(res.statusCode, 303);
    const row = await t.database.db.selectFrom('people').selectAll().where('slug', '=', 'ines-moreau').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(row.links), [
      { label: 'Site', url: 'https://ines.example/' },
      { label: 'Mastodon', url: 'https://mastodon.example/@ines' },
    ]);
    const page = await t.app.inject({ method: 'GET', url: '/auteur/ines-moreau' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Économiste, chercheuse au CNRS/);
    assert.match(page.body, /href="https:\/\/ines.example\/"/);
  });

  it('refuses a bad link, a taken slug and an overlong name, with errors next to the fields', async () => {
    await createPerson(t.database.db, { slug: 'deja-pris' });
    const count = async () => (await t.database.db.selectFrom('people').select('id').execute()).length;
    const before = await count();
    const badLink = await post('/admin/personnes/nouvelle', {
      ...valid,
      name: 'Autre',
      linkLabel: ['Site', 'Piège'],
      linkUrl: ['https://ok.example/', 'javascript:alert(1)'],
    });
    assert.equal(badLink.statusCode, 422);
    assert.match(badLink.body, /id="champ-links-1-url-erreur">Adresse invalide/);
    assert.match(badLink.body, /value="javascript:alert\(1\)"/);
    const taken = await post('/admin/personnes/nouvelle', { ...valid, slug: 'deja-pris' });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /id="champ-slug-erreur">L’adresse «\sdeja-pris\s» est déjà utilisée/);
    const long = await post('/admin/personnes/nouvelle', { ...valid, name: 'N'.repeat(101) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Le nom ne doit pas dépasser 100 caractères/);
    assert.equal(await count(), before);
  });

  it('renaming an author updates their cached articles at once; deleting them is refused while they sign articles', async () => {
    const section = await createSection(t.database.db);
    const person = await createPerson(t.database.db, { name: 'Paul Ancien', slug: 'paul' });
    const article = await createArticle(t.database.db, { section, authors: [person] });
    const url = `/${section.slug}/${article.slug}`;
    assert.match((await t.app.inject({ method: 'GET', url })).body, /Paul Ancien/);
    const res = await post(`/admin/personnes/${person.id}`, {
      name: 'Paul Nouveau',
      slug: 'paul',
      kind: 'staff',
      roleLine: '',
      bio: '',
      photoImageId: '',
    });
    assert.equal(res.statusCode, 303);
    assert.match((await t.app.inject({ method: 'GET', url })).body, /Paul Nouveau/);
    const refused = await post(`/admin/personnes/${person.id}/supprimer`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /un article porte sa signature/);
  });
});
