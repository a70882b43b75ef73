import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser, csrfPair, signInAs, updateCookieHeader } from '../../test/support/sign-in.ts';
import { currentTotpCode } from './totp.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const PASSWORD = 'phrase de passe initiale';

forEachDatabase('my account and two-step verification', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(() => t?.close());

  test('TOTP: set up with a code, then sign-in asks for it; the back office stays closed until it is given', async () => {
    const db = t.app.kiosque.db;
    const me = await signInAs(t.app, 'journaliste', { password: PASSWORD });
    const headers = { ...FORM, cookie: me.cookie };
    const setup = await t.app.inject({
      method: 'POST',
      url: '/admin/compte/double-authentification',
      headers,
      payload: form({ _csrf: me.csrfToken }),
    });
    assert.equal(setup.statusCode, 200);
    assert.match(setup.body, /otpauth:\/\/totp\//);
    const { totp_secret: secret } = await db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', me.userId)
      .executeTakeFirstOrThrow();
    assert.ok(secret);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/admin/compte/double-authentification/activer',
      headers,
      payload: form({ _csrf: me.csrfToken, code: '000000' }),
    });
    assert.equal(wrong.statusCode, 422);
    const enabledAt = Date.now();
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/admin/compte/double-authentification/activer',
      headers,
      payload: form({ _csrf: me.csrfToken, code: currentTotpCode(secret, enabledAt) }),
    });
    assert.equal(enabled.statusCode, 303);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie: me.cookie } })).statusCode,
      200,
      'this session stays verified',
    );

    // A new sign-in: password, then the code.
    const user = await db.selectFrom('users').select('email').where('id', '=', me.userId).executeTakeFirstOrThrow();
    const csrf = await csrfPair(t.app);
    const login = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token, email: user.email, password: PASSWORD, suite: '/admin/compte' }),
    });
    assert.equal(login.statusCode, 303);
    assert.equal(login.headers.location, '/admin/connexion/code?suite=%2Fadmin%2Fcompte');
    const cookie = updateCookieHeader(csrf.cookie, login);
    const closed = await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie } });
    assert.equal(closed.statusCode, 303, 'no access before the code');
    assert.match(String(closed.headers.location), /^\/admin\/connexion/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/connexion/code', headers: { cookie } })).statusCode, 200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion/code',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf.token, code: '123456' }),
    });
    assert.equal(bad.statusCode, 401);
    // The code that enabled the second factor has been used: replaying it is refused.
    const replayed = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion/code',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf.token, code: currentTotpCode(secret, enabledAt) }),
    });
    assert.equal(replayed.statusCode, 401, 'a code is accepted once');
    // The next 30-second step's code is accepted (one step of clock drift is allowed).
    const good = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion/code',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf.token, code: currentTotpCode(secret, enabledAt + 30_000), suite: '/admin/compte' }),
    });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, '/admin/compte');
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie } })).statusCode, 200);

    const off = await t.app.inject({
      method: 'POST',
      url: '/admin/compte/double-authentification/desactiver',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf.token, current: PASSWORD }),
    });
    assert.equal(off.statusCode, 303);
    const row = await db.selectFrom('users').select(['totp_enabled', 'totp_secret']).where('id', '=', me.userId).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { totp_enabled: 0, totp_secret: null });
  });

  test('changing the password needs the current one and signs out the other devices only', async () => {
    const db = t.app.kiosque.db;
    const user = await createUser(db, { role: 'editeur', password: PASSWORD });
    const signIn = async () => {
      const csrf = await csrfPair(t.app);
      const r = await t.app.inject({
        method: 'POST',
        url: '/admin/connexion',
        headers: { ...FORM, cookie: csrf.cookie },
        payload: form({ _csrf: csrf.token, email: user.email, password: PASSWORD }),
      });
      return { cookie: updateCookieHeader(csrf.cookie, r), token: csrf.token };
    };
    const phone = await signIn();
    const laptop = await signIn();
    const change = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/compte/mot-de-passe',
        headers: { ...FORM, cookie: laptop.cookie },
        payload: form({ _csrf: laptop.token, ...fields }),
      });
    const wrong = await change({ current: 'pas le bon', password: 'nouvelle phrase de passe', confirmation: 'nouvelle phrase de passe' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Ce n’est pas votre mot de passe actuel/);
    const ok = await change({ current: PASSWORD, password: 'nouvelle phrase de passe', confirmation: 'nouvelle phrase de passe' });
    assert.equal(ok.statusCode, 303);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie: laptop.cookie } })).statusCode,
      200,
      'this device stays signed in',
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie: phone.cookie } })).statusCode,
      303,
      'the other is signed out',
    );
  });
});
