import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { form, postComment, signInReader } from '../../test/support/readers.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { verifyWebhookSignature } from '../webhooks/webhook-signature.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A toxicity classifier on 127.0.0.1: its answer depends on the comment's words. */
function startClassifier(received: Received[]): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const text = (JSON.parse(body) as { comment: { text: string } }).comment.text;
      if (text.includes('panne')) {
        response.writeHead(500).end('erreur interne');
        return;
      }
      if (text.includes('charabia')) {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"toxicite": "haute"}');
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ score: text.includes('venimeux') ? 0.97 : 0.1 }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

forEachDatabase('external comment classifier', (database) => {
  let t: TestApp;
  let classifier: http.Server;
  let admin: SignedIn;
  let secret: string;
  let articleId: number;
  const received: Received[] = [];
  before(async () => {
    t = await createTestApp({ dialect: database.label, env: { POW_MAX_NUMBER: '2000', WEBHOOKS_ALLOW_PRIVATE: '1' } });
    classifier = await startClassifier(received);
    admin = await signInAs(t.app, 'administrateur');
    articleId = (await createArticle(t.database.db, { section: await createSection(t.database.db) })).id;
  });
  after(async () => {
    await t?.close();
    await new Promise((resolve) => classifier?.close(resolve));
  });

  const db = () => t.database.db;
  const THRESHOLDS = { spamThreshold: '0,9', alertThreshold: '5', alertWindowHours: '2' };
  const saveSettings = (who: SignedIn, fields: { url: string; threshold: string } & Partial<typeof THRESHOLDS>) =>
    t.app.inject({
      method: 'POST',
      url: '/admin/commentaires/reglages',
      headers: { ...FORM, cookie: who.cookie },
      payload: form({ _csrf: who.csrfToken, ...THRESHOLDS, ...fields, classifierUrl: fields.url, classifierThreshold: fields.threshold }),
    });

  /** A post by a reader whose earlier comment was approved: the built-in rules publish it at once. */
  async function post(text: string): Promise<number> {
    const reader = await signInReader(t.app, { approvedOn: articleId });
    // Each reader from their own address (the burst rule counts per address).
    const response = await postComment(
      t.app,
      reader,
      articleId,
      { body: text },
      { json: true, remoteAddress: `203.0.113.${reader.id % 250}` },
    );
    assert.equal(response.statusCode, 201, response.body);
    const { id, status } = response.json() as { id: number; status: string };
    assert.equal(status, 'visible', 'the built-in rules published it: the classifier never delays a post');
    return id;
  }

  /** Waits for the classification job of a comment to have run once. */
  async function classified(commentId: number) {
    const started = Date.now();
    for (;;) {
      const job = await db()
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'comment-classify')
        .where('payload', '=', JSON.stringify({ commentId }))
        .executeTakeFirst();
      if (job && (job.status === 'done' || job.attempts > 0) && job.status !== 'running') return job;
      assert.ok(Date.now() - started < 10_000, 'the job ran within seconds');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const comment = (id: number) => db().selectFrom('comments').select(['status', 'rules']).where('id', '=', id).executeTakeFirstOrThrow();
  const visibleCount = async () =>
    (await db().selectFrom('comment_threads').select('visible_count').where('article_id', '=', articleId).executeTakeFirst())
      ?.visible_count ?? 0;

  it('only administrators set it; bad input is refused in French with nothing stored; the secret is shown once', async () => {
    const moderator = await signInAs(t.app, 'moderateur');
    assert.equal((await saveSettings(moderator, { url: 'http://127.0.0.1/', threshold: '0,8' })).statusCode, 403);
    const bad = await saveSettings(admin, { url: 'ftp://exemple.fr/x', threshold: '2' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Adresse du classificateur invalide/);
    assert.equal(await db().selectFrom('comment_classifier').select('id').executeTakeFirst(), undefined, 'nothing stored');
    const badThreshold = await saveSettings(admin, { url: 'https://exemple.fr/x', threshold: 'beaucoup' });
    assert.equal(badThreshold.statusCode, 422);
    assert.match(badThreshold.body, /Seuil du classificateur : un nombre entre 0 et 1/);
    const badWindow = await saveSettings(admin, { url: 'https://exemple.fr/x', threshold: '0,8', alertWindowHours: '0' });
    assert.equal(badWindow.statusCode, 422);
    assert.match(badWindow.body, /Fenêtre d’alerte : un nombre entier entre 1 et 168/);
    assert.match(badWindow.body, /aria-invalid="true"/);
    assert.equal(await db().selectFrom('comment_classifier').select('id').executeTakeFirst(), undefined, 'still nothing stored');

    const { port } = classifier.address() as AddressInfo;
    const saved = await saveSettings(admin, {
      url: `http://127.0.0.1:${port}/classer`,
      threshold: '0,8',
      spamThreshold: '0,95',
      alertThreshold: '7',
      alertWindowHours: '3',
    });
    assert.equal(saved.statusCode, 200);
    const settings = await db()
      .selectFrom('settings')
      .select(['comments_spam_threshold', 'comments_alert_threshold', 'comments_alert_window_hours'])
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [settings.comments_spam_threshold, settings.comments_alert_threshold, settings.comments_alert_window_hours],
      [0.95, 7, 3],
    );
    secret = (/<code class="secret">(whsec_[^<]+)<\/code>/.exec(saved.body)?.[1] ?? '').replaceAll('&#61;', '=');
    assert.ok(secret, 'the secret is on the answer');
    const again = await t.app.inject({ method: 'GET', url: '/admin/commentaires/reglages', headers: { cookie: admin.cookie } });
    assert.doesNotMatch(again.body, /whsec_/, 'and never again');
    assert.match(again.body, /name="classifierThreshold" value="0,8"/);
    assert.match(again.body, /name="spamThreshold" value="0,95"/);
  });

  it('a comment the classifier scores above the threshold goes back to the queue, with the rule logged and the count right', async () => {
    const countBefore = await visibleCount();
    const id = await post('Un commentaire venimeux à souhait.');
    assert.equal(await visibleCount(), countBefore + 1);
    const job = await classified(id);
    assert.equal(job.status, 'done');
    const stored = await comment(id);
    assert.equal(stored.status, 'pending');
    assert.deepEqual(
      (JSON.parse(stored.rules) as { rule: string; detail: string }[]).map((r) => [r.rule, r.detail]),
      [['classificateur', 'score 0.97 (seuil 0.80)']],
    );
    assert.equal(await visibleCount(), countBefore, 'the article count follows');

    const sent = received.find((r) => r.body.includes('venimeux'));
    assert.ok(sent, 'the classifier received it');
    const storedSecret = (await db().selectFrom('comment_classifier').select('secret').executeTakeFirstOrThrow()).secret;
    assert.equal(secret, storedSecret);
    assert.ok(verifyWebhookSignature(secret, sent.headers as Record<string, string>, sent.body), 'signed with the secret');
    assert.doesNotMatch(sent.body, /@exemple\.fr/, 'never the reader’s e-mail');

    const fine = await post('Un avis mesuré sur la question.');
    assert.equal((await classified(fine)).status, 'done');
    assert.equal((await comment(fine)).status, 'visible', 'a low score changes nothing');
  });

  it('a classifier that fails, answers nonsense or cannot be reached neither loses nor blocks the comment', async () => {
    for (const text of ['Un avis en panne de classement.', 'Un avis qui reçoit du charabia.']) {
      const id = await post(text);
      const job = await classified(id);
      assert.equal(job.status, 'pending', 'retried later');
      assert.match(job.last_error ?? '', /Classificateur/);
      assert.equal((await comment(id)).status, 'visible', 'the built-in rules’ verdict stands');
    }
    await db().updateTable('comment_classifier').set({ url: 'http://127.0.0.1:9/injoignable' }).execute();
    const id = await post('Un avis quand le classificateur est éteint.');
    const job = await classified(id);
    assert.match(job.last_error ?? '', /Connexion refusée/);
    assert.equal((await comment(id)).status, 'visible');

    // Turned off: nothing is sent any more.
    assert.equal((await saveSettings(admin, { url: '', threshold: '0,8' })).statusCode, 200);
    const before = await db().selectFrom('jobs').select('id').where('kind', '=', 'comment-classify').execute();
    await post('Un avis sans classificateur.');
    const afterwards = await db().selectFrom('jobs').select('id').where('kind', '=', 'comment-classify').execute();
    assert.equal(afterwards.length, before.length);
  });
});
