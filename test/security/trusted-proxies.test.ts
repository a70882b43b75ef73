import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LOGIN_LIMITS } from '../../src/accounts/login-throttle.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { forEachDatabase } from '../support/databases.ts';
import { formBody } from '../support/newsroom.ts';
import { createUser, csrfPair } from '../support/sign-in.ts';

// The per-address sign-in limit holds whatever X-Forwarded-For a client sends: without
// TRUSTED_PROXIES the header is ignored (the address is the TCP peer's); with it, only the hop
// the trusted proxy added counts, not the ones the client wrote before it.

const PASSWORD = 'un mot de passe correct et long';

forEachDatabase('forged X-Forwarded-For', (database) => {
  let direct: TestApp;
  let proxied: TestApp;
  before(async () => {
    direct = await createTestApp({ dialect: database.label, env: { NODE_ENV: 'production' } });
    proxied = await createTestApp({ dialect: database.label, env: { NODE_ENV: 'production', TRUSTED_PROXIES: '10.0.0.0/8' } });
  });
  after(async () => {
    await direct?.close();
    await proxied?.close();
  });

  async function attempt(t: TestApp, input: { email: string; password: string; peer: string; forwarded?: string }) {
    const csrf = await csrfPair(t.app);
    return t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      remoteAddress: input.peer,
      headers: {
        cookie: csrf.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...(input.forwarded ? { 'x-forwarded-for': input.forwarded } : {}),
      },
      payload: formBody({ _csrf: csrf.token, email: input.email, password: input.password }),
    });
  }

  async function lockAddress(t: TestApp, ip: string) {
    const now = Date.now();
    const rows = Array.from({ length: LOGIN_LIMITS.ipFailures }, (_, i) => ({
      account: `essai-${i}@exemple.fr`,
      ip,
      succeeded: 0,
      attempted_at: new Date(now - 1000 - i).toISOString(),
    }));
    await t.database.db.insertInto('login_attempts').values(rows).execute();
  }

  test('no trusted proxy: the header is ignored, the locked peer stays locked whatever it claims', async () => {
    const user = await createUser(direct.database.db, { role: 'journaliste', password: PASSWORD });
    await lockAddress(direct, '203.0.113.7');
    for (const forwarded of [undefined, '198.51.100.1', '198.51.100.2, 198.51.100.3']) {
      const response = await attempt(direct, { email: user.email, password: PASSWORD, peer: '203.0.113.7', forwarded });
      assert.equal(response.statusCode, 429, `X-Forwarded-For: ${forwarded}`);
    }
    const recorded = await direct.database.db.selectFrom('login_attempts').select('ip').where('account', '=', user.email).execute();
    assert.deepEqual(recorded, [], 'refused attempts are not recorded');
  });

  test('behind a trusted proxy: the address the proxy added is the client; hops forged before it change nothing', async () => {
    const user = await createUser(proxied.database.db, { role: 'journaliste', password: PASSWORD });
    await lockAddress(proxied, '203.0.113.9');
    // The client wrote "198.51.100.x" itself; the proxy (10.1.2.3) appended the real peer, 203.0.113.9.
    for (const forged of ['198.51.100.1', '198.51.100.2, 192.0.2.4', '127.0.0.1']) {
      const response = await attempt(proxied, {
        email: user.email,
        password: PASSWORD,
        peer: '10.1.2.3',
        forwarded: `${forged}, 203.0.113.9`,
      });
      assert.equal(response.statusCode, 429, `forged ${forged}`);
    }
    // Another real client behind the same proxy is not affected, and its own address is recorded.
    const other = await attempt(proxied, { email: user.email, password: 'faux', peer: '10.1.2.3', forwarded: '203.0.113.10' });
    assert.equal(other.statusCode, 401);
    const row = await proxied.database.db
      .selectFrom('login_attempts')
      .select('ip')
      .where('account', '=', user.email)
      .executeTakeFirstOrThrow();
    assert.equal(row.ip, '203.0.113.10');
    // A peer that is not a trusted proxy cannot pass a forwarded address at all.
    const untrusted = await attempt(proxied, { email: user.email, password: 'faux', peer: '203.0.113.9', forwarded: '198.51.100.5' });
    assert.equal(untrusted.statusCode, 429);
  });
});
