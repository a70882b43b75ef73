// `npm run bench -- --scaleout`: two instances (npm start) on one PostgreSQL database behind
// Varnish with the shipped VCL. Readers load article pages through Varnish while an editor
// changes headlines through the admin API of instance A about 5 times a second; after each
// change is answered the page is read through Varnish at once: an old headline there is a stale
// page. Reports reads, 5xx, stale pages and how long each change took to be visible.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { insertTestUser } from '../src/api/api-test-users.ts';
import { createApiToken, grantableScopes } from '../src/api/tokens/token-operations.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { freePort, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';
import { startVarnish, varnishMissing } from '../scripts/support/varnish-process.ts';
import { createDatabase, dropDatabase, withDatabaseName } from '../test/support/postgres-admin.ts';

export interface ScaleoutResult {
  durationS: number;
  connections: number;
  reads: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  writes: { count: number; perSecond: number; failed: number };
  stalePages: number;
  visibleAfterMs: { p50: number; p99: number; max: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs the scenario; resolves undefined (with a message) without PostgreSQL or Varnish. */
export async function runScaleoutBench(settings: { durationS: number; connections: number }): Promise<ScaleoutResult | undefined> {
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl || varnishMissing) {
    console.log(`Deux instances derrière Varnish : ignoré (${varnishMissing ?? 'BENCH_DATABASE_URL ou TEST_DATABASE_URL absent'})`);
    return undefined;
  }
  const name = `kiosque_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const databaseUrl = withDatabaseName(adminUrl, name);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-scaleout-'));
  await createDatabase(adminUrl, name);
  const servers: ServerProcess[] = [];
  const database = openDatabase({ databaseUrl, dataDir });
  let varnish: Awaited<ReturnType<typeof startVarnish>> | undefined;
  try {
    const varnishPort = await freePort();
    const env = { DATABASE_URL: databaseUrl, VARNISH_URLS: `http://127.0.0.1:${varnishPort}` };
    console.log('Deux instances sur PostgreSQL derrière Varnish (chargement de la démo par la première)');
    servers.push(await startServerProcess({ dataDir, pageCache: true, env, timeoutMs: 240_000 }));
    servers.push(await startServerProcess({ dataDir, pageCache: true, env: { ...env, KIOSQUE_DEMO: '0' } }));
    varnish = await startVarnish({ port: varnishPort, backendPorts: servers.map((s) => Number(new URL(s.origin).port)) });

    const articles = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .limit(20)
      .execute();
    const user = await insertTestUser(database.db, 'editeur');
    const { secret } = await createApiToken(database.db, user, {
      name: 'Banc d’essai',
      scopes: grantableScopes('editeur'),
      lifetimeDays: null,
    });
    const api = (method: string, url: string, body?: unknown) =>
      fetch(`${servers[0].origin}/api/admin${url}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    let writing = true;
    let writes = 0;
    let failed = 0;
    let stale = 0;
    const visibleAfter: number[] = [];
    const writer = (async () => {
      while (writing) {
        const next = Date.now() + 200;
        const article = articles[writes % articles.length];
        const current = (await (await api('GET', `/articles/${article.id}`)).json()) as { revision: number };
        const headline = `Titre du banc ${writes} ${randomUUID().slice(0, 8)}`;
        const started = Date.now();
        const response = await api('PATCH', `/articles/${article.id}`, { revision: current.revision, headline });
        writes++;
        if (!response.ok) {
          failed++;
          continue;
        }
        // Answered: the page through Varnish must show it at once; count it stale otherwise and
        // measure how long it took to appear.
        const pageUrl = `${varnish!.origin}/${article.section}/${article.slug}`;
        if (!(await (await fetch(pageUrl)).text()).includes(headline)) {
          stale++;
          while (!(await (await fetch(pageUrl)).text()).includes(headline) && Date.now() - started < 10_000) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        visibleAfter.push(Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
    })();

    process.stdout.write(
      `  ${settings.connections} lecteurs sur ${articles.length} articles via Varnish, ~5 modifications/s, ${settings.durationS} s … `,
    );
    const result = await autocannon({
      url: varnish.origin,
      connections: settings.connections,
      duration: settings.durationS,
      requests: articles.map((a) => ({ method: 'GET', path: `/${a.section}/${a.slug}` })),
    });
    writing = false;
    await writer;
    const sorted = [...visibleAfter].sort((x, y) => x - y);
    const measured: ScaleoutResult = {
      durationS: settings.durationS,
      connections: settings.connections,
      reads: {
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      },
      writes: { count: writes, perSecond: Math.round((writes / settings.durationS) * 10) / 10, failed },
      stalePages: stale,
      visibleAfterMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
    };
    process.stdout.write(`${measured.reads.requestsPerSecond} lectures/s\n`);
    return measured;
  } finally {
    await varnish?.stop();
    for (const server of servers) await server.stop();
    await database.close();
    await dropDatabase(adminUrl, name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
