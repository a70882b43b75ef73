import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle,
  createImage,
  createPerson,
  createSection,
  createSettings,
  createTag,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { publishArticle, unpublishArticle } from '../articles/operations/index.ts';
import { createContentKey } from './content-keys.ts';

for (const engine of testDatabases()) {
  describe(`Content API [${engine.label}]`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let key: string;
    let corsKey: string;
    const ids: Record<string, number> = {};

    before(async () => {
      t = await createTestApp({ dialect: engine.label, env: { PUBLIC_URL: 'https://gazette.example' } });
      const db = t.app.kiosque.db;
      await createSettings(db);
      const monde = await createSection(db, { slug: 'monde', name: 'Monde' });
      const eco = await createSection(db, { slug: 'economie', name: 'Économie' });
      const claire = await createPerson(db, { slug: 'claire-montrieux', name: 'Claire Montrieux' });
      const paul = await createPerson(db, { slug: 'paul-ferrand', name: 'Paul Ferrand' });
      const port = await createTag(db, { slug: 'ports', name: 'Ports' });
      const image = await createImage(db, { alt: 'Le port au matin', credit: 'AFP / Jeanne Martin' });
      for (let i = 1; i <= 5; i++) {
        const a = await createArticle(db, {
          section: i % 2 ? monde : eco,
          headline: `Dépêche ${i}`,
          slug: `depeche-${i}`,
          published_at: minutesAgo(100 - i),
          authors: [i % 2 ? claire : paul],
          tags: i <= 2 ? [port] : [],
          hero_image_id: i === 5 ? image.id : null,
          format: i === 4 ? 'pepite' : 'actualite',
          source_outlet: i === 4 ? 'Le Quotidien du Port' : null,
          source_url: i === 4 ? 'https://quotidien.example/port' : null,
        });
        ids[a.slug] = a.id;
      }
      ids.draft = (
        await createArticle(db, {
          section: monde,
          headline: 'Brouillon secret',
          slug: 'brouillon-secret',
          status: 'draft',
          published_at: null,
        })
      ).id;
      ids.scheduled = (
        await createArticle(db, {
          section: monde,
          headline: 'Programmé secret',
          slug: 'programme-secret',
          status: 'scheduled',
          published_at: new Date(Date.now() + 3600_000).toISOString(),
        })
      ).id;
      ids.withdrawn = (
        await createArticle(db, { section: monde, headline: 'Retiré secret', slug: 'retire-secret', status: 'unpublished' })
      ).id;
      admin = await signInAs(t.app, 'administrateur');
      key = (await createContentKey(t.app.kiosque, admin.actor, { name: 'Application mobile', origins: [] })).key;
      corsKey = (await createContentKey(t.app.kiosque, admin.actor, { name: 'Site headless', origins: ['https://front.example'] })).key;
    });
    after(() => t.close());

    const api = (path: string, headers: Record<string, string> = {}) => t.app.inject({ url: `/api/content${path}`, headers });
    const withKey = (path: string, k = key) => api(`${path}${path.includes('?') ? '&' : '?'}key=${k}`);

    test('published articles only, newest first, with their parts; never a draft, scheduled or withdrawn piece', async () => {
      const response = await withKey('/articles');
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /application\/json/);
      const body = response.json() as { articles: Record<string, unknown>[]; meta: { next_cursor: string | null } };
      assert.deepEqual(
        body.articles.map((a) => a.slug),
        ['depeche-5', 'depeche-4', 'depeche-3', 'depeche-2', 'depeche-1'],
      );
      assert.ok(!response.body.includes('secret'));
      const five = body.articles[0]!;
      assert.equal(five.url, 'https://gazette.example/monde/depeche-5');
      assert.deepEqual(five.section, { slug: 'monde', name: 'Monde' });
      assert.deepEqual(five.authors, [{ slug: 'claire-montrieux', name: 'Claire Montrieux' }]);
      assert.match(String((five.hero_image as { url: string }).url), /^https:\/\/gazette\.example\/media\/\d+-/);
      assert.equal((five.hero_image as { credit: string }).credit, 'AFP / Jeanne Martin');
      assert.deepEqual(body.articles[1]!.source, { outlet: 'Le Quotidien du Port', url: 'https://quotidien.example/port' });
      assert.ok(!('body' in five), 'lists leave the body out');
      assert.equal(body.meta.next_cursor, null);

      for (const slug of ['brouillon-secret', 'programme-secret', 'retire-secret', 'inconnu'])
        assert.equal((await withKey(`/articles/${slug}`)).statusCode, 404, slug);
      const one = (await withKey('/articles/depeche-3')).json() as { article: { body: { type: string } } };
      assert.equal(one.article.body.type, 'doc');
    });

    test('filters, cursor pagination and field selection', async () => {
      const bySection = (await withKey('/articles?section=economie')).json() as { articles: { slug: string }[] };
      assert.deepEqual(
        bySection.articles.map((a) => a.slug),
        ['depeche-4', 'depeche-2'],
      );
      const byTag = (await withKey('/articles?tag=ports')).json() as { articles: { slug: string }[] };
      assert.deepEqual(
        byTag.articles.map((a) => a.slug),
        ['depeche-2', 'depeche-1'],
      );
      const byAuthor = (await withKey('/articles?author=paul-ferrand&format=pepite')).json() as { articles: { slug: string }[] };
      assert.deepEqual(
        byAuthor.articles.map((a) => a.slug),
        ['depeche-4'],
      );

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await withKey(`/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as {
          articles: { slug: string }[];
          meta: { next_cursor: string | null };
        };
        seen.push(...page.articles.map((a) => a.slug));
        cursor = page.meta.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, ['depeche-5', 'depeche-4', 'depeche-3', 'depeche-2', 'depeche-1']);

      const slim = (await withKey('/articles?fields=slug,headline&limit=1')).json() as { articles: Record<string, unknown>[] };
      assert.deepEqual(slim.articles, [{ slug: 'depeche-5', headline: 'Dépêche 5' }]);

      const sections = (await withKey('/sections')).json() as { sections: { slug: string }[] };
      assert.deepEqual(sections.sections.map((s) => s.slug).sort(), ['economie', 'monde']);
      const authors = (await withKey('/authors')).json() as { authors: { slug: string }[] };
      assert.deepEqual(
        authors.authors.map((a) => a.slug),
        ['claire-montrieux', 'paul-ferrand'],
      );
      const tags = (await withKey('/tags')).json() as { tags: { slug: string }[] };
      assert.deepEqual(
        tags.tags.map((x) => x.slug),
        ['ports'],
      );
      assert.equal((await withKey('/dossiers')).statusCode, 200);
      assert.equal((await withKey('/series')).statusCode, 200);
    });

    test('keys, origins and bad parameters: 401, 403, 422 in JSON with stable codes', async () => {
      assert.equal((await api('/articles')).statusCode, 401);
      assert.equal((await api('/articles?key=ksc_inconnue')).json().error.code, 'unauthorized');
      assert.equal((await api('/articles', { 'x-kiosque-key': key })).statusCode, 200, 'the key may come in a header');

      const allowed = await api(`/articles?key=${corsKey}`, { origin: 'https://front.example' });
      assert.equal(allowed.statusCode, 200);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://front.example');
      assert.match(String(allowed.headers.vary), /Origin/);
      const refused = await api(`/articles?key=${corsKey}`, { origin: 'https://pirate.example' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.headers['access-control-allow-origin'], undefined);
      // The preflight of a request with the key in its header: allowed to ask, then checked on the request.
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/content/articles?limit=5',
        headers: {
          origin: 'https://front.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-kiosque-key',
        },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], 'https://front.example');
      assert.match(String(preflight.headers['access-control-allow-headers']), /X-Kiosque-Key/i);
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
      const byHeader = await api('/articles', { 'x-kiosque-key': corsKey, origin: 'https://front.example' });
      assert.equal(byHeader.statusCode, 200);
      assert.equal(byHeader.headers['access-control-allow-origin'], 'https://front.example');
      assert.equal((await api('/articles', { 'x-kiosque-key': corsKey, origin: 'https://pirate.example' })).statusCode, 403);

      for (const query of [
        'limit=0',
        'limit=101',
        'limit=abc',
        'format=roman',
        'section=../admin',
        'cursor=pas-un-curseur',
        'fields=headline,motdepasse',
        'inconnu=1',
      ]) {
        const response = await withKey(`/articles?${query}`);
        assert.equal(response.statusCode, 422, query);
        assert.equal(response.json().error.code, 'validation_failed', query);
      }
      const doc = await api('/openapi.json');
      assert.equal(doc.statusCode, 200);
      assert.equal(doc.json().openapi, '3.1.0');
      assert.ok(doc.json().paths['/articles'].get.parameters.some((p: { name: string }) => p.name === 'cursor'));
    });

    test('answers are cached and dropped exactly when what they show changes; a revoked key stops at once', async () => {
      const first = await withKey('/articles?section=monde');
      const etag = String(first.headers.etag);
      const revalidated = await t.app.inject({ url: `/api/content/articles?section=monde&key=${key}`, headers: { 'if-none-match': etag } });
      assert.equal(revalidated.statusCode, 304);

      await unpublishArticle(t.app.kiosque, admin.actor, ids['depeche-5']!);
      const after = (await withKey('/articles?section=monde')).json() as { articles: { slug: string }[] };
      assert.deepEqual(
        after.articles.map((a) => a.slug),
        ['depeche-3', 'depeche-1'],
      );
      assert.equal((await withKey('/articles/depeche-5')).statusCode, 404);
      await publishArticle(t.app.kiosque, admin.actor, ids['depeche-5']!).catch(() => {});

      // Through the back office: create, list, revoke.
      const created = await postFormAs(t.app, admin, '/admin/api-contenu', {
        name: 'Tableau de bord',
        origins: 'https://tableau.example\n*',
      });
      assert.equal(created.statusCode, 200);
      const newKey = /value="(ksc_[A-Za-z0-9_-]{32})"/.exec(created.body)?.[1];
      assert.ok(newKey);
      assert.equal((await withKey('/sections', newKey)).statusCode, 200);
      const row = await t.app.kiosque.db
        .selectFrom('content_api_keys')
        .select('id')
        .where('name', '=', 'Tableau de bord')
        .executeTakeFirstOrThrow();
      const revoked = await postFormAs(t.app, admin, `/admin/api-contenu/${row.id}/revoquer`, {});
      assert.equal(revoked.statusCode, 303);
      assert.equal((await withKey('/sections', newKey)).statusCode, 401, 'the cached answer is not served to a revoked key');

      const bad = await postFormAs(t.app, admin, '/admin/api-contenu', { name: '', origins: 'pas une origine' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Donnez un nom/);
      assert.match(bad.body, /Origine invalide/);
      const editor = await signInAs(t.app, 'editeur');
      assert.equal((await getAs(t.app, editor, '/admin/api-contenu')).statusCode, 403);
    });
  });
}
