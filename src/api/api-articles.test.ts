import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestApp } from '../../test/support/app-factory.ts';
import { createTestApp } from '../../test/support/app-factory.ts';
import { createImage, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { describe } from 'node:test';
import { apiClientFor } from './api-test-client.ts';

const BODY = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Le sommet s’est ouvert mardi.' }] }] };

for (const engine of testDatabases()) {
  describe(`admin API: articles [${engine.label}]`, () => {
    let t: TestApp;
    let sectionId: number;
    let personId: number;
    let imageId: number;
    before(async () => {
      t = await createTestApp({ dialect: engine.label });
      const db = t.app.kiosque.db;
      await createSettings(db);
      sectionId = (await createSection(db, { slug: 'international', name: 'International' })).id;
      personId = (await createPerson(db, { name: 'Alice Martin' })).id;
      imageId = (await createImage(db, { alt: 'Le port', credit: 'AFP' })).id;
    });
    after(() => t.close());

    const complete = () => ({
      format: 'actualite',
      sectionId,
      headline: 'Sommet à Vladivostok',
      lead: 'Deux dirigeants se rencontrent.',
      body: BODY,
      heroImageId: imageId,
      authorPersonIds: [personId],
      tags: ['Diplomatie'],
    });

    test('an editor creates, reads, updates (with the revision), publishes and unpublishes an article', async () => {
      const api = await apiClientFor(t.app, 'editeur');
      const created = await api.call('POST', '/articles', complete());
      assert.equal(created.statusCode, 201, created.body);
      const article = created.json();
      assert.equal(article.status, 'draft');
      assert.equal(article.revision, 1);
      assert.equal(article.headline, 'Sommet à Vladivostok');
      assert.deepEqual(article.tags, ['Diplomatie']);
      assert.equal(created.headers.location, `/api/admin/articles/${article.id}`);

      const patched = await api.call('PATCH', `/articles/${article.id}`, { revision: 1, kicker: 'Diplomatie' });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().revision, 2);
      assert.equal(patched.json().kicker, 'Diplomatie');
      assert.equal(patched.json().lead, 'Deux dirigeants se rencontrent.', 'fields not sent are kept');

      const replaced = await api.call('PUT', `/articles/${article.id}`, { ...complete(), revision: 2, headline: 'Sommet de Vladivostok' });
      assert.equal(replaced.statusCode, 200, replaced.body);
      assert.equal(replaced.json().kicker, '', 'PUT replaces every field');

      const published = await api.call('POST', `/articles/${article.id}/publish`);
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().status, 'published');
      const page = await t.app.inject({ url: published.json().url });
      assert.equal(page.statusCode, 200);

      const got = await api.call('GET', `/articles/${article.id}`);
      assert.equal(got.json().status, 'published');
      const list = await api.call('GET', '/articles?status=published&perPage=5');
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().items.some((i: { id: number }) => i.id === article.id));
      assert.equal(list.json().perPage, 5);

      const unpublished = await api.call('POST', `/articles/${article.id}/unpublish`);
      assert.equal(unpublished.json().status, 'unpublished');
      assert.equal((await t.app.inject({ url: published.json().url })).statusCode, 410);
    });

    test('a stale revision is a 409 conflict naming the current revision; nothing is stored', async () => {
      const api = await apiClientFor(t.app, 'editeur');
      const { id } = (await api.call('POST', '/articles', complete())).json();
      assert.equal((await api.call('PATCH', `/articles/${id}`, { revision: 1, headline: 'Premier' })).statusCode, 200);
      const stale = await api.call('PATCH', `/articles/${id}`, { revision: 1, headline: 'Second' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'conflict');
      assert.equal(stale.json().error.details.currentRevision, 2);
      assert.equal((await api.call('GET', `/articles/${id}`)).json().headline, 'Premier');
    });

    test('a token without article:publish gets 403 on publish, even for an editor; a contributor can never publish', async () => {
      const limited = await apiClientFor(t.app, 'editeur', { scopes: ['article:create', 'article:edit-own', 'article:edit-any'] });
      const { id } = (await limited.call('POST', '/articles', complete())).json();
      const refused = await limited.call('POST', `/articles/${id}/publish`);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'forbidden');
      assert.equal((await limited.call('GET', `/articles/${id}`)).json().status, 'draft');

      const contributorPerson = await createPerson(t.app.kiosque.db, { name: 'Bruno Leroy', kind: 'contributor' });
      const contributor = await apiClientFor(t.app, 'contributeur', { personId: contributorPerson.id });
      const own = await contributor.call('POST', '/articles', { ...complete(), authorPersonIds: undefined });
      assert.equal(own.statusCode, 201, own.body);
      assert.deepEqual(own.json().authorPersonIds, [contributorPerson.id], 'signed by the token owner’s profile');
      assert.equal((await contributor.call('POST', `/articles/${own.json().id}/publish`)).statusCode, 403);
      assert.equal((await contributor.call('POST', `/articles/${own.json().id}/submit`)).json().status, 'submitted');
      // Another writer's article is not visible to the contributor.
      assert.equal((await contributor.call('GET', `/articles/${id}`)).statusCode, 404);
      const mine = (await contributor.call('GET', '/articles')).json();
      assert.deepEqual(
        mine.items.map((i: { id: number }) => i.id),
        [own.json().id],
      );
    });

    test('a pépite needs its source; publishing an incomplete article lists what is missing', async () => {
      const api = await apiClientFor(t.app, 'editeur');
      const noSource = await api.call('POST', '/articles', { ...complete(), format: 'pepite' });
      assert.equal(noSource.statusCode, 422);
      assert.ok(noSource.json().error.details.some((d: { path: string }) => d.path === 'source.outlet'));
      const incomplete = (await api.call('POST', '/articles', { sectionId, headline: 'Sans image', body: BODY })).json();
      const refused = await api.call('POST', `/articles/${incomplete.id}/publish`);
      assert.equal(refused.statusCode, 422);
      assert.ok(refused.json().error.details.some((d: { path: string }) => d.path === 'heroImageId'));
    });

    test('sections, people and tags', async () => {
      const api = await apiClientFor(t.app, 'editeur');
      const section = await api.call('POST', '/sections', { name: 'Économie' });
      assert.equal(section.statusCode, 201, section.body);
      assert.equal(section.json().slug, 'economie');
      assert.equal((await api.call('POST', '/sections', { name: 'Admin', slug: 'admin' })).statusCode, 422);
      assert.ok((await api.call('GET', '/sections')).json().items.some((s: { slug: string }) => s.slug === 'economie'));

      const person = await api.call('POST', '/people', {
        name: 'Zoé Économiste',
        kind: 'contributor',
        roleLine: 'Économiste',
        links: [{ label: 'Site', url: 'https://exemple.fr' }],
      });
      assert.equal(person.statusCode, 201, person.body);
      const patched = await api.call('PATCH', `/people/${person.json().id}`, { bio: 'Chercheuse.' });
      assert.equal(patched.json().bio, 'Chercheuse.');
      assert.equal(patched.json().roleLine, 'Économiste');
      assert.equal((await api.call('PATCH', '/people/999999', { bio: 'x' })).statusCode, 404);
      const people = (await api.call('GET', '/people?q=zo%C3%A9')).json();
      assert.deepEqual(
        people.items.map((p: { name: string }) => p.name),
        ['Zoé Économiste'],
      );

      const tags = (await api.call('GET', '/tags?q=diplo')).json();
      assert.equal(tags.items[0].name, 'Diplomatie');
      assert.ok(tags.items[0].articleCount >= 1);

      const writer = await apiClientFor(t.app, 'journaliste');
      assert.equal((await writer.call('POST', '/sections', { name: 'Culture' })).statusCode, 403);
    });
  });
}
