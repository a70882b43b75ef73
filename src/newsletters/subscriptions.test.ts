import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { csrfPair } from '../../test/support/sign-in.ts';
import { form, solvedProof } from '../../test/support/readers.ts';
import { createNewsletter } from './newsletter-test-fixtures.ts';
import { manageToken, newsletterSecret, unsubscribeToken } from './newsletter-links.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SAME_SITE = { ...FORM, 'sec-fetch-site': 'same-origin' };

forEachDatabase('newsletter sign-up, double opt-in, Mes newsletters, one-click unsubscribe', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let morning: { id: number; name: string };
  let picks: { id: number; name: string };
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '2000' } });
    morning = await createNewsletter(t.database.db, { name: 'L’essentiel du matin' });
    picks = await createNewsletter(t.database.db, { name: 'Les Pépites' });
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** Every row of the newsletter tables and the readers: what a refused request must leave alone. */
  const newsletterTables = async () => {
    const db = t.database.db;
    return {
      readers: await db.selectFrom('readers').selectAll().orderBy('id').execute(),
      subscriptions: await db.selectFrom('newsletter_subscriptions').selectAll().orderBy('id').execute(),
      confirmations: await db.selectFrom('newsletter_confirmations').selectAll().orderBy('id').execute(),
    };
  };

  const signUp = async (email: string, ids: number[], extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/newsletters/inscription',
      headers: SAME_SITE,
      payload: `${form({ email, altcha: await solvedProof(t.app), source: 'newsletter', ...extra })}&${ids.map((id) => `newsletters=${id}`).join('&')}`,
    });

  it('signs up for two newsletters, confirms once from the mail received, then manages and unsubscribes in one click', async () => {
    const res = await signUp('Zoe.Durand@Exemple.fr', [morning.id, picks.id]);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/newsletters/inscription?envoye=1');
    // Nothing about the address is stored but the hashed link.
    assert.equal((await t.database.db.selectFrom('readers').selectAll().execute()).length, 0);
    const mail = await smtp.next();
    assert.match(mail.subject ?? '', /Confirmez votre inscription/);
    const link = /https?:\/\/\S+\/newsletters\/confirmation\/\S+/.exec(mail.text ?? '')?.[0];
    assert.ok(link);
    const path = new URL(link).pathname;
    const stored = await t.database.db.selectFrom('newsletter_confirmations').select('token_hash').execute();
    assert.ok(stored.every((r) => !link.includes(r.token_hash)));

    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    const csrf = await csrfPair(t.app);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(confirmed.statusCode, 303);
    const manage = String(confirmed.headers.location);
    assert.match(manage, /^\/newsletters\/mes-newsletters\/[^/?]+\?ok=confirme$/);
    const subs = await t.database.db
      .selectFrom('newsletter_subscriptions')
      .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
      .select(['email', 'newsletter_subscriptions.status', 'consent_source', 'newsletter_id'])
      .orderBy('newsletter_id')
      .execute();
    assert.deepEqual(
      subs.map((s) => [s.email, s.status, s.newsletter_id]),
      [
        ['zoe.durand@exemple.fr', 'active', morning.id],
        ['zoe.durand@exemple.fr', 'active', picks.id],
      ],
    );
    assert.match(subs[0].consent_source, /page Newsletter/);

    // The link served once: reused, it is a 410 in French and changes nothing.
    const again = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /n’est plus valable/);
    assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 410);

    // Mes newsletters: untick the Pépites.
    const managePage = await t.app.inject({ method: 'GET', url: manage });
    assert.equal(managePage.statusCode, 200);
    assert.match(managePage.body, /Votre inscription est confirmée/);
    const token = manage.split('/')[3].split('?')[0];
    const saved = await t.app.inject({
      method: 'POST',
      url: `/newsletters/mes-newsletters/${token}`,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token, newsletters: String(morning.id) }),
    });
    assert.equal(saved.statusCode, 303);
    const statuses = await t.database.db
      .selectFrom('newsletter_subscriptions')
      .select(['newsletter_id', 'status'])
      .orderBy('newsletter_id')
      .execute();
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['active', 'unsubscribed'],
    );

    // One-click unsubscribe (RFC 8058): a POST without cookie or token, no redirect.
    const reader = await t.database.db.selectFrom('readers').select('id').executeTakeFirstOrThrow();
    const secret = await newsletterSecret(t.app.kiosque);
    const unsub = await t.app.inject({
      method: 'POST',
      url: `/newsletters/desabonnement/${unsubscribeToken(secret, reader.id, morning.id)}`,
      headers: FORM,
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(unsub.statusCode, 200);
    assert.match(unsub.body, /Désabonnement enregistré/);
    const after1 = await t.database.db
      .selectFrom('newsletter_subscriptions')
      .select('status')
      .where('newsletter_id', '=', morning.id)
      .executeTakeFirstOrThrow();
    assert.equal(after1.status, 'unsubscribed');
    assert.equal(token, manageToken(secret, reader.id));
  });

  it('answers the same for an address already subscribed, and sends the same confirmation', async () => {
    const first = await signUp('deja@exemple.fr', [morning.id]);
    await smtp.next();
    const second = await signUp('deja@exemple.fr', [morning.id]);
    assert.equal(first.statusCode, second.statusCode);
    assert.equal(first.headers.location, second.headers.location);
    assert.match((await smtp.next()).subject ?? '', /Confirmez/);
  });

  it('refuses bad input in French and stores nothing: malformed address, no newsletter, unknown newsletter, cross-site post', async () => {
    const before1 = await newsletterTables();
    const bad = await signUp('pas-une-adresse', [morning.id]);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /adresse électronique valable/);
    const none = await signUp('lea@exemple.fr', []);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Cochez au moins une newsletter/);
    const unknown = await signUp('lea@exemple.fr', [999999]);
    assert.equal(unknown.statusCode, 422);
    const cross = await t.app.inject({
      method: 'POST',
      url: '/newsletters/inscription',
      headers: { ...FORM, 'sec-fetch-site': 'cross-site' },
      payload: form({ email: 'lea@exemple.fr', newsletters: String(morning.id) }),
    });
    assert.equal(cross.statusCode, 403);
    assert.deepEqual(await newsletterTables(), before1);
  });

  it('refuses forged and expired links: nothing changes', async () => {
    const secret = await newsletterSecret(t.app.kiosque);
    const before0 = await newsletterTables();
    const real = unsubscribeToken(secret, 1, morning.id);
    for (const forged of [
      real.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      `2${real}`,
      'abc',
      `${(2).toString(36)}.${morning.id.toString(36)}.${real.split('.')[2]}`,
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/newsletters/desabonnement/${forged}`,
        headers: FORM,
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.statusCode, 404, forged);
      assert.match(res.body, /lien n’est pas valable/);
    }
    const forgedManage = await t.app.inject({ method: 'GET', url: `/newsletters/mes-newsletters/${manageToken('autre-secret', 1)}` });
    assert.equal(forgedManage.statusCode, 404);
    assert.deepEqual(await newsletterTables(), before0);
    // An expired confirmation link.
    await signUp('tard@exemple.fr', [morning.id]);
    const link = /\/newsletters\/confirmation\/\S+/.exec((await smtp.next()).text ?? '')?.[0] ?? '';
    await t.database.db
      .updateTable('newsletter_confirmations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const before1 = await newsletterTables();
    const csrf = await csrfPair(t.app);
    const expired = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { ...FORM, cookie: csrf.cookie },
      payload: form({ _csrf: csrf.token }),
    });
    assert.equal(expired.statusCode, 410);
    assert.deepEqual(await newsletterTables(), before1);
  });

  it('the confirmation and Mes newsletters refuse a missing or forged CSRF token, from here or another site, and change nothing', async () => {
    await signUp('csrf@exemple.fr', [morning.id]);
    const link = /\/newsletters\/confirmation\/\S+/.exec((await smtp.next()).text ?? '')?.[0] ?? '';
    const secret = await newsletterSecret(t.app.kiosque);
    const before1 = await newsletterTables();
    const csrf = await csrfPair(t.app);
    for (const url of [link, `/newsletters/mes-newsletters/${manageToken(secret, 1)}`]) {
      for (const attempt of [
        { headers: { ...FORM, cookie: csrf.cookie }, payload: form({ newsletters: String(morning.id) }) },
        { headers: { ...FORM, cookie: csrf.cookie }, payload: form({ _csrf: 'faux', newsletters: String(morning.id) }) },
        {
          headers: { ...FORM, cookie: csrf.cookie, 'sec-fetch-site': 'cross-site' },
          payload: form({ _csrf: csrf.token, newsletters: String(morning.id) }),
        },
      ]) {
        const res = await t.app.inject({ method: 'POST', url, ...attempt });
        assert.equal(res.statusCode, 403, url);
        assert.match(res.body, /Requête refusée par mesure de sécurité/);
      }
    }
    assert.deepEqual(await newsletterTables(), before1);
  });
});
