import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser, csrfPair, signInAs, updateCookieHeader } from '../../test/support/sign-in.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { RESET_REQUESTED } from './password-reset-routes.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

forEachDatabase('users, invitations and password reset', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Rédaction <ne-pas-repondre@exemple.fr>' } });
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  const linkIn = (text: string | undefined) => {
    const url = /https?:\/\/\S+\/admin\/(?:invitation|mot-de-passe)\/[A-Za-z0-9_-]+/.exec(text ?? '')?.[0];
    assert.ok(url, `a link in: ${text}`);
    return new URL(url).pathname;
  };

  test('guards: anonymous visitors are sent to sign in, a moderator is refused', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/utilisateurs' });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/admin/connexion?suite=%2Fadmin%2Futilisateurs');
    const moderator = await signInAs(t.app, 'moderateur');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/utilisateurs', headers: { cookie: moderator.cookie } })).statusCode,
      403,
    );
    const editor = await signInAs(t.app, 'editeur');
    const post = await t.app.inject({
      method: 'POST',
      url: '/admin/utilisateurs/invitation',
      headers: { ...FORM, cookie: editor.cookie },
      payload: form({ _csrf: editor.csrfToken, email: 'x@exemple.fr', role: 'administrateur' }),
    });
    assert.equal(post.statusCode, 403);
    assert.equal(await t.app.kiosque.db.selectFrom('users').select('id').where('email', '=', 'x@exemple.fr').executeTakeFirst(), undefined);
  });

  test('an invitation arrives by SMTP; its link activates the account once, signed in; an expired link is refused', async () => {
    const admin = await signInAs(t.app, 'administrateur', { name: 'Anne Admin' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/admin/utilisateurs/invitation',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, email: 'pas-une-adresse', role: 'journaliste' }),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="champ-email-erreur"[^>]*>Cette adresse électronique n’est pas valide\./);

    const sent = await t.app.inject({
      method: 'POST',
      url: '/admin/utilisateurs/invitation',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, email: 'Nina@Exemple.fr', role: 'journaliste' }),
    });
    assert.equal(sent.statusCode, 303);
    const mail = await smtp.next();
    assert.match(mail.subject ?? '', /^Invitation à l’administration de /);
    assert.equal(mail.from?.value[0].address, 'ne-pas-repondre@exemple.fr');
    assert.match(mail.text ?? '', /Anne Admin vous invite .* en tant que journaliste/);
    const path = linkIn(mail.text);
    assert.ok(String(mail.html).includes(path), 'the HTML version has the link too');

    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /nina@exemple\.fr/);
    const csrf = await csrfPair(t.app);
    const accept = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { ...FORM, cookie: csrf.cookie },
        payload: form({ _csrf: csrf.token, ...fields }),
      });
    const mismatch = await accept({ name: 'Nina Reporter', password: 'une phrase assez longue', confirmation: 'une autre phrase' });
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /ne sont pas identiques/);
    const ok = await accept({ name: 'Nina Reporter', password: 'une phrase assez longue', confirmation: 'une phrase assez longue' });
    assert.equal(ok.statusCode, 303);
    const cookie = updateCookieHeader(csrf.cookie, ok);
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie } })).headers.location, '/admin');
    const user = await t.app.kiosque.db.selectFrom('users').selectAll().where('email', '=', 'nina@exemple.fr').executeTakeFirstOrThrow();
    assert.equal(user.status, 'active');
    assert.equal(user.name, 'Nina Reporter');
    assert.equal(
      (await accept({ name: 'Autre', password: 'une phrase assez longue', confirmation: 'une phrase assez longue' })).statusCode,
      410,
      'single use',
    );
    const audit = await t.app.kiosque.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.invite')
      .where('subject_id', '=', String(user.id))
      .execute();
    assert.equal(audit.length, 1);

    // Expired: a second invitation whose deadline has passed.
    await t.app.inject({
      method: 'POST',
      url: '/admin/utilisateurs/invitation',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, email: 'tard@exemple.fr', role: 'contributeur' }),
    });
    const late = linkIn((await smtp.next()).text);
    await t.app.kiosque.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('purpose', '=', 'invitation')
      .where('used_at', 'is', null)
      .execute();
    assert.equal((await t.app.inject({ method: 'GET', url: late })).statusCode, 410);
  });

  test('password reset: same answer for any address, a link by SMTP that works once, and every old session ends', async () => {
    const user = await createUser(t.app.kiosque.db, { role: 'editeur', password: 'ancien mot de passe' });
    const old = await t.app.kiosque.db
      .insertInto('sessions')
      .values({
        id_hash: 'x'.repeat(64),
        user_id: user.userId,
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        last_seen_at: new Date().toISOString(),
      })
      .execute();
    assert.ok(old);
    const csrf = await csrfPair(t.app);
    const ask = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/mot-de-passe-oublie',
        headers: { ...FORM, cookie: csrf.cookie },
        payload: form({ _csrf: csrf.token, email }),
      });
    const unknown = await ask('inconnu@exemple.fr');
    const known = await ask(user.email);
    assert.equal(unknown.statusCode, 200);
    assert.equal(known.statusCode, 200);
    assert.ok(unknown.body.includes(RESET_REQUESTED) && known.body.includes(RESET_REQUESTED));
    const mail = await smtp.next();
    assert.deepEqual(
      mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [],
      [user.email],
      'only the real account got mail',
    );
    assert.match(mail.subject ?? '', /^Nouveau mot de passe pour /);
    const path = linkIn(mail.text);
    const choose = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { ...FORM, cookie: csrf.cookie },
        payload: form({ _csrf: csrf.token, password, confirmation: password }),
      });
    const done = await choose('nouvelle phrase secrète');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/admin/connexion?etat=mot-de-passe-change');
    assert.equal(
      (await t.app.kiosque.db.selectFrom('sessions').selectAll().where('user_id', '=', user.userId).execute()).length,
      0,
      'old sessions revoked',
    );
    assert.equal((await choose('encore une autre phrase')).statusCode, 410, 'single use');
    const login = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token, email: user.email, password: 'nouvelle phrase secrète' }),
    });
    assert.equal(login.statusCode, 303);

    await ask(user.email);
    const expired = linkIn((await smtp.next()).text);
    await t.app.kiosque.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.userId)
      .where('used_at', 'is', null)
      .execute();
    assert.equal((await t.app.inject({ method: 'GET', url: expired })).statusCode, 410, 'an expired link is refused');
  });

  test('role change is audited; a POST without CSRF token changes nothing; disabling ends the sessions', async () => {
    const admin = await signInAs(t.app, 'administrateur');
    const target = await signInAs(t.app, 'journaliste');
    const url = `/admin/utilisateurs/${target.userId}`;
    const noToken = await t.app.inject({
      method: 'POST',
      url: `${url}/role`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ role: 'editeur' }),
    });
    assert.equal(noToken.statusCode, 403);
    const role = async () =>
      (await t.app.kiosque.db.selectFrom('users').select('role').where('id', '=', target.userId).executeTakeFirstOrThrow()).role;
    assert.equal(await role(), 'journaliste');

    const changed = await t.app.inject({
      method: 'POST',
      url: `${url}/role`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, role: 'editeur' }),
    });
    assert.equal(changed.statusCode, 303);
    assert.equal(await role(), 'editeur');
    const entry = await t.app.kiosque.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.role')
      .where('subject_id', '=', String(target.userId))
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_user_id, admin.userId);
    assert.deepEqual(JSON.parse(entry.details), { name: target.actor.name, from: 'journaliste', to: 'editeur' });

    const page = await t.app.inject({ method: 'GET', url: `${url}?etat=role`, headers: { cookie: admin.cookie } });
    assert.match(page.body, /Le rôle a été changé\./);

    const disabled = await t.app.inject({
      method: 'POST',
      url: `${url}/statut`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, enabled: '0' }),
    });
    assert.equal(disabled.statusCode, 303);
    assert.equal((await t.app.kiosque.db.selectFrom('sessions').selectAll().where('user_id', '=', target.userId).execute()).length, 0);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/admin/connexion', headers: { cookie: target.cookie } })).statusCode,
      200,
      'signed out',
    );
    const actions = (
      await t.app.kiosque.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(target.userId)).execute()
    ).map((r) => r.action);
    assert.ok(actions.includes('user.disable'));
  });

  test('the last active administrator can be neither demoted nor disabled', async () => {
    const db = t.app.kiosque.db;
    await db.updateTable('users').set({ status: 'disabled' }).where('role', '=', 'administrateur').execute();
    const admin = await signInAs(t.app, 'administrateur');
    const self = `/admin/utilisateurs/${admin.userId}`;
    const demote = await t.app.inject({
      method: 'POST',
      url: `${self}/role`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrfToken, role: 'editeur' }),
    });
    assert.equal(demote.statusCode, 409);
    assert.match(demote.body, /dernier compte administrateur/);
    const users = await t.app.inject({ method: 'GET', url: '/admin/utilisateurs', headers: { cookie: admin.cookie } });
    assert.equal(users.statusCode, 200);
    assert.match(users.body, /Inviter une personne/);
  });
});
