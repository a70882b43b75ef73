// Two Kiosque instances (this process and a real second one) on one database, behind a real
// varnishd running the shipped VCL (deploy/varnish/kiosque.vcl): a change made through one
// instance is never read old through Varnish once it is answered; personal pages never come
// from Varnish; pages are kept stale (grace) while every backend is down.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { apiClientFor } from '../../src/api/api-test-client.ts';
import { createArticle, createPerson, createSection, createSettings } from '../support/content-factories.ts';
import { actorFor, newsroom } from '../../src/articles/operations/operations-test-fixture.ts';
import { createArticle as createArticleAs, scheduleArticle } from '../../src/articles/operations/index.ts';
import { publishJobKey } from '../../src/articles/operations/workflow.ts';
import { type ServerProcess, startServerProcess } from '../../scripts/support/server-process.ts';
import { startVarnish, type VarnishProcess, varnishMissing } from '../../scripts/support/varnish-process.ts';
import { forEachDatabase } from '../support/databases.ts';
import { freePort, startTestServer, type TestServer } from '../support/server.ts';
import { signInAs } from '../support/sign-in.ts';

const missing = varnishMissing;
if (missing) process.stdout.write(`# test Varnish ignoré : ${missing}\n`);

/** The one page whose lifetime the test shortens, to see grace at work without waiting 60 s. */
const GRACE_PAGE = '/flux';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`délai dépassé : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

forEachDatabase('two instances behind Varnish', (engine) => {
  let a: TestServer;
  let b: ServerProcess | undefined;
  let varnish: VarnishProcess | undefined;
  let varnishOrigin = '';

  before(async () => {
    if (missing) return;
    const varnishPort = await freePort();
    varnishOrigin = `http://127.0.0.1:${varnishPort}`;
    a = await startTestServer({ dialect: engine.label, env: { VARNISH_URLS: varnishOrigin } });

    // The second instance: the real server entry (src/server.ts) on the same database and files.
    const db = a.database.db;
    await createSettings(db);
    const section = await createSection(db, { slug: 'international', name: 'International' });
    const author = await createPerson(db, { name: 'Alice Martin' });
    for (let n = 0; n < 3; n++) await createArticle(db, { section, authors: [author] });
    // The second instance: the real server, started as npm start starts it (npmStart()), on the same database and files.
    b = await startServerProcess({
      dataDir: a.database.dataDir,
      pageCache: true,
      env: {
        PUBLIC_URL: a.config.publicUrl,
        KIOSQUE_DEMO: '0',
        VARNISH_URLS: varnishOrigin,
        LOG_LEVEL: 'silent',
        ...(a.database.databaseUrl ? { DATABASE_URL: a.database.databaseUrl } : {}),
      },
    });
    const bPort = Number(new URL(b.origin).port);

    varnish = await startVarnish({
      port: varnishPort,
      backendPorts: [a.config.port, bPort],
      extraVcl: `sub vcl_backend_response { if (bereq.url == "${GRACE_PAGE}") { set beresp.ttl = 1s; } }`,
    });
  });

  after(async () => {
    if (missing) return;
    await varnish?.stop();
    await b?.stop();
    await a?.close();
  });

  /** A page through Varnish: status, body, whether Varnish answered from its store. */
  const viaVarnish = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${varnishOrigin}${url}`, { headers, redirect: 'manual' });
    return {
      status: response.status,
      body: await response.text(),
      hit: response.headers.get('x-cache') === 'HIT',
      cacheControl: response.headers.get('cache-control'),
      xkey: response.headers.get('xkey'),
      age: Number(response.headers.get('age') ?? 0),
    };
  };

  /** A published article of the demo: its id, public path and current headline. */
  const anArticle = async (offset: number) => {
    const row = await a.database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .offset(offset)
      .limit(1)
      .executeTakeFirstOrThrow();
    return { id: row.id, path: `/${row.section}/${row.slug}` };
  };

  it('an edit made through instance A is never read old through Varnish once it is answered', { skip: missing }, async () => {
    const api = await apiClientFor(a.app, 'editeur');
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`${a.origin}/api/admin${url}`, {
        method,
        headers: { authorization: `Bearer ${api.secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const article = await anArticle(0);
    const first = await viaVarnish(article.path);
    assert.equal(first.status, 200);
    assert.equal(first.xkey, null, 'tags are not shown to browsers');
    assert.ok((await viaVarnish(article.path)).hit, 'the second read comes from Varnish');
    assert.ok((await viaVarnish('/')).status === 200 && (await viaVarnish('/')).hit, 'la une is kept too');

    for (let round = 1; round <= 6; round++) {
      // Read through both instances (round robin) so that each holds the page in its own cache too.
      await viaVarnish(article.path);
      const current = (await (await call('GET', `/articles/${article.id}`)).json()) as { revision: number };
      const headline = `Titre révisé numéro ${round} ${engine.label}`;
      const patched = await call('PATCH', `/articles/${article.id}`, { revision: current.revision, headline });
      assert.equal(patched.status, 200, await patched.text());
      // Answered: every read through Varnish now shows the new headline, whichever instance answers.
      for (let read = 0; read < 4; read++) {
        const page = await viaVarnish(article.path);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes(headline), `round ${round}, read ${read}: the new headline (hit: ${page.hit})`);
      }
      // And kept again: a read whose render overlapped the change's broadcast is sent no-store (never
      // kept), so on a loaded machine the first reads after a change may all be such; one soon is kept.
      let kept = false;
      for (let read = 0; read < 20 && !kept; read++) {
        const page = await viaVarnish(article.path);
        assert.ok(page.body.includes(headline), `round ${round}: still the new headline`);
        kept = page.hit;
        if (!kept) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(kept, 'and the new page is kept again');
    }

    // Withdrawn through A: Varnish stops serving it at once.
    const unpublished = await call('POST', `/articles/${article.id}/unpublish`);
    assert.equal(unpublished.status, 200, await unpublished.text());
    for (let read = 0; read < 3; read++) assert.notEqual((await viaVarnish(article.path)).status, 200, 'withdrawn');
  });

  it('personal pages never come from Varnish; public pages ignore cookies', { skip: missing }, async () => {
    const session = await signInAs(a.app, 'editeur');
    for (let read = 0; read < 3; read++) {
      const admin = await viaVarnish('/admin', { cookie: session.cookie });
      assert.equal(admin.status, 200);
      assert.equal(admin.hit, false, 'the back office is passed');
      assert.equal(admin.cacheControl, 'private, no-store');
    }
    const article = await anArticle(1);
    await viaVarnish(article.path);
    const withCookie = await viaVarnish(article.path, { cookie: `${session.cookie}; consentement=oui` });
    assert.ok(withCookie.hit, 'a public page is the same for everyone, cookies or not');
    const state = await viaVarnish('/commentaires/etat', { cookie: 'lecteur=x' });
    assert.equal(state.hit, false, 'the readers’ area with a cookie goes to Kiosque');
  });

  it('a scheduled article goes live through Varnish at its time, published once by one of the two instances', {
    skip: missing,
  }, async () => {
    const db = a.database.db;
    const n = await newsroom(db);
    const editor = await actorFor(db, 'editeur');
    const headline = `Programmé derrière Varnish ${engine.label}`;
    const { id } = await createArticleAs(a.app.kiosque, editor, n.input({ headline }));
    const section = `/${n.section.slug}`;
    await viaVarnish(section);
    assert.ok((await viaVarnish(section)).hit, 'the section page is kept by Varnish');
    const at = Date.now() + 1500;
    await scheduleArticle(a.app.kiosque, editor, id, new Date(at).toISOString());
    const shown = await waitFor('la rubrique montre l’article programmé', async () => {
      const page = await viaVarnish(section);
      return page.body.includes(headline) ? Date.now() : undefined;
    });
    assert.ok(shown - at < 4000, `visible ${shown - at} ms after its time`);
    const job = await db.selectFrom('jobs').selectAll().where('unique_key', '=', publishJobKey(id)).executeTakeFirstOrThrow();
    assert.equal(job.status, 'done');
    assert.equal(job.attempts, 1, 'run once, by one instance');
  });

  it('a purge from elsewhere is refused; every backend down: pages are served stale (grace)', { skip: missing }, async () => {
    const purge = await fetch(`${varnishOrigin}/`, { method: 'PURGE' });
    assert.equal(purge.status, 400, 'a purge names its tags');

    // Kept by Varnish (a render that straddled an invalidation heard from the other instance is
    // sent no-store and not kept: read again until it is served from Varnish).
    const fresh = await waitFor('la page est gardée par Varnish', async () => {
      const page = await viaVarnish(GRACE_PAGE);
      return page.status === 200 && page.hit ? page : undefined;
    });
    // Both instances stop: the second process exits, this one stops listening.
    await b!.stop();
    await new Promise<void>((resolve) => {
      a.app.server.close(() => resolve());
      a.app.server.closeAllConnections();
    });
    // Past the page's lifetime (1 s here) and once Varnish has seen both backends sick, the kept page is served.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const stale = await waitFor('la page gardée est servie', async () => {
      const page = await viaVarnish(GRACE_PAGE);
      return page.status === 200 ? page : undefined;
    });
    assert.equal(stale.body, fresh.body);
    assert.ok(stale.age >= 2, `served from Varnish past its lifetime (Age: ${stale.age})`);
  });
});
