// The bounce mailbox read over IMAP (imapflow) from a real IMAP server started by the test
// (test-imap-server.ts): delivery status notifications (RFC 3464) and abuse reports (ARF, RFC 5965)
// go through the same bounce rule as the webhook, once each, across readings.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { BOUNCE_MAILBOX_JOB, readBounceMailbox } from './bounce-mailbox.ts';
import { bounceNotices } from './bounce-message.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';
import { returnPathFor } from './newsletter-transport.ts';
import { startTestImapServer, type TestImapServer } from './test-imap-server.ts';

/** A delivery status notification, as Postfix writes one, sent back to `to`. */
function dsn(to: string, recipient: string, action: string, status: string): string {
  return `From: Mail Delivery System <MAILER-DAEMON@mx.exemple.net>
To: ${to}
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.exemple.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="FRONTIERE"

--FRONTIERE
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.exemple.net. Your message could not be delivered.

--FRONTIERE
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.exemple.net
Arrival-Date: Fri, 4 Dec 2026 10:00:00 +0100

Final-Recipient: rfc822; ${recipient}
Original-Recipient: rfc822;${recipient}
Action: ${action}
Status: ${status}
Diagnostic-Code: smtp; ${status.startsWith('5') ? '550 5.1.1 <user> unknown' : '452 4.2.2 mailbox full'}

--FRONTIERE
Content-Type: text/rfc822-headers

From: La Redaction <lettre@exemple.fr>
To: ${recipient}
Subject: L'essentiel du matin

--FRONTIERE--
`;
}

/** An abuse report (ARF) as a mailbox provider sends it, about a message whose envelope sender was `mailFrom`. */
function arf(mailFrom: string, recipient: string): string {
  return `From: Feedback Loop <fbl@fai.exemple.net>
To: rebonds@exemple.fr
Subject: Abuse report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

--ARF
Content-Type: text/plain; charset=us-ascii

This is an email abuse report.

--ARF
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: FBL/1.0
Version: 1
Original-Mail-From: <${mailFrom}>
Original-Rcpt-To: <${recipient}>

--ARF
Content-Type: message/rfc822

From: La Redaction <lettre@exemple.fr>
To: ${recipient}
Subject: L'essentiel du matin

Bonjour.
--ARF--
`;
}

const autoReply = `From: Lecteur <lecteur@exemple.org>
To: rebonds@exemple.fr
Subject: Absent du bureau
Auto-Submitted: auto-replied

Je suis absent jusqu'au 15.
`;

it('reads the reports a bounce mailbox receives: failed, delayed, delivered, complaint, and nothing else', async () => {
  const tagged = returnPathFor('rebonds@exemple.fr', 7, 42);
  assert.deepEqual(await bounceNotices(Buffer.from(dsn(tagged, 'a@exemple.org', 'failed', '5.1.1'))), [
    { type: 'bounce', bounceType: 'hard', recipient: 'a@exemple.org', returnPath: tagged },
  ]);
  assert.deepEqual(await bounceNotices(Buffer.from(dsn('rebonds@exemple.fr', 'B@exemple.org', 'delayed', '4.2.2'))), [
    { type: 'bounce', bounceType: 'soft', recipient: 'b@exemple.org', returnPath: undefined },
  ]);
  assert.deepEqual(await bounceNotices(Buffer.from(dsn(tagged, 'c@exemple.org', 'delivered', '2.0.0'))), []);
  assert.deepEqual(await bounceNotices(Buffer.from(arf(tagged, 'd@exemple.org'))), [
    { type: 'complaint', bounceType: 'hard', recipient: 'd@exemple.org', returnPath: tagged },
  ]);
  assert.deepEqual(await bounceNotices(Buffer.from(autoReply)), []);
  assert.deepEqual(await bounceNotices(Buffer.from('pas un message\r\n')), []);
});

forEachDatabase('the bounce mailbox, read over IMAP by the job runner', (database) => {
  let t: TestApp;
  let imap: TestImapServer;
  before(async () => {
    imap = await startTestImapServer();
    t = await createTestApp({ dialect: database.label, env: { NEWSLETTER_BOUNCE_IMAP_URL: imap.url } });
  });
  after(async () => {
    await t?.close();
    await imap?.close();
  });

  it('DSNs and complaints end or count subscriptions as the webhook does, each message once, flagged \\Seen', async () => {
    const db = t.database.db;
    const nl = await createNewsletter(db);
    const prefix = `imap-${database.label}`;
    const readers = await addSubscribers(db, nl.id, 4, prefix);
    const statuses = async () =>
      (
        await db
          .selectFrom('newsletter_subscriptions')
          .select(['status', 'soft_bounces'])
          .where('newsletter_id', '=', nl.id)
          .orderBy('reader_id')
          .execute()
      ).map((r) => [r.status, Number(r.soft_bounces)]);
    // Hard bounce sent back to the VERP address; a soft one named by address only; a complaint
    // whose original envelope sender is tagged; a delivery report; an auto-reply.
    imap.deliver(dsn(returnPathFor('rebonds@exemple.fr', 3, readers[0]), 'ailleurs@exemple.org', 'failed', '5.1.1'));
    imap.deliver(dsn('rebonds@exemple.fr', `${prefix}-1@exemple.fr`, 'failed', '4.2.2'));
    imap.deliver(arf(returnPathFor('rebonds@exemple.fr', 3, readers[2]), 'ailleurs@exemple.org'));
    imap.deliver(dsn('rebonds@exemple.fr', `${prefix}-3@exemple.fr`, 'delivered', '2.0.0'));
    imap.deliver(autoReply);

    // The application queued the reading at boot; the runner does it.
    const job = await db.selectFrom('jobs').select(['status']).where('unique_key', '=', BOUNCE_MAILBOX_JOB).executeTakeFirstOrThrow();
    assert.equal(job.status, 'pending');
    const runner = jobRunnerOf(t.app.kiosque);
    assert.ok(runner);
    await runner.runDue();
    assert.deepEqual(await statuses(), [
      ['bounced', 0],
      ['active', 1],
      ['complained', 0],
      ['active', 0],
    ]);
    assert.deepEqual(
      [...imap.flags().values()].map((flags) => flags.includes('\\Seen')),
      [true, true, true, true, true],
    );
    // The job queued its next reading, at the configured interval (60 s by default).
    const next = await db
      .selectFrom('jobs')
      .select(['status', 'run_at'])
      .where('unique_key', '=', BOUNCE_MAILBOX_JOB)
      .executeTakeFirstOrThrow();
    assert.equal(next.status, 'pending');
    assert.ok(Date.parse(next.run_at) > Date.now() + 30_000);

    // A later reading (a new connection, as after a restart) handles only what arrived since.
    imap.deliver(dsn('rebonds@exemple.fr', `${prefix}-1@exemple.fr`, 'delayed', '4.2.2'));
    assert.deepEqual(await readBounceMailbox(t.app.kiosque), { read: 1, notices: 1 });
    assert.deepEqual(await readBounceMailbox(t.app.kiosque), { read: 0, notices: 0 });
    assert.deepEqual(await statuses(), [
      ['bounced', 0],
      ['active', 2],
      ['complained', 0],
      ['active', 0],
    ]);
    assert.ok(imap.commands.includes('LOGIN rebonds'));
    assert.ok(imap.commands.some((c) => /^UID STORE 6 \+FLAGS/.test(c)));
  });
});
