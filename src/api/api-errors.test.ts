import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createSection, createSettings } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { apiClientFor, type ApiClient } from './api-test-client.ts';
import { API_RATE_LIMIT } from './api-routes.ts';

/** A multipart body with one file part and text fields. */
function multipart(file: { name: string; type: string; data: Buffer } | null, fields: Record<string, string>) {
  const boundary = `----kiosque${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function assertError(
  response: {
    statusCode: number;
    json(): { error: { code: string; message: string; details?: unknown } };
    headers: Record<string, unknown>;
  },
  status: number,
  code: string,
) {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const body = response.json();
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
}

for (const engine of testDatabases()) {
  describe(`admin API: errors [${engine.label}]`, () => {
    let t: TestApp;
    let api: ApiClient;
    let sectionId: number;
    before(async () => {
      t = await createTestApp({ dialect: engine.label });
      await createSettings(t.app.kiosque.db);
      sectionId = (await createSection(t.app.kiosque.db)).id;
      api = await apiClientFor(t.app, 'editeur');
    });
    after(() => t.close());

    test('no token, a bad token or a session cookie alone: 401 unauthorized', async () => {
      assertError(await t.app.inject({ url: '/api/admin/articles' }), 401, 'unauthorized');
      assertError(await t.app.inject({ url: '/api/admin/articles', headers: { authorization: 'Bearer ksq_nope' } }), 401, 'unauthorized');
      // Cookies are not accepted by the API: a browser would send them on its own (CSRF).
      const session = await signInAs(t.app, 'editeur');
      assertError(await t.app.inject({ url: '/api/admin/articles', headers: { cookie: session.cookie } }), 401, 'unauthorized');
      const posted = await t.app.inject({
        method: 'POST',
        url: '/api/admin/articles',
        headers: { cookie: session.cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        payload: JSON.stringify({ sectionId, headline: 'x', body: null }),
      });
      assertError(posted, 401, 'unauthorized');
      assert.equal(await t.app.kiosque.db.selectFrom('articles').select('id').executeTakeFirst(), undefined);
    });

    test('broken JSON: 400 bad_request; not JSON: 415; unknown field and overlong headline: 422 with field details', async () => {
      assertError(await api.call('POST', '/articles', '{"headline": "x",', { 'content-type': 'application/json' }), 400, 'bad_request');
      assertError(await api.call('POST', '/articles', 'headline=x', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');

      const unknown = await api.call('POST', '/articles', { sectionId, headline: 'Titre', body: null, couleur: 'rouge' });
      assertError(unknown, 422, 'validation_failed');
      assert.ok(unknown.json().error.details.some((d: { message: string }) => d.message.includes('couleur')));

      const long = await api.call('POST', '/articles', { sectionId, headline: 'x'.repeat(201), body: null });
      assertError(long, 422, 'validation_failed');
      assert.deepEqual(
        long.json().error.details.find((d: { path: string }) => d.path === 'headline'),
        { path: 'headline', message: 'Titre : 200 caractères au plus' },
      );

      const badQuery = await api.call('GET', '/articles?perPage=1000');
      assertError(badQuery, 422, 'validation_failed');
      assert.equal(badQuery.json().error.details[0].path, 'perPage');
      assert.equal(await t.app.kiosque.db.selectFrom('articles').select('id').executeTakeFirst(), undefined, 'nothing stored');
    });

    test('404 for an unknown article, an unknown id shape and an unknown route', async () => {
      assertError(await api.call('GET', '/articles/987654'), 404, 'not_found');
      assertError(await api.call('PATCH', '/articles/987654', { revision: 1, headline: 'x' }), 404, 'not_found');
      assertError(await api.call('GET', '/articles/abc'), 404, 'not_found');
      assertError(await api.call('GET', '/articles/2147483648'), 404, 'not_found');
      assertError(await api.call('GET', '/nulle-part'), 404, 'not_found');
    });

    test('413 for a body over the limit', async () => {
      const huge = JSON.stringify({ sectionId, headline: 'x', body: null, lead: 'a'.repeat(1_100_000) });
      assertError(await api.call('POST', '/articles', huge, { 'content-type': 'application/json' }), 413, 'payload_too_large');
    });

    test('media upload: an image is stored with its credit; a script named .jpg is a 415; a missing credit a 422', async () => {
      const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6f97' } })
        .jpeg()
        .toBuffer();
      const ok = multipart({ name: 'port.jpg', type: 'image/jpeg', data: jpeg }, { credit: 'AFP', alt: 'Le port', caption: 'Vladivostok' });
      const stored = await t.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { authorization: `Bearer ${api.secret}`, ...ok.headers },
        payload: ok.payload,
      });
      assert.equal(stored.statusCode, 201, stored.body);
      assert.equal(stored.json().credit, 'AFP');
      assert.equal(stored.json().width, 1600);

      const fake = multipart(
        { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') },
        { credit: 'X', alt: 'Y' },
      );
      assertError(
        await t.app.inject({
          method: 'POST',
          url: '/api/admin/media',
          headers: { authorization: `Bearer ${api.secret}`, ...fake.headers },
          payload: fake.payload,
        }),
        415,
        'unsupported_media_type',
      );

      const noCredit = multipart({ name: 'port.jpg', type: 'image/jpeg', data: jpeg }, { alt: 'Le port' });
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: { authorization: `Bearer ${api.secret}`, ...noCredit.headers },
        payload: noCredit.payload,
      });
      assertError(refused, 422, 'validation_failed');
      assert.equal(refused.json().error.details[0].path, 'credit');

      assertError(await api.call('POST', '/media', { credit: 'x' }), 415, 'unsupported_media_type');
      assert.equal((await t.app.kiosque.db.selectFrom('images').select('id').execute()).length, 1);
    });

    test('past the rate limit: 429 rate_limited, per token', async () => {
      const busy = await apiClientFor(t.app, 'journaliste');
      let last: Awaited<ReturnType<typeof busy.call>> | undefined;
      for (let i = 0; i <= API_RATE_LIMIT.max; i++) last = await busy.call('GET', '/tags');
      assertError(last!, 429, 'rate_limited');
      assert.equal((await api.call('GET', '/tags')).statusCode, 200, 'another token is not limited');
    });
  });
}
