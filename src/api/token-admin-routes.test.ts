import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createSettings } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { hashTokenSecret } from './tokens/api-token-secret.ts';

const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

for (const engine of testDatabases()) {
  describe(`/admin/jetons [${engine.label}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ dialect: engine.label });
      await createSettings(t.app.kiosque.db);
    });
    after(() => t.close());

    test('create (secret shown once, stored hashed), use, list, revoke (then 401), all audited', async () => {
      const me = await signInAs(t.app, 'editeur');
      const post = (url: string, body: string) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
        });

      const page = await t.app.inject({ url: '/admin/jetons', headers: { cookie: me.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Jetons d’API<\/h1>/);
      assert.match(page.body, /value="article:publish"/, 'an editor may grant publishing');
      assert.doesNotMatch(page.body, /value="user:manage"/, 'never more than the role');

      const created = await post(
        '/admin/jetons',
        form([
          ['_csrf', me.csrfToken],
          ['name', 'Import des archives'],
          ['scopes', 'article:create'],
          ['scopes', 'article:edit-own'],
          ['lifetime', '30'],
        ]),
      );
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.headers['cache-control'], 'private, no-store');
      const secret = /value="(ksq_[A-Za-z0-9_-]{43})"/.exec(created.body)?.[1];
      assert.ok(secret, 'the secret is shown');
      const row = await t.app.kiosque.db.selectFrom('api_tokens').selectAll().where('user_id', '=', me.userId).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashTokenSecret(secret));
      assert.deepEqual(JSON.parse(row.scopes), ['article:create', 'article:edit-own']);

      const again = await t.app.inject({ url: '/admin/jetons', headers: { cookie: me.cookie } });
      assert.ok(!again.body.includes(secret), 'never shown again');
      assert.match(again.body, /Import des archives/);

      const used = await t.app.inject({ url: '/api/admin/articles', headers: { authorization: `Bearer ${secret}` } });
      assert.equal(used.statusCode, 200);

      const revoked = await post(`/admin/jetons/${row.id}/revoquer`, form([['_csrf', me.csrfToken]]));
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/admin/jetons?revoque=1');
      const refused = await t.app.inject({ url: '/api/admin/articles', headers: { authorization: `Bearer ${secret}` } });
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json().error.code, 'unauthorized');
      assert.match((await t.app.inject({ url: '/admin/jetons?revoque=1', headers: { cookie: me.cookie } })).body, /Révoqué le/);

      const audit = await t.app.kiosque.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_user_id', '=', me.userId)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['token.create', 'token.revoke'],
      );
    });

    test('without CSRF nothing is created; bad input re-renders the form with French errors (422)', async () => {
      const me = await signInAs(t.app, 'contributeur');
      const headers = { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/admin/jetons',
        headers,
        payload: form([
          ['name', 'X'],
          ['scopes', 'article:create'],
          ['lifetime', ''],
        ]),
      });
      assert.equal(noCsrf.statusCode, 403);

      const empty = await t.app.inject({
        method: 'POST',
        url: '/admin/jetons',
        headers,
        payload: form([
          ['_csrf', me.csrfToken],
          ['name', '<script>x</script>'],
          ['lifetime', '90'],
        ]),
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Choisissez au moins une permission/);
      assert.match(empty.body, /value="&#60;script&#62;x&#60;\/script&#62;"/, 'typed values come back, escaped');

      const beyondRole = await t.app.inject({
        method: 'POST',
        url: '/admin/jetons',
        headers,
        payload: form([
          ['_csrf', me.csrfToken],
          ['name', 'Publier'],
          ['scopes', 'article:publish'],
          ['lifetime', '90'],
        ]),
      });
      assert.equal(beyondRole.statusCode, 422);
      assert.equal((await t.app.kiosque.db.selectFrom('api_tokens').select('id').where('user_id', '=', me.userId).execute()).length, 0);

      const other = await signInAs(t.app, 'editeur');
      const { id } = await t.app.kiosque.db
        .insertInto('api_tokens')
        .values({
          user_id: other.userId,
          name: 'Autre',
          token_hash: 'x'.repeat(64),
          scopes: '["article:create"]',
          created_at: new Date().toISOString(),
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const foreign = await t.app.inject({
        method: 'POST',
        url: `/admin/jetons/${id}/revoquer`,
        headers,
        payload: form([['_csrf', me.csrfToken]]),
      });
      assert.equal(foreign.statusCode, 404, 'someone else’s token');

      const moderator = await signInAs(t.app, 'moderateur');
      assert.equal((await t.app.inject({ url: '/admin/jetons', headers: { cookie: moderator.cookie } })).statusCode, 403);
    });
  });
}
