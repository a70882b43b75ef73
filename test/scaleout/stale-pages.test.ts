// Two real server processes on one database, readers on many URLs of both while headlines change
// through both: afterwards every page either instance serves must equal a fresh, uncached render.
// This is the scenario that left stale pages on PostgreSQL (a page rendered before an
// invalidation, stored after it; an invalidation row committed after a later one).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { rawGet, type ServerProcess, startServerProcess } from '../../scripts/support/server-process.ts';
import { buildApp } from '../../src/app.ts';
import { insertTestUser } from '../../src/api/api-test-users.ts';
import { createApiToken, grantableScopes } from '../../src/api/tokens/token-operations.ts';
import { loadConfig } from '../../src/core/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/core/db/database.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';
import { hrefsIn } from '../support/page-urls.ts';

const PUBLIC_URL = 'https://kiosque.exemple.fr';
const UPDATES_PER_WRITER = 15;
const WRITERS = 6;
const READERS = 16;

forEachDatabase('no stale page across two processes under load', (engine) => {
  let database: TestDatabaseHandle;
  let servers: ServerProcess[] = [];
  let reference: { app: FastifyInstance; handle: DatabaseHandle };

  before(async () => {
    database = await engine.open({ demo: true });
    const env = { PUBLIC_URL, LOG_LEVEL: 'error', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
    servers = await Promise.all([0, 1].map(() => startServerProcess({ dataDir: database.dataDir, pageCache: true, env })));
    // The uncached reference: the same code and database, page cache off, in this process.
    const handle = openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 2 });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.databaseUrl,
      PAGE_CACHE: '0',
      KIOSQUE_DEMO: '0',
      PUBLIC_URL,
    });
    reference = { app: await buildApp({ config, database: handle }), handle };
    await reference.app.ready();
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await reference?.app.close();
    await reference?.handle.close();
    await database?.close();
  });

  it('serves no page older than the last change, on either instance', async () => {
    const user = await insertTestUser(database.db, 'editeur');
    const { secret } = await createApiToken(database.db, user, { name: 'Charge', scopes: grantableScopes('editeur'), lifetimeDays: null });
    const api = async (server: ServerProcess, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.origin}/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    // Many URLs: every internal link of the home page (articles, sections, authors, tags…).
    const home = (await rawGet(`${servers[0].origin}/`)).body.toString();
    const paths = [...new Set(['/', ...hrefsIn(home, PUBLIC_URL)])].filter((p) => !/^\/(assets|media|admin|api)\//.test(p));
    assert.ok(paths.length >= 20, `enough URLs to read (${paths.length})`);

    // The headlines that change: published articles shown on the home page.
    const published = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .execute();
    const targets = published.filter((a) => paths.includes(`/${a.section}/${a.slug}`)).slice(0, WRITERS);
    assert.equal(targets.length, WRITERS);

    let writing = true;
    let reads = 0;
    const readers = Array.from({ length: READERS }, async (_, n) => {
      while (writing) {
        const server = servers[(n + reads) % servers.length];
        const path = paths[Math.floor(Math.random() * paths.length)];
        await rawGet(`${server.origin}${path}`, 15_000);
        reads++;
      }
    });
    // After each write, its article's page must show the new headline on both instances soon
    // (at once on the writing one, within a poll on the other): a page that stays old is stale.
    const lateChecks: string[] = [];
    let checks = 0;
    const writers = targets.map(async (article, w) => {
      const path = `/${article.section}/${article.slug}`;
      for (let round = 0; round < UPDATES_PER_WRITER; round++) {
        const server = servers[(w + round) % servers.length];
        const headline = `Titre ${w}-${round} : la rédaction met à jour`;
        for (;;) {
          const current = await api(server, 'GET', `/articles/${article.id}`);
          const saved = await api(server, 'PATCH', `/articles/${article.id}`, {
            revision: current.json.revision,
            headline,
            slug: article.slug,
          });
          if (saved.status === 200) break;
          assert.equal(saved.status, 409, JSON.stringify(saved.json));
        }
        const expected = `Titre ${w}-${round}`;
        for (const reader of servers) {
          checks++;
          const deadline = Date.now() + 3000;
          while (!(await rawGet(`${reader.origin}${path}`, 15_000)).body.toString().includes(expected)) {
            if (Date.now() > deadline) {
              lateChecks.push(`${reader.origin}${path} (${expected})`);
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }
    });
    await Promise.all(writers);
    writing = false;
    await Promise.all(readers);
    assert.ok(reads > 50, `readers kept reading (${reads})`);
    assert.deepEqual(lateChecks, [], `pages still old 3 s after their change (of ${checks} checks)`);

    // Every page of both instances against an uncached render. Invalidations travel between the
    // processes within a poll (SQLite) or at once (NOTIFY): wait for that, never forever.
    const stalePages = async () => {
      const stale: string[] = [];
      for (const path of paths) {
        const fresh = await reference.app.inject({ method: 'GET', url: path });
        for (const server of servers) {
          const served = await rawGet(`${server.origin}${path}`);
          if (served.status !== fresh.statusCode || served.body.toString() !== fresh.body) stale.push(`${server.origin}${path}`);
        }
      }
      return stale;
    };
    let stale = await stalePages();
    const deadline = Date.now() + 5000;
    while (stale.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stale = await stalePages();
    }
    assert.deepEqual(stale, [], 'stale pages');
  });
});
