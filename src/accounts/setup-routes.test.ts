import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { csrfPair, updateCookieHeader } from '../../test/support/sign-in.ts';
import { createUserFromCli } from './cli-user-create.ts';
import { parsePasswordHash } from './password-hash.ts';
import { ensureSetupLink, printSetupLink } from './setup-link.ts';

forEachDatabase('first owner account', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(() => t?.close());

  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  test('the setup link works once, makes a signed-in administrator, and no link is made afterwards', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/admin/connexion' });
    assert.match(fresh.body, /Aucun compte n’existe encore/, 'the sign-in page points at the setup link');
    const printed: string[] = [];
    const url = await printSetupLink(t.app.kiosque, (line) => printed.push(line));
    assert.ok(url?.startsWith(`${t.config.publicUrl}/admin/installation/`));
    assert.ok(printed[0].includes(url!), 'the link is printed');
    const path = new URL(url!).pathname;

    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.match(page.body, /Création du compte propriétaire/);

    const csrf = await csrfPair(t.app);
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { ...FORM, cookie: csrf.cookie },
        payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
      });

    const weak = await post({
      name: 'Odile Propriétaire',
      email: 'odile@exemple.fr',
      password: 'motdepasse123',
      confirmation: 'motdepasse123',
    });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /trop courant/);
    assert.match(weak.body, /value="odile@exemple.fr"/, 'typed values are kept');
    const short = await post({ name: 'Odile', email: 'odile@exemple.fr', password: 'court', confirmation: 'court' });
    assert.match(short.body, /au moins 12 caractères/);

    const done = await post({
      name: 'Odile Propriétaire',
      email: 'Odile@Exemple.fr',
      password: 'une phrase assez longue',
      confirmation: 'une phrase assez longue',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/admin');
    const cookie = updateCookieHeader(csrf.cookie, done);
    const signedIn = await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie } });
    assert.equal(signedIn.headers.location, '/admin', 'signed in at once');

    const user = await t.app.kiosque.db.selectFrom('users').selectAll().where('email', '=', 'odile@exemple.fr').executeTakeFirstOrThrow();
    assert.equal(user.role, 'administrateur');
    assert.equal(user.status, 'active');
    assert.equal(user.name, 'Odile Propriétaire');
    const phc = parsePasswordHash(user.password_hash!)!;
    assert.ok(phc.memory >= 19456 && phc.passes >= 2 && phc.parallelism === 1);

    const again = await post({
      name: 'Intrus',
      email: 'intrus@exemple.fr',
      password: 'une autre phrase longue',
      confirmation: 'une autre phrase longue',
    });
    assert.equal(again.statusCode, 410, 'single use');
    assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 410);
    assert.equal(await ensureSetupLink(t.app.kiosque), null, 'no new link once an account is active');
    assert.doesNotMatch((await t.app.inject({ method: 'GET', url: '/admin/connexion' })).body, /Aucun compte/);
  });

  test('user:create gives an invitation link, never a password; running it again replaces the link', async () => {
    const first = await createUserFromCli(t.app.kiosque, { email: 'Paul@Exemple.fr', name: 'Paul Pigiste', role: 'contributeur' });
    const second = await createUserFromCli(t.app.kiosque, { email: 'paul@exemple.fr', role: 'journaliste' });
    assert.equal(first.userId, second.userId);
    const row = await t.app.kiosque.db.selectFrom('users').selectAll().where('id', '=', first.userId).executeTakeFirstOrThrow();
    assert.equal(row.password_hash, null);
    assert.equal(row.status, 'invited');
    assert.equal(row.role, 'journaliste');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: new URL(first.setupUrl).pathname })).statusCode,
      410,
      'the older link stops working',
    );
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(second.setupUrl).pathname })).statusCode, 200);
    await assert.rejects(createUserFromCli(t.app.kiosque, { email: 'pas une adresse', role: 'editeur' }));
    await assert.rejects(createUserFromCli(t.app.kiosque, { email: 'odile@exemple.fr', role: 'editeur' }), /existe déjà/);
  });
});
