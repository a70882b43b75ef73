import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { CSRF_REFUSED } from '../../src/accounts/csrf.ts';
import { createApiToken } from '../../src/api/tokens/token-operations.ts';
import { createArticle, updateArticle } from '../../src/articles/operations/index.ts';
import { multipartBody } from '../../src/media/test-media-fixtures.ts';
import { makeJpeg } from '../../src/images/test-fixtures.ts';
import { stopJobRunner } from '../../src/core/jobs/job-runner.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { createDossier, createPage, createSection, createSeries } from '../support/content-factories.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createNewsroom, formBody, paragraphs, servedRoutes, snapshotDatabase } from '../support/newsroom.ts';
import { createUser, signInAs, type SignedIn } from '../support/sign-in.ts';

// Every state-changing route of the back office, read from Fastify's own route table (so a new
// route is covered the day it is added), is refused without a valid CSRF token — missing, forged,
// another session's, or sent from another site — with the French 403, and the database is left
// exactly as it was. The admin API speaks bearer tokens only: a session cookie opens nothing there.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a form of the back office could carry: with a valid token several of these would change something. */
const TEMPTING_FIELDS = {
  name: 'Piratée',
  title: 'Pirate',
  headline: 'Titre pirate',
  lead: 'Chapô pirate',
  slug: 'pirate',
  kind: 'other',
  email: 'pirate@exemple.fr',
  role: 'administrateur',
  status: 'disabled',
  password: 'un mot de passe pirate',
  newPassword: 'un mot de passe pirate',
  action: 'save',
  credit: 'Pirate',
  alt: 'Pirate',
  title2: '',
  at: '2035-01-01T10:00',
  scopes: 'article:create',
  lifetime: '30',
  position: '1',
  tagline: 'Piratée',
  publicUrl: 'https://pirate.example',
  language: 'fr',
  commentsMode: 'closed',
  commentsNotice: 'Piraté',
  description: 'Pirate',
  introduction: 'Pirate',
  revision: '1',
  format: 'actualite',
  body: JSON.stringify(paragraphs('Pirate')),
  code: '123456',
  personId: '',
};

forEachDatabase('CSRF on every state-changing back-office route', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let other: SignedIn;
  const ids: Record<string, number> = {};

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    // The control requests queue jobs (image variants…): run in the background, they would change
    // the database between two snapshots. Nothing here needs them.
    await stopJobRunner(t.app.kiosque);
    const db = t.database.db;
    const room = await createNewsroom(db);
    admin = await signInAs(t.app, 'administrateur', { personId: room.staff.id });
    other = await signInAs(t.app, 'administrateur');
    // One real target per kind of :id, so that each refused request had something to change.
    const article = await createArticle(t.app.kiosque, admin.actor, {
      format: 'actualite',
      sectionId: room.section.id,
      headline: 'Cible',
      lead: 'Chapô.',
      body: paragraphs('Texte.'),
      heroImageId: room.image.id,
      authorPersonIds: [room.staff.id],
      tags: ['Essai'],
    });
    await updateArticle(t.app.kiosque, admin.actor, article.id, article.revision, {
      format: 'actualite',
      sectionId: room.section.id,
      headline: 'Cible modifiée',
      lead: 'Chapô.',
      body: paragraphs('Texte.'),
      heroImageId: room.image.id,
      authorPersonIds: [room.staff.id],
      tags: ['Essai'],
    });
    ids.articles = article.id;
    ids.dossiers = (await createDossier(db, { title: 'Cible' })).id;
    ids.series = (await createSeries(db, { title: 'Cible' })).id;
    ids.pages = (await createPage(db, { title: 'Cible' })).id;
    ids.personnes = room.expert.id;
    ids.rubriques = (await createSection(db, { name: 'Vide', slug: 'vide' })).id;
    ids.medias = room.image.id;
    ids.fichiers = Number(
      (
        await db
          .insertInto('media_files')
          .values({
            kind: 'audio',
            file_key: 'cible.mp3',
            mime: 'audio/mpeg',
            bytes: 100,
            duration_seconds: 1,
            title: 'Cible',
            credit: 'Maison',
            created_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    ids.utilisateurs = (await createUser(db, { role: 'journaliste', status: 'invited' })).userId;
    ids.jetons = (await createApiToken(db, admin.actor, { name: 'Cible', scopes: ['article:create'], lifetimeDays: 30 })).id;
  });
  after(() => t?.close());

  /** The route's URL with real ids in place of its parameters. */
  function concrete(path: string): string {
    return path
      .replace(/\/(\w+)\/:id/, (_m, kind: string) => `/${kind}/${ids[kind] ?? 1}`)
      .replace(':revision', '1')
      .replace(':token', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  }

  const adminRoutes = () =>
    servedRoutes(t.app)
      .filter((r) => STATE_CHANGING.has(r.method) && /^\/(admin|apercu)(\/|$)/.test(r.path))
      // Signing out last: the control request of those ends the session the others use.
      .sort((a, b) => Number(a.path.includes('deconnexion')) - Number(b.path.includes('deconnexion')));

  test('the route table is read: the back office has its usual state-changing routes, and none is public', () => {
    const all = servedRoutes(t.app).filter((r) => STATE_CHANGING.has(r.method));
    const routes = adminRoutes();
    assert.ok(routes.length >= 50, `${routes.length} routes: ${routes.map((r) => r.path).join(', ')}`);
    for (const expected of [
      '/admin/articles/:id/programmer',
      '/admin/reglages',
      '/admin/utilisateurs/:id/role',
      '/admin/medias',
      '/admin/jetons/:id/revoquer',
    ]) {
      assert.ok(
        routes.some((r) => r.path === expected),
        expected,
      );
    }
    // Readers' own routes are checked the same way in reader-csrf.test.ts, newsletter routes in
    // src/newsletters/subscriptions.test.ts (sign-up refuses other sites; one-click unsubscribe and
    // the signed bounce webhook work without cookies by design).
    const elsewhere = all.filter((r) => !/^\/(admin|apercu|api\/admin|lecteurs|commentaires|newsletters)(\/|$)/.test(r.path));
    assert.deepEqual(elsewhere, [], 'no state-changing route outside the back office, the admin API and the readers’ routes');
  });

  async function send(
    method: string,
    url: string,
    variant: 'none' | 'forged' | 'other-session' | 'cross-site' | 'valid',
  ): Promise<LightMyRequestResponse> {
    const multipart = url.split('?')[0] === '/admin/medias' || url.split('?')[0] === '/admin/medias/fichiers';
    const token =
      variant === 'forged'
        ? 'jeton-invente'
        : variant === 'other-session'
          ? other.csrfToken
          : variant === 'none'
            ? undefined
            : admin.csrfToken;
    const headers: Record<string, string> = { cookie: admin.cookie };
    if (variant === 'cross-site') headers.origin = 'https://pirate.example';
    if (multipart) {
      const body = await multipartBody(
        { credit: 'Pirate', alt: 'Pirate', title: 'Pirate' },
        { name: 'pirate.jpg', type: 'image/jpeg', bytes: await makeJpeg(40, 30) },
      );
      return t.app.inject({
        method: method as 'POST',
        url: token ? `${url}?_csrf=${encodeURIComponent(token)}` : url,
        payload: body.payload,
        headers: { ...headers, ...body.headers },
      });
    }
    // Forged tokens go in the header (checked at once), the others in the form (checked after parsing).
    if (variant === 'forged') headers['x-csrf-token'] = token!;
    const fields = token && variant !== 'forged' ? { _csrf: token, ...TEMPTING_FIELDS } : TEMPTING_FIELDS;
    return t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(fields),
    });
  }

  test('without a valid token (missing, forged, another session’s, cross-site): 403 in French, nothing changed; with it, not refused for CSRF', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const route of adminRoutes()) {
      const url = concrete(route.path);
      const before = await snapshotDatabase(t.database.db);
      for (const variant of ['none', 'forged', 'other-session', 'cross-site'] as const) {
        const response = await send(route.method, url, variant);
        if (response.statusCode !== 403) problems.push(`${route.method} ${url} [${variant}] → ${response.statusCode}`);
        else if (!response.body.includes(CSRF_REFUSED))
          problems.push(`${route.method} ${url} [${variant}] → 403 sans le message CSRF : ${response.body.slice(0, 200)}`);
      }
      const afterwards = await snapshotDatabase(t.database.db);
      const changed = [
        ...Object.keys(before.counts).filter((k) => before.counts[k] !== afterwards.counts[k]),
        ...Object.keys(before.checksums).filter((k) => before.checksums[k] !== afterwards.checksums[k]),
      ];
      if (changed.length > 0) problems.push(`${route.method} ${url} : la base a changé (${changed.join(', ')})`);
      // The control: the same request with the right token is not refused for CSRF (so the 403 above was CSRF's).
      if (!route.path.includes('deconnexion')) {
        const control = await send(route.method, url, 'valid');
        if (control.body.includes(CSRF_REFUSED)) problems.push(`${route.method} ${url} [valid] refusé pour CSRF`);
      }
      checked++;
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 50);
  });

  test('the admin API: a session cookie (even with a CSRF token) and no bearer token → 401 on every route', async () => {
    const apiRoutes = servedRoutes(t.app).filter((r) => r.path.startsWith('/api/admin') && r.path !== '/api/admin/openapi.json');
    assert.ok(apiRoutes.length >= 12);
    const before = await snapshotDatabase(t.database.db);
    const problems: string[] = [];
    for (const route of apiRoutes) {
      const url = route.path.replace(':id', String(ids.articles));
      const payload = route.method === 'GET' ? undefined : JSON.stringify({ headline: 'Pirate', revision: 2, name: 'Pirate' });
      for (const headers of [{ cookie: admin.cookie }, { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }]) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
          payload,
        });
        if (response.statusCode !== 401) problems.push(`${route.method} ${url} → ${response.statusCode}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
  });
});
