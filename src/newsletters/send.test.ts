import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { insertEdition } from './edition-repository.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';
import { parseReturnPath } from './newsletter-transport.ts';
import { enqueueEditionSend, SOFT_ATTEMPTS } from './send-job.ts';
import { type SinkAnswer, startSmtpSink, type SmtpSink } from './test-smtp-sink.ts';

/** A header of a raw message as sent, unfolded (RFC 5322 §2.2.3). */
function rawHeader(raw: Buffer, name: string): string {
  const head = raw
    .toString()
    .split('\r\n\r\n')[0]
    .replace(/\r\n[ \t]+/g, ' ');
  return (
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? ''
  );
}

forEachDatabase('sending an edition over SMTP', (database) => {
  let t: TestApp;
  let sink: SmtpSink;
  const answers = new Map<string, SinkAnswer[]>();
  let publicKey = '';
  before(async () => {
    sink = await startSmtpSink({ answer: (to) => answers.get(to)?.shift() ?? 'accept' });
    const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const keyFile = path.join(fs.mkdtempSync('/tmp/kiosque-dkim-'), 'dkim.pem');
    fs.writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    t = await createTestApp({
      dialect: database.label,
      env: {
        PUBLIC_URL: 'https://journal.exemple.fr',
        NEWSLETTER_SMTP_URL: sink.url,
        NEWSLETTER_RETURN_PATH: 'rebonds@exemple.fr',
        DKIM_DOMAIN: 'exemple.fr',
        DKIM_SELECTOR: 'kiosque',
        DKIM_PRIVATE_KEY_FILE: keyFile,
      },
    });
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  async function sendAll(editionId: number) {
    await enqueueEditionSend(t.app.kiosque, editionId);
    const runner = jobRunnerOf(t.app.kiosque);
    assert.ok(runner);
    await runner.runDue();
  }

  it('sends each subscriber one message with the RFC 5322, 2369 and 8058 headers, signed with DKIM, text then HTML', async () => {
    const db = t.database.db;
    const section = await createSection(db);
    const article = await createArticle(db, { section, headline: 'Le port de Brest s’agrandit', lead: 'Trois ans de travaux: et après?' });
    const nl = await createNewsletter(db, { name: 'L’essentiel du matin' });
    const readers = await addSubscribers(db, nl.id, 5, 'matin');
    // An unsubscribed reader gets nothing.
    await db.updateTable('newsletter_subscriptions').set({ status: 'unsubscribed' }).where('reader_id', '=', readers[4]).execute();
    const editionId = await insertEdition(db, {
      newsletterId: nl.id,
      subject: 'Bonjour: voici la lettre',
      intro: 'Bonne lecture!',
      blocks: [
        { kind: 'article', articleId: article.id, role: 'lead' },
        { kind: 'text', text: 'Un mot de la rédaction.' },
      ],
      status: 'scheduled',
      createdBy: null,
    });
    const before1 = sink.messages.length;
    await sendAll(editionId);
    const received = sink.messages.slice(before1);
    assert.equal(received.length, 4);
    assert.deepEqual(received.map((m) => m.to[0]).sort(), [
      'matin-0@exemple.fr',
      'matin-1@exemple.fr',
      'matin-2@exemple.fr',
      'matin-3@exemple.fr',
    ]);
    const raw = received[0].raw;
    const mail = await simpleParser(raw);
    // RFC 8058 / 2369: an https URL, the one-click POST header, a List-Id.
    const listUnsub = rawHeader(raw, 'List-Unsubscribe');
    assert.match(listUnsub, /^<https:\/\/journal\.exemple\.fr\/newsletters\/desabonnement\/[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{32}>$/);
    assert.equal(rawHeader(raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(rawHeader(raw, 'List-Id'), /<lettre-[0-9-]+\.journal\.exemple\.fr>$/);
    // RFC 5322: Date, Message-ID, From.
    assert.ok(mail.date instanceof Date && !Number.isNaN(mail.date.getTime()));
    assert.match(mail.messageId ?? '', /^<edition-\d+\.\d+\.[0-9a-f]{12}@exemple\.fr>$/);
    assert.equal(mail.from?.value[0].address, 'lettre@exemple.fr');
    assert.equal(mail.replyTo?.value[0].address, 'redaction@exemple.fr');
    // VERP: the envelope sender names the edition and the reader.
    for (const m of received)
      assert.deepEqual(parseReturnPath(m.from), { editionId, readerId: readers[Number(/matin-(\d)@/.exec(m.to[0])?.[1])] });
    assert.match(received[0].from, /^rebonds\+e\d+-r\d+@exemple\.fr$/);
    // multipart/alternative, text/plain first.
    const bodyText = raw.toString();
    assert.match(bodyText, /Content-Type: multipart\/alternative/);
    assert.ok(bodyText.indexOf('Content-Type: text/plain') < bodyText.indexOf('Content-Type: text/html'));
    // French typography, links straight to the site, no pixel, alt on images.
    assert.match(mail.text ?? '', /Bonjour\u00a0: voici la lettre|Bonne lecture\u202f!/);
    assert.match(mail.html || '', /href="https:\/\/journal\.exemple\.fr\/rubrique-\d+\/article-\d+"/);
    assert.doesNotMatch(mail.html || '', /<img(?![^>]*\balt=)[^>]*>/);
    // The visible unsubscribe link is the same one-click URL; the manage link too.
    assert.ok((mail.html || '').includes(listUnsub.slice(1, -1)));
    assert.match(mail.text ?? '', /Mes newsletters : https:\/\/journal\.exemple\.fr\/newsletters\/mes-newsletters\//);
    // DKIM verified by an independent library (mailauth), the list headers among the signed ones.
    const result = await dkimVerify(raw, {
      resolver: async (name: string, type: string) => {
        assert.equal(`${name}/${type}`, 'kiosque._domainkey.exemple.fr/TXT');
        return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
      },
    });
    assert.equal(result.results[0].status.result, 'pass', JSON.stringify(result.results[0].status));
    const signed = /^DKIM-Signature:[\s\S]*?\bh=([^;]+);/m.exec(raw.toString())?.[1].replace(/\s+/g, '') ?? '';
    assert.match(signed, /List-Unsubscribe:List-Unsubscribe-Post/i);
    const edition = await db.selectFrom('newsletter_editions').selectAll().where('id', '=', editionId).executeTakeFirstOrThrow();
    assert.equal(edition.status, 'sent');
    assert.equal(edition.recipients, 4);
  });

  it('a 5xx unsubscribes the address, a 4xx is retried then counted, a cut connection is retried', async () => {
    const db = t.database.db;
    const nl = await createNewsletter(db);
    await addSubscribers(db, nl.id, 3, 'rebond');
    answers.set('rebond-0@exemple.fr', ['reject-hard']);
    answers.set('rebond-1@exemple.fr', Array(SOFT_ATTEMPTS).fill('reject-soft'));
    answers.set('rebond-2@exemple.fr', ['close']);
    const editionId = await insertEdition(db, {
      newsletterId: nl.id,
      subject: 'Rebonds',
      blocks: [{ kind: 'text', text: 'Texte.' }],
      status: 'scheduled',
      createdBy: null,
    });
    for (let round = 0; round < SOFT_ATTEMPTS + 1; round++) {
      await sendAll(editionId);
      // Soft failures wait; bring their time forward rather than wait in a test.
      await db.updateTable('newsletter_sends').set({ next_attempt_at: null }).where('edition_id', '=', editionId).execute();
    }
    const rows = await db
      .selectFrom('newsletter_sends')
      .select(['email', 'status', 'attempts'])
      .where('edition_id', '=', editionId)
      .orderBy('email')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.email, r.status]),
      [
        ['rebond-0@exemple.fr', 'failed'],
        ['rebond-1@exemple.fr', 'given_up'],
        ['rebond-2@exemple.fr', 'sent'],
      ],
    );
    const subs = await db
      .selectFrom('newsletter_subscriptions')
      .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
      .select(['readers.email', 'newsletter_subscriptions.status', 'soft_bounces'])
      .where('newsletter_id', '=', nl.id)
      .orderBy('readers.email')
      .execute();
    assert.deepEqual(
      subs.map((s) => [s.status, Number(s.soft_bounces)]),
      [
        ['bounced', 0],
        ['active', 1],
        ['active', 0],
      ],
    );
  });
});
