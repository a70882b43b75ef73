import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser, csrfPair, signInAs } from '../../test/support/sign-in.ts';
import { LOGIN_FAILED } from './login-routes.ts';
import { LOGIN_LIMITS } from './login-throttle.ts';
import { hashSecretToken } from './secret-token.ts';

const PASSWORD = 'correct cheval agrafe';

forEachDatabase('sign-in and sessions', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(() => t?.close());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  async function postLogin(
    email: string,
    password: string,
    extra: { suite?: string; ip?: string; headers?: Record<string, string>; noToken?: boolean } = {},
  ) {
    const csrf = await csrfPair(t.app);
    const fields: Record<string, string> = { email, password };
    if (!extra.noToken) fields._csrf = csrf.token;
    if (extra.suite) fields.suite = extra.suite;
    return t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      headers: { ...FORM, cookie: csrf.cookie, ...extra.headers },
      payload: form(fields),
      remoteAddress: extra.ip ?? '127.0.0.1',
    });
  }

  const sessionCookieOf = (response: { cookies: { name: string; value: string }[] }) =>
    response.cookies.find((c) => c.name === 'kiosque_session');

  test('signInAs gives a session the back office recognises', async () => {
    const who = await signInAs(t.app, 'editeur');
    const response = await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie: who.cookie } });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/admin');
    const writer = await signInAs(t.app, 'contributeur');
    assert.equal(typeof writer.personId, 'number', 'writers get an author profile');
  });

  test('the right password opens a session: new hashed id, HttpOnly SameSite=Strict cookie, redirect to a safe "suite"', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'journaliste', password: PASSWORD });
    const response = await postLogin(user.email.toUpperCase(), PASSWORD, { suite: '/admin/articles?etat=soumis' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/admin/articles?etat=soumis');
    const cookie = sessionCookieOf(response)!;
    assert.ok(cookie.value.length >= 43);
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /kiosque_session=[^;]+;.*HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    assert.doesNotMatch(setCookie, /kiosque_session=[^;]+;[^,]*Secure/i, 'no Secure flag over plain http');
    const row = await t.app.kiosque.db.selectFrom('sessions').selectAll().where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    assert.equal(row.id_hash, hashSecretToken(cookie.value), 'only the hash is stored');
    const back = await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie: `kiosque_session=${cookie.value}` } });
    assert.equal(back.headers.location, '/admin');
    const offsite = await postLogin(user.email, PASSWORD, { suite: '//evil.example/admin' });
    assert.equal(offsite.headers.location, '/admin');
  });

  test('an unknown address and a wrong password get the same answer, and both are recorded', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const wrong = await postLogin(user.email, 'pas le bon mot de passe');
    const unknown = await postLogin('personne@exemple.fr', PASSWORD);
    for (const response of [wrong, unknown]) {
      assert.equal(response.statusCode, 401);
      assert.ok(response.body.includes(LOGIN_FAILED));
      assert.equal(sessionCookieOf(response), undefined);
    }
    const attempts = await t.app.kiosque.db
      .selectFrom('login_attempts')
      .selectAll()
      .where('account', 'in', [user.email, 'personne@exemple.fr'])
      .execute();
    assert.equal(attempts.filter((a) => a.succeeded === 0).length, 2);
    const disabled = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD, status: 'disabled' });
    assert.equal((await postLogin(disabled.email, PASSWORD)).statusCode, 401);
  });

  test('an empty form is answered 422 with the errors next to the fields', async () => {
    const response = await postLogin('', '');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /id="champ-email-erreur"[^>]*>Indiquez votre adresse électronique\./);
    assert.match(response.body, /aria-describedby="champ-password-erreur" aria-invalid="true"/);
  });

  test('after 10 failures in 15 minutes from one address the account is refused there with 429, even with the right password; its owner still signs in from another address', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const now = Date.now();
    const rows = Array.from({ length: LOGIN_LIMITS.accountFailures - 1 }, (_, i) => ({
      account: user.email,
      ip: '10.1.0.9',
      succeeded: 0,
      attempted_at: new Date(now - 60_000 - i).toISOString(),
    }));
    await t.app.kiosque.db.insertInto('login_attempts').values(rows).execute();
    assert.equal(
      (await postLogin(user.email, 'encore faux', { ip: '10.1.0.9' })).statusCode,
      401,
      'the 10th failure is still an ordinary failure',
    );
    const locked = await postLogin(user.email, PASSWORD, { ip: '10.1.0.9' });
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.headers['retry-after'], '900');
    assert.equal(sessionCookieOf(locked), undefined);
    // Someone typing wrong passwords elsewhere does not lock the owner out.
    const owner = await postLogin(user.email, PASSWORD, { ip: '10.1.0.10' });
    assert.equal(owner.statusCode, 303, 'the owner signs in from their own address');
    assert.ok(sessionCookieOf(owner));
    // Failures older than the window no longer count.
    await t.app.kiosque.db
      .updateTable('login_attempts')
      .set({ attempted_at: new Date(now - 16 * 60_000).toISOString() })
      .where('account', '=', user.email)
      .where('succeeded', '=', 0)
      .execute();
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.1.0.9' })).statusCode, 303);
  });

  test('failures spread over ten addresses lock none of them, nor the owner', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const now = Date.now();
    const rows = Array.from({ length: 10 * (LOGIN_LIMITS.accountFailures - 1) }, (_, i) => ({
      account: user.email,
      ip: `10.4.0.${i % 10}`,
      succeeded: 0,
      attempted_at: new Date(now - 60_000 - i).toISOString(),
    }));
    await t.app.kiosque.db.insertInto('login_attempts').values(rows).execute();
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.4.1.1' })).statusCode, 303);
  });

  test('never more than 100 failures an hour for one account, whatever the window', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const now = Date.now();
    // 100 failures spread 20–59 minutes ago, each before a success would have reset the 15-minute count.
    const rows = Array.from({ length: 100 }, (_, i) => ({
      account: user.email,
      ip: '10.2.0.1',
      succeeded: 0,
      attempted_at: new Date(now - 20 * 60_000 - i * 20_000).toISOString(),
    }));
    await t.app.kiosque.db.insertInto('login_attempts').values(rows).execute();
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.2.0.2' })).statusCode, 429);
    // An address the owner signed in from lately is still let through.
    await t.app.kiosque.db
      .insertInto('login_attempts')
      .values({ account: user.email, ip: '10.2.0.3', succeeded: 1, attempted_at: new Date(now - 2 * 86_400_000).toISOString() })
      .execute();
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.2.0.3' })).statusCode, 303, 'a known address');
  });

  test('an address with 50 failures in 15 minutes is refused 429 for every account; other addresses are not', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const now = Date.now();
    const rows = Array.from({ length: LOGIN_LIMITS.ipFailures }, (_, i) => ({
      account: `essai-${i}@exemple.fr`,
      ip: '10.3.0.7',
      succeeded: 0,
      attempted_at: new Date(now - 1000 - i).toISOString(),
    }));
    await t.app.kiosque.db.insertInto('login_attempts').values(rows).execute();
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.3.0.7' })).statusCode, 429);
    assert.equal((await postLogin(user.email, PASSWORD, { ip: '10.3.0.8' })).statusCode, 303);
  });

  test('CSRF: a sign-in without token, or from another site, is refused 403 and records nothing', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const missing = await postLogin(user.email, PASSWORD, { noToken: true });
    const crossSite = await postLogin(user.email, PASSWORD, { headers: { origin: 'https://evil.example' } });
    const fetchSite = await postLogin(user.email, PASSWORD, { headers: { 'sec-fetch-site': 'cross-site' } });
    for (const response of [missing, crossSite, fetchSite]) {
      assert.equal(response.statusCode, 403);
      assert.equal(sessionCookieOf(response), undefined);
    }
    const attempts = await t.app.kiosque.db.selectFrom('login_attempts').selectAll().where('account', '=', user.email).execute();
    assert.equal(attempts.length, 0);
    const sameOrigin = await postLogin(user.email, PASSWORD, {
      headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(sameOrigin.statusCode, 303);
    // `Origin: null` alone (a sandboxed frame, an opaque origin) is another site…
    assert.equal((await postLogin(user.email, PASSWORD, { headers: { origin: 'null' } })).statusCode, 403);
    // …but Chromium also sends it for a form on a page with `Referrer-Policy: no-referrer`, together
    // with `Sec-Fetch-Site: same-origin`, which is the browser's own word: accepted.
    const nullOrigin = await postLogin(user.email, PASSWORD, { headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    assert.equal(nullOrigin.statusCode, 303);
  });

  test('a session ends after 12 h idle or 7 days in all; activity slides the 12 h at most once a minute', async () => {
    const db = t.app.kiosque.db;
    const who = await signInAs(t.app, 'editeur');
    const signedIn = async () =>
      (await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie: who.cookie } })).statusCode === 303;
    assert.equal(await signedIn(), true);
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: old, expires_at: new Date(Date.now() + 60_000).toISOString() })
      .where('user_id', '=', who.userId)
      .execute();
    assert.equal(await signedIn(), true);
    const slid = await db.selectFrom('sessions').selectAll().where('user_id', '=', who.userId).executeTakeFirstOrThrow();
    assert.ok(Date.parse(slid.expires_at) > Date.now() + 11 * 3600_000, 'expiry moved 12 h ahead');
    assert.notEqual(slid.last_seen_at, old);

    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', who.userId)
      .execute();
    assert.equal(await signedIn(), false);
    assert.equal(
      (await db.selectFrom('sessions').selectAll().where('user_id', '=', who.userId).execute()).length,
      0,
      'expired session deleted',
    );

    const again = await signInAs(t.app, 'editeur');
    await db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 8 * 24 * 3600_000).toISOString() })
      .where('user_id', '=', again.userId)
      .execute();
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie: again.cookie } })).statusCode,
      200,
      'past 7 days: signed out',
    );
  });

  test('sign-out deletes the session server-side; "everywhere" deletes all of the person’s sessions', async () => {
    const db = t.app.kiosque.db;
    const who = await signInAs(t.app, 'journaliste');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/admin/deconnexion',
      headers: { ...FORM, cookie: who.cookie },
      payload: '',
    });
    assert.equal(refused.statusCode, 403, 'sign-out needs the CSRF token too');
    const out = await t.app.inject({
      method: 'POST',
      url: '/admin/deconnexion',
      headers: { ...FORM, cookie: who.cookie },
      payload: form({ _csrf: who.csrfToken }),
    });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/admin/connexion?etat=deconnecte');
    assert.match(String(out.headers['set-cookie']), /kiosque_session=;/);
    assert.equal((await db.selectFrom('sessions').selectAll().where('user_id', '=', who.userId).execute()).length, 0);

    const user = await createUser(db, { role: 'editeur', password: PASSWORD });
    const phone = sessionCookieOf(await postLogin(user.email, PASSWORD))!;
    const laptop = sessionCookieOf(await postLogin(user.email, PASSWORD))!;
    assert.equal((await db.selectFrom('sessions').selectAll().where('user_id', '=', user.userId).execute()).length, 2);
    const csrf = await csrfPair(t.app);
    const all = await t.app.inject({
      method: 'POST',
      url: '/admin/deconnexion-partout',
      headers: { ...FORM, cookie: `kiosque_session=${laptop.value}; ${csrf.cookie}` },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(all.statusCode, 303);
    assert.equal((await db.selectFrom('sessions').selectAll().where('user_id', '=', user.userId).execute()).length, 0);
    const phoneAfter = await t.app.inject({
      method: 'GET',
      url: '/admin/connexion',
      headers: { cookie: `kiosque_session=${phone.value}` },
    });
    assert.equal(phoneAfter.statusCode, 200, 'the other device is signed out too');
  });
});

forEachDatabase('sign-in over https', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { PUBLIC_URL: 'https://journal.exemple.fr' } });
  });
  after(() => t?.close());

  test('the session cookie is __Host- prefixed and Secure', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: PASSWORD });
    const csrf = await csrfPair(t.app);
    assert.match(csrf.cookie, /^__Host-kiosque_csrf=/);
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, origin: 'https://journal.exemple.fr' },
      payload: new URLSearchParams({ email: user.email, password: PASSWORD, _csrf: csrf.token }).toString(),
    });
    assert.equal(response.statusCode, 303);
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /__Host-kiosque_session=[^;]+; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  });
});
