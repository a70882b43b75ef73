import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser, csrfPair, updateCookieHeader } from '../../test/support/sign-in.ts';
import { form, signInReader, solvedProof } from '../../test/support/readers.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

forEachDatabase('reader accounts', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '2000' } });
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function requestLink(email: string, extra: Record<string, string> = {}) {
    const csrf = await csrfPair(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/connexion',
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token, email, altcha: await solvedProof(t.app), ...extra }),
    });
    return { res, csrf };
  }

  it('signs up by magic link read from a real SMTP server; the link works once; the session is the reader’s own', async () => {
    const { res, csrf } = await requestLink('Camille.Martin@Exemple.fr', { suite: '/international/un-article#commentaires' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/lecteurs/connexion?envoye=1');
    const mail = await smtp.next();
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '', 'camille.martin@exemple.fr');
    const link = /https?:\/\/\S+\/lecteurs\/lien\/\S+/.exec(mail.text ?? '')?.[0];
    assert.ok(link, 'lien dans le courriel');
    const path = new URL(link).pathname + new URL(link).search;
    // Only the hash is stored.
    const stored = await t.database.db.selectFrom('reader_tokens').select('token_hash').execute();
    assert.ok(stored.every((r) => !link.includes(r.token_hash)));

    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.body, /Me connecter/);
    const used = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(used.statusCode, 303);
    // No display name yet: the profile comes first, then back to the article.
    assert.match(String(used.headers.location), /^\/lecteurs\/profil\?suite=/);
    const cookie = updateCookieHeader(csrf.cookie, used);
    assert.match(cookie, /kiosque_lecteur=/);
    assert.doesNotMatch(cookie, /kiosque_session=/);
    const setCookie = String(used.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);

    const again = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /plus valable/);

    const name = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/profil/nom?suite=%2Finternational%2Fun-article',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf.token, name: 'Camille M.', bio: 'Lectrice à Lyon.' }),
    });
    assert.equal(name.statusCode, 303);
    assert.equal(name.headers.location, '/international/un-article');
    const profile = await t.app.inject({ method: 'GET', url: '/lecteurs/profil', headers: { cookie } });
    assert.equal(profile.statusCode, 200);
    assert.match(profile.body, /value="Camille M\."/);
    // Staff pages do not accept a reader session.
    const admin = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    assert.equal(admin.statusCode, 303);
    assert.match(String(admin.headers.location), /^\/admin\/connexion/);
  });

  it('refuses disposable addresses, bad addresses, a forged proof, and a missing CSRF token; nothing is stored', async () => {
    const before = await t.database.db
      .selectFrom('reader_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const disposable = await requestLink('quelquun@yopmail.com');
    assert.equal(disposable.res.statusCode, 422);
    assert.match(disposable.res.body, /adresses jetables/);
    const bad = await requestLink('pas-une-adresse');
    assert.equal(bad.res.statusCode, 422);
    assert.match(bad.res.body, /adresse électronique valable/);
    const csrf = await csrfPair(t.app);
    const forged = Buffer.from(JSON.stringify({ algorithm: 'SHA-256', challenge: 'x', number: 1, salt: 'y', signature: 'z' })).toString(
      'base64',
    );
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/connexion',
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token, email: 'robot@exemple.fr', altcha: forged }),
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /anti-robot/);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/connexion',
      headers: FORM,
      payload: form({ email: 'a@exemple.fr' }),
    });
    assert.equal(noCsrf.statusCode, 403);
    const after = await t.database.db
      .selectFrom('reader_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('a solved challenge cannot be replayed; without the proof (no JavaScript) the limit per address is stricter', async () => {
    const csrf = await csrfPair(t.app);
    const proof = await solvedProof(t.app);
    const send = (altcha: string, email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/lecteurs/connexion',
        headers: { ...FORM, cookie: csrf.cookie },
        remoteAddress: '203.0.113.9',
        payload: form({ _csrf: csrf.token, email, altcha }),
      });
    assert.equal((await send(proof, 'rejeu@exemple.fr')).statusCode, 303);
    await smtp.next();
    assert.equal((await send(proof, 'rejeu@exemple.fr')).statusCode, 400);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await send('', `sans-js-${i}@exemple.fr`)).statusCode);
      if (statuses[i] === 303) await smtp.next();
    }
    assert.deepEqual(statuses, [303, 303, 303, 429]);
  });

  it('display names: unique whatever the accents, never a staff name, a reserved word or a banned word', async () => {
    await createUser(t.database.db, { role: 'journaliste', name: 'Hélène Dubois' });
    const first = await signInReader(t.app, { name: 'Élodie R' });
    const second = await signInReader(t.app);
    const tryName = (name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/lecteurs/profil/nom',
        headers: { ...FORM, cookie: second.cookie },
        payload: form({ _csrf: second.csrfToken, name }),
      });
    for (const [name, message] of [
      ['elodie r', /déjà pris/],
      ['Helene DUBOIS', /membre de la rédaction/],
      ['La Rédaction', /passer pour celui de la rédaction/],
      ['Gros C0nnard', /mot interdit/],
      ['x', /au moins 2/],
      ['<script>', /que des lettres/],
      ['Nom\u202eemoN', /sens d’écriture/],
    ] as const) {
      const res = await tryName(name);
      assert.equal(res.statusCode, 422, name);
      assert.match(res.body, message, name);
    }
    const row = await t.database.db.selectFrom('readers').select('display_name').where('id', '=', second.id).executeTakeFirstOrThrow();
    assert.equal(row.display_name, second.name);
    assert.ok(first.id);
  });

  it('changes the e-mail address only once the new address confirms it', async () => {
    const reader = await signInReader(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/profil/email',
      headers: { ...FORM, cookie: reader.cookie },
      payload: form({ _csrf: reader.csrfToken, email: 'nouvelle@exemple.fr' }),
    });
    assert.equal(res.statusCode, 303);
    const mail = await smtp.next();
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '', 'nouvelle@exemple.fr');
    let row = await t.database.db.selectFrom('readers').select('email').where('id', '=', reader.id).executeTakeFirstOrThrow();
    assert.equal(row.email, reader.email);
    const link = new URL(/https?:\/\/\S+\/lecteurs\/email\/\S+/.exec(mail.text ?? '')?.[0] ?? '');
    const ok = await t.app.inject({
      method: 'POST',
      url: link.pathname,
      headers: { ...FORM, cookie: reader.cookie },
      payload: form({ _csrf: reader.csrfToken }),
    });
    assert.equal(ok.statusCode, 303);
    row = await t.database.db.selectFrom('readers').select('email').where('id', '=', reader.id).executeTakeFirstOrThrow();
    assert.equal(row.email, 'nouvelle@exemple.fr');
  });

  it('downloads my data as JSON, never cached; signs out server-side; deletes the account', async () => {
    const reader = await signInReader(t.app);
    const data = await t.app.inject({ method: 'GET', url: '/lecteurs/donnees.json', headers: { cookie: reader.cookie } });
    assert.equal(data.statusCode, 200);
    assert.equal(data.headers['cache-control'], 'private, no-store');
    assert.equal(data.json().compte.adresse, reader.email);
    const anonymous = await t.app.inject({ method: 'GET', url: '/lecteurs/donnees.json' });
    assert.equal(anonymous.statusCode, 303);

    const refused = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/suppression',
      headers: { ...FORM, cookie: reader.cookie },
      payload: form({ _csrf: reader.csrfToken, comments: 'keep' }),
    });
    assert.equal(refused.statusCode, 422);
    const deleted = await t.app.inject({
      method: 'POST',
      url: '/lecteurs/suppression',
      headers: { ...FORM, cookie: reader.cookie },
      payload: form({ _csrf: reader.csrfToken, comments: 'keep', confirm: '1' }),
    });
    assert.equal(deleted.statusCode, 200);
    assert.equal(await t.database.db.selectFrom('readers').select('id').where('id', '=', reader.id).executeTakeFirst(), undefined);
    const profile = await t.app.inject({ method: 'GET', url: '/lecteurs/profil', headers: { cookie: reader.cookie } });
    assert.equal(profile.statusCode, 303);
  });
});
