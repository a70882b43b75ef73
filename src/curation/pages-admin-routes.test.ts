import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createPage, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

forEachDatabase('/admin/pages', (engine) => {
  let t: TestApp;
  let editor: SignedIn;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string>, who = editor) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: who.csrfToken, ...fields }),
    });

  it('renders for an editor, refuses a contributor', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/pages', headers: { cookie: editor.cookie } })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/pages/nouvelle', headers: { cookie: editor.cookie } })).statusCode, 200);
    const contributor = await signInAs(t.app, 'contributeur');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/pages', headers: { cookie: contributor.cookie } })).statusCode, 403);
  });

  it('creates an accessibility statement that shows at once in the footer of cached pages', async () => {
    const section = await createSection(t.database.db);
    const before = await t.app.inject({ method: 'GET', url: `/${section.slug}` });
    assert.doesNotMatch(before.body, /Accessibilité : partiellement conforme/);
    const res = await post('/admin/pages/nouvelle', {
      kind: 'accessibility',
      title: 'Accessibilité : partiellement conforme',
      slug: 'accessibilite',
      lead: 'Notre engagement.',
      body: doc('Ce site est partiellement conforme au RGAA 4.1.'),
    });
    assert.equal(res.statusCode, 303);
    const page = await t.app.inject({ method: 'GET', url: '/accessibilite' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /partiellement conforme au RGAA/);
    const afterSave = await t.app.inject({ method: 'GET', url: `/${section.slug}` });
    assert.match(afterSave.body, /href="\/accessibilite"/);
  });

  it('updates a page: the cached page changes at once', async () => {
    const page = await createPage(t.database.db, {
      slug: 'qui-sommes-nous',
      kind: 'about',
      title: 'Qui sommes-nous',
      paragraphs: ['Ancien texte.'],
    });
    assert.match((await t.app.inject({ method: 'GET', url: '/qui-sommes-nous' })).body, /Ancien texte/);
    const res = await post(`/admin/pages/${page.id}`, {
      kind: 'about',
      title: 'Qui sommes-nous',
      slug: 'qui-sommes-nous',
      lead: '',
      body: doc('Nouveau texte.'),
    });
    assert.equal(res.statusCode, 303);
    assert.match((await t.app.inject({ method: 'GET', url: '/qui-sommes-nous' })).body, /Nouveau texte/);
    const edit = await t.app.inject({ method: 'GET', url: `/admin/pages/${page.id}?ok=enregistre`, headers: { cookie: editor.cookie } });
    assert.match(edit.body, /<a class="button button--quiet" href="\/qui-sommes-nous">Voir la page<\/a>/);
    assert.match(edit.body, /Page enregistrée/);
  });

  it('refuses broken JSON, an unknown node, a reserved or taken address, keeping what was typed', async () => {
    await createSection(t.database.db, { slug: 'economie', name: 'Économie' });
    const count = async () => (await t.database.db.selectFrom('pages').select('id').execute()).length;
    const before = await count();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ body: '{"type":"doc","content":[' }, 'body', /n’est pas un document JSON valide/],
      [{ body: JSON.stringify({ type: 'doc', content: [{ type: 'script', text: 'x' }] }) }, 'body', /Le corps de la page est invalide/],
      [{ slug: 'sitemap.xml' }, 'slug', /lettres minuscules|réservée/],
      [{ slug: 'api' }, 'slug', /réservée/],
      [{ slug: 'apercu' }, 'slug', /réservée/],
      [{ slug: 'assets' }, 'slug', /réservée/],
      [{ slug: 'economie' }, 'slug', /déjà celle d’une rubrique/],
      [{ title: '' }, 'title', /Le titre est obligatoire/],
    ];
    for (const [over, field, message] of cases) {
      const res = await post('/admin/pages/nouvelle', {
        kind: 'other',
        title: 'Une page',
        slug: 'une-page',
        lead: '',
        body: doc('Texte.'),
        ...over,
      });
      assert.equal(res.statusCode, 422, JSON.stringify(over));
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`id="champ-${field}-erreur"`));
    }
    assert.equal(await count(), before);
  });
});
