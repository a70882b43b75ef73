import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CSRF_REFUSED } from '../../src/accounts/csrf.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { createArticle, createComment, createSection } from '../support/content-factories.ts';
import { forEachDatabase } from '../support/databases.ts';
import { formBody, servedRoutes, snapshotDatabase } from '../support/newsroom.ts';
import { type SignedInReader, signInReader } from '../support/readers.ts';

// Every state-changing route of the readers' side, read from Fastify's route table (a new route is
// covered the day it is added), refuses a signed-in reader's request without a valid CSRF token —
// missing, forged, another reader's, or from another site — and changes nothing. The one exception
// is the RFC 8058 one-click unsubscribe, which must work without cookies: its secret is in the URL.

const UNSUBSCRIBE = '/lecteurs/desabonnement/:token';

forEachDatabase('CSRF on every reader and comment route', (engine) => {
  let t: TestApp;
  let reader: SignedInReader;
  let other: SignedInReader;
  let commentId: number;
  let articleId: number;
  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { POW_MAX_NUMBER: '2000' } });
    const section = await createSection(t.database.db);
    articleId = (await createArticle(t.database.db, { section })).id;
    reader = await signInReader(t.app);
    other = await signInReader(t.app);
    const row = await createComment(t.database.db, { article_id: articleId, reader_id: reader.id, body: 'Un avis.' });
    commentId = row.id;
  });
  after(() => t?.close());

  const routes = () =>
    servedRoutes(t.app).filter((r) => r.method === 'POST' && /^\/(lecteurs|commentaires)(\/|$)/.test(r.path) && r.path !== UNSUBSCRIBE);

  test('without a valid token: 403 in French, nothing changed', async () => {
    const list = routes();
    assert.ok(list.length >= 14, list.map((r) => r.path).join(', '));
    const problems: string[] = [];
    for (const route of list) {
      const url = route.path
        .replace(':id', String(route.path === '/commentaires/:id' ? articleId : commentId))
        .replace(':token', 'A'.repeat(43));
      const before = await snapshotDatabase(t.database.db);
      for (const variant of ['none', 'forged', 'other', 'cross-site'] as const) {
        const headers: Record<string, string> = { cookie: reader.cookie, 'content-type': 'application/x-www-form-urlencoded' };
        if (variant === 'forged') headers['x-csrf-token'] = 'jeton-invente';
        if (variant === 'cross-site') headers['sec-fetch-site'] = 'cross-site';
        const token = variant === 'other' ? other.csrfToken : variant === 'cross-site' ? reader.csrfToken : undefined;
        const fields = {
          body: 'Pirate',
          name: 'Pirate',
          email: 'pirate@exemple.fr',
          reason: 'spam',
          text: 'Pirate',
          confirm: '1',
          comments: 'remove',
          notify: '1',
          ...(token ? { _csrf: token } : {}),
        };
        const res = await t.app.inject({ method: 'POST', url, headers, payload: formBody(fields) });
        if (res.statusCode !== 403 || !res.body.includes(CSRF_REFUSED)) problems.push(`${url} [${variant}] → ${res.statusCode}`);
      }
      const afterwards = await snapshotDatabase(t.database.db);
      const changed = Object.keys(before.checksums).filter((k) => before.checksums[k] !== afterwards.checksums[k]);
      if (changed.length) problems.push(`${url} : la base a changé (${changed.join(', ')})`);
    }
    assert.deepEqual(problems, []);
  });
});
