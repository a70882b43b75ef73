import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs, paragraphs, postFormAs } from '../../test/support/newsroom.ts';
import { postComment, signInReader } from '../../test/support/readers.ts';
import { manageToken, newsletterSecret, unsubscribeToken } from '../newsletters/newsletter-links.ts';
import { endSubscriptions } from '../newsletters/newsletter-repository.ts';
import { addSubscribers, createNewsletter } from '../newsletters/newsletter-test-fixtures.ts';
import { unsubscribeOneClick, updateSubscriptions } from '../newsletters/subscription-operations.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { createArticle, deleteArticle, publishArticle, unpublishArticle, updateArticle } from '../articles/operations/index.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { DELIVERY_ATTEMPTS, FAILURES_BEFORE_DISABLE, WEBHOOK_NOTICE_JOB } from './webhook-operations.ts';
import { postWebhook } from './webhook-sender.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver whose answer each test chooses: a status, or no answer at all. */
async function startReceiver() {
  const received: Received[] = [];
  let answer: number | 'silence' = 200;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (answer === 'silence') return;
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'bien reçu' : `erreur ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kiosque`,
    received,
    answer(next: number | 'silence') {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('a receiver that does not answer in time is a failure with a French reason', async () => {
  const receiver = await startReceiver();
  try {
    receiver.answer('silence');
    const result = await postWebhook(receiver.url, { 'content-type': 'application/json' }, '{}', { allowPrivate: true, timeoutMs: 200 });
    assert.equal(result.ok, false);
    assert.match(result.error ?? '', /Pas de réponse/);
    const refused = await postWebhook(receiver.url, {}, '{}', { allowPrivate: false });
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? '', /127\.0\.0\.1 refusée/);
    assert.equal(receiver.received.length, 1, 'nothing sent to a refused address');
  } finally {
    await receiver.close();
  }
});

for (const engine of testDatabases()) {
  describe(`webhooks [${engine.label}]`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let room: Awaited<ReturnType<typeof createNewsroom>>;

    before(async () => {
      t = await createTestApp({ dialect: engine.label, env: { WEBHOOKS_ALLOW_PRIVATE: '1' } });
      room = await createNewsroom(t.app.kiosque.db);
      admin = await signInAs(t.app, 'administrateur');
      receiver = await startReceiver();
    });
    after(async () => {
      await receiver.close();
      await t.close();
    });

    const db = () => t.app.kiosque.db;
    const runJobs = () => jobRunnerOf(t.app.kiosque)!.runDue();
    const deliveries = (endpointId: number) =>
      db().selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();

    async function addEndpoint(events: string[] = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted']) {
      const response = await postFormAs(t.app, admin, '/admin/webhooks', { url: receiver.url, description: 'Réseaux sociaux', events });
      assert.equal(response.statusCode, 303, response.body);
      const id = Number(/\/admin\/webhooks\/(\d+)\?ok=ajoute$/.exec(String(response.headers.location))?.[1]);
      assert.ok(id > 0);
      return db().selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }

    async function publishedArticle(headline: string) {
      const { id } = await createArticle(t.app.kiosque, admin.actor, {
        format: 'actualite',
        sectionId: room.section.id,
        kicker: 'Diplomatie',
        headline,
        lead: 'Les deux délégations se sont retrouvées à l’aube.',
        body: paragraphs('Le sommet s’est ouvert mardi matin.'),
        heroImageId: room.image.id,
        authorPersonIds: [room.staff.id],
        tags: ['Diplomatie'],
      });
      await publishArticle(t.app.kiosque, admin.actor, id);
      return id;
    }

    test('a reader posts a comment: one signed comment.created delivery, with the comment and its article', async () => {
      const endpoint = await addEndpoint(['comment.created']);
      const articleId = await publishedArticle('Les glaciers des Alpes reculent encore');
      const reader = await signInReader(t.app, { approvedOn: articleId });
      const from = receiver.received.length;
      const posted = await postComment(
        t.app,
        reader,
        articleId,
        { body: 'Merci pour ce point très clair sur les glaciers.' },
        { json: true },
      );
      assert.ok(posted.statusCode < 300, posted.body);
      await runJobs();
      const received = receiver.received.slice(from);
      const bodies = received.map((r) => JSON.parse(r.body) as { type: string; data: { comment: Record<string, unknown> } });
      assert.deepEqual(
        bodies.map((b) => b.type),
        ['comment.created'],
        'the article’s own publication is not an event this endpoint asked for',
      );
      assert.ok(verifyWebhookSignature(endpoint.secret, received[0]!.headers, received[0]!.body));
      const comment = bodies[0]!.data.comment;
      assert.equal(comment.body, 'Merci pour ce point très clair sur les glaciers.');
      assert.equal(comment.status, 'published');
      assert.deepEqual(comment.author, { name: reader.name });
      const article = comment.article as { id: number; url: string; headline: string };
      assert.equal(article.id, articleId);
      assert.equal(article.headline, 'Les glaciers des Alpes reculent encore');
      assert.match(article.url, /\/international\/les-glaciers-des-alpes-reculent-encore$/);
      assert.equal((await deliveries(endpoint.id))[0]!.event_type, 'comment.created');
      await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}/supprimer`, {});
      receiver.received.length = from; // the other tests read the receiver from the start
    });

    test('an address joins a newsletter on « Mes newsletters », then leaves it in one click: subscriber.added, subscriber.removed', async () => {
      const endpoint = await addEndpoint(['subscriber.added', 'subscriber.removed']);
      const ctx = t.app.kiosque;
      const newsletter = await createNewsletter(db(), { name: 'Le Matin des glaciers' });
      const [readerId] = await addSubscribers(db(), newsletter.id, 1, 'glacier');
      await endSubscriptions(db(), {
        readerId: readerId!,
        newsletterId: newsletter.id,
        status: 'unsubscribed',
        now: new Date().toISOString(),
      });
      const from = receiver.received.length;
      await runJobs();
      assert.equal(receiver.received.length - from, 1, 'one removal');
      const secret = await newsletterSecret(ctx);
      // Ticked again by the reader: added; ticked while active: nothing new.
      await updateSubscriptions(ctx, manageToken(secret, readerId!), [String(newsletter.id)]);
      await updateSubscriptions(ctx, manageToken(secret, readerId!), [String(newsletter.id)]);
      await unsubscribeOneClick(ctx, unsubscribeToken(secret, readerId!, newsletter.id));
      await unsubscribeOneClick(ctx, unsubscribeToken(secret, readerId!, newsletter.id));
      await runJobs();
      const received = receiver.received.slice(from);
      const bodies = received.map((r) => JSON.parse(r.body) as { type: string; data: { subscriber: Record<string, unknown> } });
      assert.deepEqual(
        bodies.map((b) => b.type),
        ['subscriber.removed', 'subscriber.added', 'subscriber.removed'],
        'each change once, a repeated click or an unchanged choice announces nothing',
      );
      for (const r of received) assert.ok(verifyWebhookSignature(endpoint.secret, r.headers, r.body));
      const added = bodies[1]!.data.subscriber;
      assert.equal(added.id, readerId);
      assert.match(String(added.email), /^glacier/);
      assert.deepEqual(added.newsletter, { slug: newsletter.slug, name: 'Le Matin des glaciers' });
      await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}/supprimer`, {});
      receiver.received.length = from;
    });

    test('publish, update, unpublish, delete: one signed delivery each, verified with the documented recipe', async () => {
      const endpoint = await addEndpoint();
      const page = await getAs(t.app, admin, `/admin/webhooks/${endpoint.id}?ok=ajoute`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(endpoint.secret.replaceAll('=', '&#61;')), 'the secret is shown to the administrator');
      assert.match(page.body, /Le webhook est ajouté/);

      // A draft nobody can see announces nothing.
      const { id: draftId } = await createArticle(t.app.kiosque, admin.actor, {
        format: 'actualite',
        sectionId: room.section.id,
        headline: 'Brouillon',
      });
      const id = await publishedArticle('Sommet de l’Arctique : « un accord historique »');
      const { revision } = await db().selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow();
      await updateArticle(t.app.kiosque, admin.actor, id, revision, {
        format: 'actualite',
        sectionId: room.section.id,
        kicker: 'Diplomatie',
        headline: 'Sommet de l’Arctique : l’accord signé',
        lead: 'Les deux délégations se sont retrouvées à l’aube.',
        body: paragraphs('Le sommet s’est ouvert mardi matin.'),
        heroImageId: room.image.id,
        authorPersonIds: [room.staff.id],
        tags: ['Diplomatie'],
      });
      await unpublishArticle(t.app.kiosque, admin.actor, id);
      await deleteArticle(t.app.kiosque, admin.actor, id);
      await deleteArticle(t.app.kiosque, admin.actor, draftId);

      // Queued in the transaction of each change (one delivery row per event), sent by the job runner.
      assert.equal((await deliveries(endpoint.id)).length, 4);
      await runJobs();
      const bodies = receiver.received.map(
        (r) => JSON.parse(r.body) as { id: string; type: string; data: { article: Record<string, unknown> } },
      );
      assert.deepEqual(
        bodies.map((b) => b.type),
        ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'],
      );
      for (const r of receiver.received) assert.ok(verifyWebhookSignature(endpoint.secret, r.headers, r.body), 'signature verified');
      const published = bodies[0]!.data.article;
      assert.equal(published.headline, 'Sommet de l’Arctique : « un accord historique »');
      assert.match(String(published.url), /\/international\/sommet-de-l-arctique/);
      assert.deepEqual(published.authors, [{ name: 'Jeanne Reporter', slug: room.staff.slug }]);
      assert.equal(bodies[1]!.data.article.headline, 'Sommet de l’Arctique : l’accord signé');
      assert.equal(bodies[3]!.data.article.status, 'deleted');
      assert.equal(new Set(bodies.map((b) => b.id)).size, 4, 'one event id per event');
      assert.equal(receiver.received[0]!.headers['webhook-id'], bodies[0]!.id);

      const log = await deliveries(endpoint.id);
      assert.deepEqual(
        log.map((d) => [d.status, d.attempts, d.response_status, d.response_excerpt]),
        Array(4).fill(['succeeded', 1, 200, 'bien reçu']),
      );
      const list = await getAs(t.app, admin, '/admin/webhooks');
      assert.match(list.body, /<br><span class="field__hint">Réseaux sociaux<\/span>/, 'description shown as text under the address');
      assert.match(list.body, /Livré \(\d/);
      const screen = await getAs(t.app, admin, `/admin/webhooks/${endpoint.id}`);
      assert.match(screen.body, /Article dépublié/);
      assert.match(screen.body, /Livré/);

      // "Renvoyer": the same event id and body again.
      const resend = await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}/envois/${log[0]!.id}/renvoyer`, {});
      assert.equal(resend.statusCode, 303);
      await runJobs();
      const again = receiver.received.at(-1)!;
      assert.equal(again.headers['webhook-id'], bodies[0]!.id);
      assert.equal(again.body, receiver.received[0]!.body);
      await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}/supprimer`, {});
    });

    test('failures are retried with growing delays; after repeated failures the endpoint is disabled and administrators told', async () => {
      const endpoint = await addEndpoint(['article.published']);
      const mailDir = path.join(t.config.dataDir, 'mail');
      receiver.answer(500);
      try {
        for (let n = 1; n <= FAILURES_BEFORE_DISABLE; n++) {
          await publishedArticle(`Dépêche numéro ${n}`);
          await runJobs();
          const [delivery] = (await deliveries(endpoint.id)).slice(-1);
          assert.equal(delivery!.status, 'pending', 'kept for a retry');
          assert.equal(delivery!.response_status, 500);
          const job = await db()
            .selectFrom('jobs')
            .selectAll()
            .where('unique_key', '=', `webhook:delivery:${delivery!.id}`)
            .executeTakeFirstOrThrow();
          assert.equal(job.status, 'pending');
          assert.ok(Date.parse(job.run_at) > Date.now() + 5_000, 'retried later, not at once');
          // The remaining attempts fail too (moved to now rather than waited for).
          await db()
            .updateTable('jobs')
            .set({ attempts: DELIVERY_ATTEMPTS - 1, run_at: new Date(Date.now() - 1000).toISOString() })
            .where('id', '=', job.id)
            .execute();
          // The mail is down when the endpoint is disabled: its folder is a file, so writing fails.
          if (n === FAILURES_BEFORE_DISABLE) {
            fs.mkdirSync(mailDir, { recursive: true });
            fs.renameSync(mailDir, `${mailDir}-de-cote`);
            fs.writeFileSync(mailDir, 'pas un dossier');
          }
          await runJobs();
          const given = await db().selectFrom('webhook_deliveries').selectAll().where('id', '=', delivery!.id).executeTakeFirstOrThrow();
          assert.equal(given.status, 'failed');
          assert.equal(given.attempts, 2);
        }
        const disabled = await db().selectFrom('webhook_endpoints').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
        assert.equal(disabled.enabled, 0);
        assert.match(disabled.disabled_reason ?? '', /5 envois de suite ont échoué/);
        const audit = await db().selectFrom('audit_log').select('action').where('subject_type', '=', 'webhook').execute();
        assert.ok(audit.some((a) => a.action === 'webhook.disable'));
        // The notice failed with the mail, and waits for another try; once the mail is back, it goes.
        const noticeJob = await db().selectFrom('jobs').selectAll().where('kind', '=', WEBHOOK_NOTICE_JOB).executeTakeFirstOrThrow();
        assert.equal(noticeJob.status, 'pending');
        assert.equal(noticeJob.attempts, 1);
        assert.ok(noticeJob.last_error, 'the mail’s failure is kept on the job');
        fs.rmSync(mailDir);
        fs.renameSync(`${mailDir}-de-cote`, mailDir);
        await db()
          .updateTable('jobs')
          .set({ run_at: new Date(Date.now() - 1000).toISOString() })
          .where('id', '=', noticeJob.id)
          .execute();
        await runJobs();
        const mails = await Promise.all(fs.readdirSync(mailDir).map((f) => simpleParser(fs.readFileSync(path.join(mailDir, f)))));
        const notice = mails.find((m) => m.subject === 'Un webhook a été désactivé');
        assert.ok(notice, 'the administrators are told by mail');
        assert.match(notice.text ?? '', new RegExp(`${receiver.url.replaceAll('.', '\\.')} a été désactivé`));
        assert.match(notice.text ?? '', /Réponse 500 du destinataire/);
        const screen = await getAs(t.app, admin, `/admin/webhooks/${endpoint.id}`);
        assert.match(screen.body, /Ce webhook est désactivé/);

        // Nothing more is sent to a disabled endpoint; re-enabling it starts afresh.
        const before = receiver.received.length;
        await publishedArticle('Après la panne');
        await runJobs();
        assert.equal(receiver.received.length, before);
        receiver.answer(200);
        const enable = await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}`, {
          url: receiver.url,
          description: '',
          events: ['article.published'],
          enabled: '1',
        });
        assert.equal(enable.statusCode, 303);
        const test_ = await postFormAs(t.app, admin, `/admin/webhooks/${endpoint.id}/test`, {});
        assert.equal(test_.statusCode, 303);
        await runJobs();
        assert.equal(JSON.parse(receiver.received.at(-1)!.body).type, 'ping');
      } finally {
        receiver.answer(200);
      }
    });

    test('bad input, CSRF and roles: clear French errors, nothing stored', async () => {
      const count = async () => (await db().selectFrom('webhook_endpoints').select('id').execute()).length;
      const start = await count();
      for (const [fields, message] of [
        [{ url: 'ftp://exemple.fr/', events: ['article.published'] }, /Seules les adresses http/],
        [{ url: 'https://exemple.fr/', events: [] }, /au moins un événement/],
        [{ url: 'https://exemple.fr/', events: ['article.inconnu'] }, /Événement inconnu/],
        [{ url: '<script>alert(1)</script>', events: ['article.published'] }, /Adresse invalide/],
      ] as const) {
        const response = await postFormAs(t.app, admin, '/admin/webhooks', { description: '', ...fields });
        assert.equal(response.statusCode, 422);
        assert.match(response.body, message);
        assert.ok(!response.body.includes('<script>alert(1)</script>'), 'escaped');
      }
      const forged = await postFormAs(
        t.app,
        admin,
        '/admin/webhooks',
        { url: 'https://exemple.fr/', events: 'article.published' },
        { csrf: false },
      );
      assert.equal(forged.statusCode, 403);
      const editor = await signInAs(t.app, 'editeur');
      assert.equal((await getAs(t.app, editor, '/admin/webhooks')).statusCode, 403);
      assert.equal(
        (await postFormAs(t.app, editor, '/admin/webhooks', { url: 'https://exemple.fr/', events: 'article.published' })).statusCode,
        403,
      );
      assert.equal((await getAs(t.app, admin, '/admin/webhooks/99999999999')).statusCode, 404);
      assert.equal((await getAs(t.app, admin, '/admin/webhooks/0x10')).statusCode, 404);
      assert.equal(await count(), start);
    });
  });
}
