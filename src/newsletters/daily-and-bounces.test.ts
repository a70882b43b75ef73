import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { nextParisHour } from './daily-edition-job.ts';
import { SOFT_BOUNCE_LIMIT } from './newsletter-repository.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { createNewsletter as createNewsletterOperation } from './newsletter-admin-operations.ts';
import { returnPathFor } from './newsletter-transport.ts';

const SECRET = 'un-secret-de-webhook-assez-long';

it('the daily hour is Paris time, in winter and in summer', () => {
  assert.equal(nextParisHour(7, new Date('2026-12-03T10:00:00Z')).toISOString(), '2026-12-04T06:00:00.000Z');
  assert.equal(nextParisHour(7, new Date('2026-07-01T04:00:00Z')).toISOString(), '2026-07-01T05:00:00.000Z');
});

forEachDatabase('daily editions and bounce notifications', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { NEWSLETTER_WEBHOOK_SECRET: SECRET } });
  });
  after(() => t?.close());

  it('a newsletter with an hour gets its daily job; at that hour an edition is composed and waits for approval', async () => {
    const db = t.database.db;
    const id = await createNewsletterOperation(t.app.kiosque, SYSTEM_ACTOR, {
      name: 'Le matin',
      senderName: 'La Rédaction',
      senderEmail: 'matin@exemple.fr',
      sendHour: 7,
      needsApproval: true,
    });
    const job = await db.selectFrom('jobs').selectAll().where('unique_key', '=', `newsletter-daily:${id}`).executeTakeFirstOrThrow();
    assert.ok(job.run_at > new Date().toISOString());
    await db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', job.id)
      .execute();
    await jobRunnerOf(t.app.kiosque)?.runDue();
    const editions = await db.selectFrom('newsletter_editions').selectAll().where('newsletter_id', '=', id).execute();
    assert.equal(editions.length, 1);
    assert.equal(editions[0].status, 'awaiting_approval');
    const next = await db.selectFrom('jobs').selectAll().where('unique_key', '=', `newsletter-daily:${id}`).executeTakeFirstOrThrow();
    assert.equal(next.status, 'pending');
    assert.ok(next.run_at > new Date().toISOString(), 'tomorrow’s edition is queued');
  });

  const post = (body: string, signature?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/newsletters/rebonds',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-kiosque-signature': signature } : {}) },
      payload: body,
    });
  const sign = (body: string) => `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;

  it('a signed hard bounce (VERP) or complaint unsubscribes; a soft bounce is counted; a forged one changes nothing', async () => {
    const db = t.database.db;
    const nl = await createNewsletter(db);
    const [hard] = await addSubscribers(db, nl.id, 3, 'rebond-webhook');
    const statuses = async () =>
      (
        await db
          .selectFrom('newsletter_subscriptions')
          .select(['reader_id', 'status', 'soft_bounces'])
          .where('newsletter_id', '=', nl.id)
          .orderBy('reader_id')
          .execute()
      ).map((r) => [r.status, Number(r.soft_bounces)]);
    const forged = JSON.stringify({ type: 'bounce', bounceType: 'hard', recipient: 'rebond-webhook-0@exemple.fr' });
    assert.equal((await post(forged)).statusCode, 401);
    assert.equal((await post(forged, sign(`${forged} `))).statusCode, 401);
    assert.deepEqual(await statuses(), [
      ['active', 0],
      ['active', 0],
      ['active', 0],
    ]);
    const bodies = [
      JSON.stringify({ type: 'bounce', bounceType: 'hard', returnPath: returnPathFor('rebonds@exemple.fr', 1, hard) }),
      JSON.stringify({ type: 'bounce', bounceType: 'soft', recipient: 'rebond-webhook-1@exemple.fr' }),
      JSON.stringify({ type: 'complaint', recipient: 'REBOND-webhook-2@exemple.fr' }),
    ];
    for (const body of bodies) assert.equal((await post(body, sign(body))).statusCode, 204);
    assert.deepEqual(await statuses(), [
      ['bounced', 0],
      ['active', 1],
      ['complained', 0],
    ]);
    const unreadable = '{"type":"autre"}';
    assert.equal((await post(unreadable, sign(unreadable))).statusCode, 422);
  });

  it(`soft bounces are counted on every newsletter of the address; the ${SOFT_BOUNCE_LIMIT}th ends them as bounced`, async () => {
    const db = t.database.db;
    const [first, second] = [await createNewsletter(db), await createNewsletter(db)];
    const [reader] = await addSubscribers(db, first.id, 1, 'rebond-doux');
    await db
      .insertInto('newsletter_subscriptions')
      .values({
        newsletter_id: second.id,
        reader_id: reader,
        status: 'active',
        consent_at: new Date().toISOString(),
        consent_source: 'test',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const subscriptions = async () =>
      (
        await db
          .selectFrom('newsletter_subscriptions')
          .select(['status', 'soft_bounces'])
          .where('reader_id', '=', reader)
          .orderBy('newsletter_id')
          .execute()
      ).map((r) => `${r.status}:${Number(r.soft_bounces)}`);
    const body = JSON.stringify({ type: 'bounce', bounceType: 'soft', returnPath: returnPathFor('rebonds@exemple.fr', 1, reader) });
    for (let i = 1; i < SOFT_BOUNCE_LIMIT; i++) assert.equal((await post(body, sign(body))).statusCode, 204);
    const below = `active:${SOFT_BOUNCE_LIMIT - 1}`;
    assert.deepEqual(await subscriptions(), [below, below]);
    assert.equal((await post(body, sign(body))).statusCode, 204);
    const bounced = `bounced:${SOFT_BOUNCE_LIMIT}`;
    assert.deepEqual(await subscriptions(), [bounced, bounced]);
    // An ended subscription counts no more.
    assert.equal((await post(body, sign(body))).statusCode, 204);
    assert.deepEqual(await subscriptions(), [bounced, bounced]);
  });
});
