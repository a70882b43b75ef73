import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createPage, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from './curation-test-support.ts';

forEachDatabase('/admin/rubriques', (engine) => {
  let t: TestApp;
  let editor: SignedIn;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string | number | (string | number)[]>, who = editor, withCsrf = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(withCsrf ? { _csrf: who.csrfToken, ...fields } : fields),
    });
  const sectionCount = async () => (await t.database.db.selectFrom('sections').select('id').execute()).length;

  it('renders for an editor and refuses a journalist', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/rubriques', headers: { cookie: editor.cookie } })).statusCode, 200);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/rubriques/nouvelle', headers: { cookie: editor.cookie } })).statusCode,
      200,
    );
    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/rubriques', headers: { cookie: journalist.cookie } })).statusCode, 403);
    assert.equal(
      (await post('/admin/rubriques/nouvelle', { name: 'Interdite', slug: '', description: '', position: '1' }, journalist)).statusCode,
      403,
    );
  });

  it('creates a section that answers on the public site, slug made from the name', async () => {
    const res = await post('/admin/rubriques/nouvelle', { name: 'Politique étrangère', slug: '', description: 'Le monde.', position: '3' });
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/admin\/rubriques\/\d+\?ok=cree$/);
    const section = await t.database.db
      .selectFrom('sections')
      .selectAll()
      .where('slug', '=', 'politique-etrangere')
      .executeTakeFirstOrThrow();
    assert.equal(section.name, 'Politique étrangère');
    assert.equal((await t.app.inject({ method: 'GET', url: '/politique-etrangere' })).statusCode, 200);
  });

  it('refuses reserved, taken and page slugs and overlong names, in French, storing nothing', async () => {
    await createSection(t.database.db, { slug: 'culture', name: 'Culture' });
    await createPage(t.database.db, { slug: 'a-propos', kind: 'about' });
    const before = await sectionCount();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ name: 'Admin', slug: 'admin' }, 'slug', /réservée/],
      // Every first segment a fixed route owns (RESERVED_SLUGS, derived from the route maps).
      [{ name: 'Aperçu', slug: 'apercu' }, 'slug', /réservée/],
      [{ name: 'Médias', slug: 'media' }, 'slug', /réservée/],
      [{ name: 'Auteur', slug: 'auteur' }, 'slug', /réservée/],
      [{ name: 'Culture bis', slug: 'culture' }, 'slug', /déjà celle d’une rubrique/],
      [{ name: 'À propos', slug: 'a-propos' }, 'slug', /déjà celle d’une page/],
      [{ name: 'x'.repeat(61), slug: 'longue' }, 'name', /ne doit pas dépasser 60 caractères/],
      [{ name: 'Accents', slug: 'Économie Verte' }, 'slug', /lettres minuscules sans accent/],
    ];
    for (const [fields, field, message] of cases) {
      const res = await post('/admin/rubriques/nouvelle', { description: '', position: '1', ...fields });
      assert.equal(res.statusCode, 422, JSON.stringify(fields));
      assert.match(res.body, message);
      assert.match(res.body, new RegExp(`id="champ-${field}-erreur"`));
      assert.match(res.body, new RegExp(`aria-describedby="[^"]*champ-${field}-erreur"`));
      // The form keeps what was typed.
      assert.match(res.body, new RegExp(`value="${fields.name.slice(0, 20)}`));
    }
    assert.equal(await sectionCount(), before);
  });

  it('refuses to delete a section that holds articles, giving the count; deletes an empty one', async () => {
    const full = await createSection(t.database.db, { name: 'Pleine' });
    await createArticle(t.database.db, { section: full });
    await createArticle(t.database.db, { section: full, status: 'draft' });
    const refused = await post(`/admin/rubriques/${full.id}/supprimer`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /2 articles y sont classés/);
    assert.ok(await t.database.db.selectFrom('sections').select('id').where('id', '=', full.id).executeTakeFirst());
    const empty = await createSection(t.database.db, { name: 'Vide' });
    const ok = await post(`/admin/rubriques/${empty.id}/supprimer`, {});
    assert.equal(ok.statusCode, 303);
    assert.equal(await t.database.db.selectFrom('sections').select('id').where('id', '=', empty.id).executeTakeFirst(), undefined);
  });

  it('saves the navigation, shown at once on cached public pages, reorders it by buttons and refuses a bad address', async () => {
    const section = await createSection(t.database.db, { slug: 'monde', name: 'Monde' });
    await createPage(t.database.db, { slug: 'newsletter', kind: 'newsletter', title: 'Newsletter' });
    const home = await t.app.inject({ method: 'GET', url: '/monde' });
    assert.doesNotMatch(home.body, /Nos lettres/);
    const entries = {
      label: ['Le monde', 'Nos lettres', 'Partenaire'],
      destination: [`section:${section.slug}`, 'page:newsletter', 'url'],
      url: ['', '', 'https://partenaire.example/'],
    };
    const saved = await post('/admin/rubriques/navigation', { ...entries, action: 'save' });
    assert.equal(saved.statusCode, 303);
    const afterSave = await t.app.inject({ method: 'GET', url: '/monde' });
    assert.match(afterSave.body, /href="\/newsletter"[^>]*>Nos lettres/);
    assert.match(afterSave.body, /href="https:\/\/partenaire.example\/"/);

    await post('/admin/rubriques/navigation', { ...entries, action: 'up:2' });
    const items = await t.database.db.selectFrom('nav_items').selectAll().orderBy('position').execute();
    assert.deepEqual(
      items.map((i) => i.label),
      ['Le monde', 'Partenaire', 'Nos lettres'],
    );

    const bad = await post('/admin/rubriques/navigation', {
      label: ['Le monde', 'Piège'],
      destination: [`section:${section.slug}`, 'url'],
      url: ['', 'javascript:alert(1)'],
      action: 'save',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Adresse invalide/);
    assert.match(bad.body, /id="champ-items-1-url-erreur"/);
    assert.equal((await t.database.db.selectFrom('nav_items').select('id').execute()).length, 3);

    const noCsrf = await post('/admin/rubriques/navigation', { label: [], action: 'save' }, editor, false);
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await t.database.db.selectFrom('nav_items').select('id').execute()).length, 3);
  });

  it('moves navigation entries along when a section changes address', async () => {
    const section = await createSection(t.database.db, { slug: 'sport', name: 'Sport' });
    await t.database.db.deleteFrom('nav_items').execute();
    await t.database.db.insertInto('nav_items').values({ position: 0, label: 'Sport', kind: 'section', target: 'sport' }).execute();
    const res = await post(`/admin/rubriques/${section.id}`, { name: 'Sports', slug: 'sports', description: '', position: '2' });
    assert.equal(res.statusCode, 303);
    const item = await t.database.db.selectFrom('nav_items').selectAll().executeTakeFirstOrThrow();
    assert.equal(item.target, 'sports');
    assert.match((await t.app.inject({ method: 'GET', url: '/sports' })).body, /href="\/sports"/);
  });
});
