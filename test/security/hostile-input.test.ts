import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { apiClientFor } from '../../src/api/api-test-client.ts';
import { stopJobRunner } from '../../src/core/jobs/job-runner.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createNewsroom, formBody, servedRoutes } from '../support/newsroom.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// Hostile ids and strings, sent to every route of Fastify's own route table (so a new route is
// covered the day it is added), in the path, the query string and the body, signed in where the
// route wants it: never a 500, on either engine. PostgreSQL used to answer 500 to an id ≥ 2³¹
// ("out of range for type integer") and to a NUL byte ("invalid byte sequence").

/** As they appear in a URL. */
const HOSTILE_IDS = ['0x10', '1e1', '%201', '2147483648', '99999999999999999999', '-1', '%00', '1%00'];
const NUL = 'avant\u0000après';
const LONE_SURROGATE = 'avant\ud800après';

/** Fields a body of the back office or the API may carry, all hostile. */
function hostileFields(text: string): Record<string, unknown> {
  return {
    id: 2147483648,
    revision: 1e20,
    sectionId: 2147483648,
    seriesId: -1,
    heroImageId: 1e21,
    personId: '2147483648',
    authorPersonIds: [2147483648],
    articleIds: ['0x10', '2147483648'],
    headline: text,
    title: text,
    name: text,
    lead: text,
    slug: text,
    q: text,
    email: text,
    credit: text,
    alt: text,
    description: text,
    tags: [text],
    format: 'actualite',
    action: 'add:2147483648',
  };
}

forEachDatabase('hostile ids and strings on every route', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let bearer: string;

  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { LOG_LEVEL: 'error' } });
    await stopJobRunner(t.app.kiosque);
    const room = await createNewsroom(t.database.db);
    admin = await signInAs(t.app, 'administrateur', { personId: room.staff.id });
    bearer = (await apiClientFor(t.app, 'administrateur')).secret;
  });
  after(() => t?.close());

  const routes = () =>
    servedRoutes(t.app)
      // Signing out last: it ends the session the other requests use.
      .sort((a, b) => Number(a.path.includes('deconnexion')) - Number(b.path.includes('deconnexion')));

  function headersFor(path: string): Record<string, string> {
    if (path.startsWith('/api/admin')) return { authorization: `Bearer ${bearer}` };
    if (/^\/(admin|apercu)(\/|$)/.test(path)) return { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
    return {};
  }

  async function send(method: string, url: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse> {
    const headers = headersFor(url);
    if (!body || method === 'GET') return t.app.inject({ method: method as 'GET', url, headers });
    if (url.startsWith('/api/')) {
      return t.app.inject({
        method: method as 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    }
    const form = Object.fromEntries(
      Object.entries({ _csrf: admin.csrfToken, ...body }).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
    );
    return t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(form),
    });
  }

  test('ids are read strictly: only plain digits within the integer range name something', async () => {
    const room = t.database.db;
    const article = await room.selectFrom('sections').select('id').executeTakeFirstOrThrow();
    for (const id of ['0x10', '1e1', '%201', '01', '2147483648', '99999999999999999999', '-1', '1.0']) {
      assert.equal((await send('GET', `/api/admin/people/${id}`)).statusCode, 404, `/api/admin/people/${id}`);
      assert.equal((await send('GET', `/admin/utilisateurs/${id}`)).statusCode, 404, `/admin/utilisateurs/${id}`);
      assert.equal((await send('GET', `/admin/articles/${id}`)).statusCode, 404, `/admin/articles/${id}`);
    }
    const list = await send('GET', '/api/admin/articles?sectionId=2147483648');
    assert.equal(list.statusCode, 422);
    assert.equal(JSON.parse(list.body).error.code, 'validation_failed');
    const created = await send('POST', '/api/admin/articles', {
      format: 'actualite',
      sectionId: 2147483648,
      headline: 'Un titre',
      lead: 'Un chapô.',
    });
    assert.equal(created.statusCode, 422);
    assert.ok(article.id > 0);
  });

  test('NUL bytes and lone surrogates are refused with 422 wherever text comes in', async () => {
    for (const text of [NUL, LONE_SURROGATE]) {
      const api = await send('POST', '/api/admin/articles', { format: 'actualite', headline: text, lead: 'Chapô.' });
      assert.equal(api.statusCode, 422);
      assert.equal(JSON.parse(api.body).error.code, 'validation_failed');
    }
    // A form cannot carry a lone surrogate (urlencoding makes it U+FFFD); a NUL it can.
    const form = await send('POST', '/admin/rubriques/nouvelle', { name: NUL, slug: 'rubrique', description: '' });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /caractère interdit/);
    assert.equal((await t.database.db.selectFrom('sections').select('id').where('slug', '=', 'rubrique').execute()).length, 0);
    const query = await send('GET', '/api/admin/articles?q=a%00b');
    assert.equal(query.statusCode, 422);
    const before = await t.database.db.selectFrom('articles').select('id').execute();
    assert.equal(before.length, 0, 'nothing was stored');
  });
  // Last: it posts to every route, so it may sign out, revoke the token or change the settings.
  test('never a 500: hostile ids in every path parameter, hostile query strings and bodies', async () => {
    const failures: string[] = [];
    let sent = 0;
    const check = async (method: string, url: string, body?: Record<string, unknown>) => {
      const response = await send(method, url, body);
      sent++;
      if (response.statusCode >= 500)
        failures.push(`${method} ${url} ${body ? '(corps)' : ''} → ${response.statusCode} ${response.body.slice(0, 200)}`);
      return response;
    };
    const all = routes();
    assert.ok(all.length >= 80, `the route table is read (${all.length} routes)`);
    for (const route of all) {
      const withParams = route.path.includes(':') || route.path.includes('*');
      const fill = (value: string) => route.path.replace(/:\w+/g, value).replace('*', value);
      if (withParams) for (const id of HOSTILE_IDS) await check(route.method, fill(id));
      const base = withParams ? fill('1') : route.path;
      await check(route.method, `${base}?page=2147483648&id=0x10&sectionId=99999999999999999999&authorPersonId=-1&q=%00&status=%ED%A0%80`);
      if (route.method !== 'GET') {
        await check(route.method, base, hostileFields(NUL));
        await check(route.method, base, hostileFields(LONE_SURROGATE));
        await check(route.method, base, { ...hostileFields('Texte ordinaire'), revision: 1 });
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${sent} requests answered 5xx`);
  });
});
