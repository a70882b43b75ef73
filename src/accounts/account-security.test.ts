import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser, csrfPair, signInAs } from '../../test/support/sign-in.ts';
import { createApiToken } from '../api/tokens/token-operations.ts';
import { createArticle } from '../articles/operations/index.ts';
import { jobRunnerOf, startJobRunner } from '../core/jobs/job-runner.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import { PASSWORD_RESET_JOB } from './account-link-operations.ts';
import { LOGIN_LIMITS } from './login-throttle.ts';
import { createSession, sessionCookieName } from './session-store.ts';
import { currentTotpCode } from './totp.ts';
import { inviteUser } from './user-operations.ts';

// The security review's findings on accounts, each proven through the HTTP routes:
// the reset form does the same work for any address; current-password checks are throttled like
// sign-in; turning on the second factor and resetting a password end the other sessions (a reset
// also revokes the API tokens); every such change is audited; invitations link an author profile.

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const PASSWORD = 'phrase de passe initiale';

forEachDatabase('account security', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { SMTP_URL: smtp.url } });
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  const db = () => t.app.kiosque.db;
  const post = (cookie: string, url: string, fields: Record<string, string>, ip = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: form(fields), remoteAddress: ip });
  const stillSignedIn = async (cookie: string) =>
    (await t.app.inject({ method: 'GET', url: '/admin/compte', headers: { cookie } })).statusCode === 200;
  async function secondSession(userId: number, csrfCookie: string): Promise<string> {
    const id = await createSession(db(), { userId, secondFactorDone: true });
    return `${sessionCookieName(t.config)}=${id}; ${csrfCookie}`;
  }
  const auditActions = async (userId: number) =>
    (await db().selectFrom('audit_log').select('action').where('subject_id', '=', String(userId)).orderBy('id').execute()).map(
      (r) => r.action,
    );

  test('reset requests: the same answer and the same writes for a real address and an unknown one; the mail leaves from the job runner', async () => {
    await createSettings(db(), { name: 'Le Sextant' });
    forgetSiteChrome(db());
    const user = await createUser(db(), { role: 'journaliste', password: PASSWORD });
    const request = async (email: string) => {
      const csrf = await csrfPair(t.app);
      const jobsBefore = await db().selectFrom('jobs').select('id').execute();
      const tokensBefore = await db().selectFrom('account_tokens').select('id').execute();
      const response = await post(csrf.cookie, '/admin/mot-de-passe-oublie', { _csrf: csrf.token, email });
      const jobs = await db()
        .selectFrom('jobs')
        .select(['kind', 'id'])
        .where('id', 'not in', jobsBefore.map((j) => j.id).concat(-1))
        .execute();
      const tokens = await db().selectFrom('account_tokens').select('id').execute();
      return {
        status: response.statusCode,
        body: response.body.replace(/(name="csrf-token" content|name="_csrf" value)="[^"]*"/g, '$1'),
        jobs: jobs.map((j) => j.kind),
        newTokens: tokens.length - tokensBefore.length,
      };
    };
    // The app's runner polls each second: replaced by one that runs only when asked.
    await jobRunnerOf(t.app.kiosque)!.stop();
    const runner = startJobRunner(t.app.kiosque, { pollMs: 3600_000 });
    const known = await request(user.email);
    const unknown = await request('personne@exemple.fr');
    assert.equal(known.status, 200);
    assert.deepEqual(unknown, known, 'nothing in the answer or the database tells the two apart');
    assert.deepEqual(known.jobs, [PASSWORD_RESET_JOB]);
    assert.equal(known.newTokens, 0, 'no link is made while the person waits');
    assert.equal(await runner.runDue(), 2);
    const mail = await smtp.next();
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '', user.email);
    assert.match(mail.text ?? '', /votre compte de l’administration du Sextant\./, 'de + Le Sextant → du Sextant');
    assert.equal((await db().selectFrom('account_tokens').select('id').where('user_id', '=', user.userId).execute()).length, 1);
  });

  test('a reset link ends every session and revokes every API token of the account; audited', async () => {
    const me = await signInAs(t.app, 'journaliste', { password: PASSWORD });
    const csrf = await csrfPair(t.app);
    const other = await secondSession(me.userId, csrf.cookie);
    const { secret } = await createApiToken(db(), me.actor, { name: 'Import', scopes: ['article:create'], lifetimeDays: 30 });
    const api = () => t.app.inject({ method: 'GET', url: '/api/admin/articles', headers: { authorization: `Bearer ${secret}` } });
    assert.equal((await api()).statusCode, 200);
    const { createAccountToken } = await import('./account-tokens.ts');
    const token = await createAccountToken(db(), me.userId, 'password_reset');
    const done = await post(csrf.cookie, `/admin/mot-de-passe/${token}`, {
      _csrf: csrf.token,
      password: 'une toute nouvelle phrase',
      confirmation: 'une toute nouvelle phrase',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(await stillSignedIn(me.cookie), false);
    assert.equal(await stillSignedIn(other), false);
    assert.equal((await api()).statusCode, 401, 'the API token is revoked');
    const entry = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('subject_id', '=', String(me.userId))
      .where('action', '=', 'user.password-reset')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(entry.details).revokedApiTokens, 1);
  });

  test('changing one’s password: the current one is checked under the sign-in limits; other devices signed out; audited', async () => {
    const me = await signInAs(t.app, 'editeur', { password: PASSWORD });
    const csrf = await csrfPair(t.app);
    const other = await secondSession(me.userId, csrf.cookie);
    const change = (current: string, ip: string) =>
      post(
        me.cookie,
        '/admin/compte/mot-de-passe',
        { _csrf: me.csrfToken, current, password: 'nouvelle phrase solide', confirmation: 'nouvelle phrase solide' },
        ip,
      );
    for (let i = 1; i <= LOGIN_LIMITS.accountFailures; i++)
      assert.equal((await change(`faux ${i}`, '10.7.0.1')).statusCode, 422, `échec ${i}`);
    const blocked = await change(PASSWORD, '10.7.0.1');
    assert.equal(blocked.statusCode, 429, 'the right password does not get through once the limit is reached');
    assert.match(blocked.body, /[Tt]rop de tentatives/);
    assert.equal(await stillSignedIn(other), true, 'nothing changed');
    const ok = await change(PASSWORD, '10.7.0.2');
    assert.equal(ok.statusCode, 303);
    assert.equal(await stillSignedIn(me.cookie), true, 'this device stays signed in');
    assert.equal(await stillSignedIn(other), false, 'the other device is signed out');
    assert.ok((await auditActions(me.userId)).includes('user.password-change'));
  });

  test('turning the second factor on ends the other sessions; turning it off is throttled like sign-in; both audited', async () => {
    const me = await signInAs(t.app, 'journaliste', { password: PASSWORD });
    const csrf = await csrfPair(t.app);
    const other = await secondSession(me.userId, csrf.cookie);
    await post(me.cookie, '/admin/compte/double-authentification', { _csrf: me.csrfToken });
    const { totp_secret: secret } = await db()
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', me.userId)
      .executeTakeFirstOrThrow();
    const on = await post(me.cookie, '/admin/compte/double-authentification/activer', {
      _csrf: me.csrfToken,
      code: currentTotpCode(secret!),
    });
    assert.equal(on.statusCode, 303);
    assert.equal(await stillSignedIn(me.cookie), true);
    assert.equal(await stillSignedIn(other), false, 'a session opened with the password alone ends');

    const off = (current: string, ip: string) =>
      post(me.cookie, '/admin/compte/double-authentification/desactiver', { _csrf: me.csrfToken, current }, ip);
    for (let i = 1; i <= LOGIN_LIMITS.accountFailures; i++) assert.equal((await off(`faux ${i}`, '10.8.0.1')).statusCode, 422);
    assert.equal((await off(PASSWORD, '10.8.0.1')).statusCode, 429);
    const user = () => db().selectFrom('users').select('totp_enabled').where('id', '=', me.userId).executeTakeFirstOrThrow();
    assert.equal((await user()).totp_enabled, 1);
    assert.equal((await off(PASSWORD, '10.8.0.2')).statusCode, 303);
    assert.equal((await user()).totp_enabled, 0);
    const actions = await auditActions(me.userId);
    assert.ok(actions.includes('user.totp-enable') && actions.includes('user.totp-disable'), actions.join(', '));
  });

  test('invitations link the author profile: new for writers, none for a moderator, an existing one when chosen; a contributor’s new article carries their byline', async () => {
    const admin = await signInAs(t.app, 'administrateur');
    const journalist = await inviteUser(t.app.kiosque, admin.actor, {
      email: 'jules@exemple.fr',
      role: 'journaliste',
      name: 'Jules Reporter',
    });
    const person = await db().selectFrom('people').selectAll().where('id', '=', journalist.personId!).executeTakeFirstOrThrow();
    assert.deepEqual(
      { name: person.name, kind: person.kind, slug: person.slug },
      { name: 'Jules Reporter', kind: 'staff', slug: 'jules-reporter' },
    );
    const moderator = await inviteUser(t.app.kiosque, admin.actor, { email: 'marc@exemple.fr', role: 'moderateur' });
    assert.equal(moderator.personId, null);
    const homonym = await inviteUser(t.app.kiosque, admin.actor, { email: 'jules2@exemple.fr', role: 'editeur', name: 'Jules Reporter' });
    assert.equal(
      (await db().selectFrom('people').select('slug').where('id', '=', homonym.personId!).executeTakeFirstOrThrow()).slug,
      'jules-reporter-2',
    );
    const chosen = await inviteUser(t.app.kiosque, admin.actor, { email: 'paul@exemple.fr', role: 'contributeur', author: person.id });
    assert.equal(chosen.personId, person.id);
    const refused = await post(admin.cookie, '/admin/utilisateurs/invitation', {
      _csrf: admin.csrfToken,
      email: 'x@exemple.fr',
      role: 'journaliste',
      author: '999999',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="champ-author-erreur"[^>]*>Ce profil d’auteur n’existe pas\./);

    // The contributor accepts: the profile made under a provisional name takes the chosen name.
    const contributor = await inviteUser(t.app.kiosque, admin.actor, { email: 'claire@exemple.fr', role: 'contributeur' });
    const token = contributor.url.split('/').at(-1)!;
    const csrf = await csrfPair(t.app);
    const accepted = await post(csrf.cookie, `/admin/invitation/${token}`, {
      _csrf: csrf.token,
      name: 'Claire Pigiste',
      password: 'une phrase de passe solide',
      confirmation: 'une phrase de passe solide',
    });
    assert.equal(accepted.statusCode, 303);
    const profile = await db()
      .selectFrom('people')
      .select(['name', 'kind', 'slug'])
      .where('id', '=', contributor.personId!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...profile },
      { name: 'Claire Pigiste', kind: 'contributor', slug: 'claire-pigiste' },
      'the provisional name and slug follow the chosen name',
    );
    const session = `${accepted.cookies.map((c) => `${c.name}=${c.value}`).join('; ')}; ${csrf.cookie}`;
    const editor = await t.app.inject({ method: 'GET', url: '/admin/articles/nouveau', headers: { cookie: session } });
    assert.equal(editor.statusCode, 200);
    assert.match(
      editor.body,
      new RegExp(`<option value="${contributor.personId}" selected>Claire Pigiste</option>`),
      'the new article form is signed by default',
    );
    const row = await db()
      .selectFrom('users')
      .select(['id', 'name', 'role', 'person_id'])
      .where('email', '=', 'claire@exemple.fr')
      .executeTakeFirstOrThrow();
    const article = await createArticle(
      t.app.kiosque,
      { userId: row.id, name: row.name, role: row.role, personId: row.person_id },
      {
        format: 'actualite',
        headline: 'Mon premier article',
        sectionId: (await createSection(db(), { name: 'Société', slug: 'societe' })).id,
      },
    );
    const authors = await db().selectFrom('article_authors').select('person_id').where('article_id', '=', article.id).execute();
    assert.deepEqual(
      authors.map((a) => a.person_id),
      [contributor.personId],
    );
    assert.ok((await auditActions(row.id)).includes('user.activate'));
  });
});
