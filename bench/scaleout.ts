// `npm run bench -- --scaleout`: two instances (npm start) on one PostgreSQL database behind
// Varnish with the shipped VCL. 50 readers (autocannon) load article pages through Varnish while
// an editor changes headlines through the admin API of instance A at a steady rate (5 a second by
// default, each change started on time whatever the previous one's delay: an open loop); as soon
// as a change is answered its page is read through Varnish: an old headline there is a stale read,
// and the time until the new one shows is the invalidation lag. At the end every page is read
// through Varnish and from each instance and compared with the last headline written: a page
// still old then is a stale page. Last, with the writes over, Varnish serving a cached article
// (hits) is loaded against node:http sending the very same bytes.
//
//   npm run bench -- --scaleout --duration 300 --connections 50 --writes 5

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { API_RATE_LIMIT } from '../src/api/api-routes.ts';
import { insertTestUser } from '../src/api/api-test-users.ts';
import { createApiToken, grantableScopes } from '../src/api/tokens/token-operations.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { freePort, rawGet, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';
import { startVarnish, varnishMissing } from '../scripts/support/varnish-process.ts';
import { createDatabase, dropDatabase, withDatabaseName } from '../test/support/postgres-admin.ts';
import { recordResponse, startBaseline, stopChild } from './baseline-process.ts';

export interface ScaleoutResult {
  durationS: number;
  connections: number;
  reads: { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  writes: { count: number; perSecond: number; failed: number; statuses: Record<string, number> };
  /** Reads through Varnish, right after a change was answered, that still showed the old headline. */
  staleReads: number;
  /** Pages (through Varnish or from an instance) that, at the end, did not show their last headline. */
  stalePages: number;
  pagesChecked: number;
  /** From a change's answer until its page through Varnish shows it. */
  invalidationLagMs: { p50: number; p99: number; max: number };
  /** A cached article served by Varnish (hits) against node:http sending the same bytes. */
  hits: { varnishRequestsPerSecond: number; nodeHttpRequestsPerSecond: number; ratio: number; hitHeader: string };
}

interface Settings {
  durationS: number;
  connections: number;
  writesPerSecond: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs the scenario; resolves undefined (with a message) without PostgreSQL or Varnish. */
export async function runScaleoutBench(settings: Settings): Promise<ScaleoutResult | undefined> {
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
    servers.push(await startServerProcess({ dataDir, pageCache: true, env: { ...env, KIOSQUE_DEMO: '0' }, timeoutMs: 240_000 }));
    varnish = await startVarnish({ port: varnishPort, backendPorts: servers.map((s) => Number(new URL(s.origin).port)) });

    const articles = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .limit(50)
      .execute();
    // Each write is a GET and a PATCH; the API allows API_RATE_LIMIT requests a minute per token,
    // so the writes are shared among as many editors (one token each) as keep every one within it,
    // as a newsroom's would be.
    const perToken = (API_RATE_LIMIT.max / API_RATE_LIMIT.timeWindow) * 1000 * 0.8;
    const editors = Math.max(1, Math.ceil((settings.writesPerSecond * 2) / perToken));
    const secrets: string[] = [];
    for (let i = 0; i < editors; i++) {
      const user = await insertTestUser(database.db, 'editeur');
      const { secret } = await createApiToken(database.db, user, {
        name: `Banc d’essai ${i + 1}`,
        scopes: grantableScopes('editeur'),
        lifetimeDays: null,
      });
      secrets.push(secret);
    }
    const api = (method: string, url: string, n: number, body?: unknown) =>
      fetch(`${servers[0].origin}/api/admin${url}`, {
        method,
        headers: { authorization: `Bearer ${secrets[n % secrets.length]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    const pageOf = (article: (typeof articles)[number]) => `/${article.section}/${article.slug}`;
    const lastHeadline = new Map<number, string>();
    const busy = new Set<number>();
    const statuses = new Map<string, number>();
    let writes = 0;
    let failed = 0;
    let staleReads = 0;
    const lags: number[] = [];
    const showsHeadline = async (origin: string, article: (typeof articles)[number], headline: string) => {
      const response = await fetch(`${origin}${pageOf(article)}`);
      return (await response.text()).includes(headline);
    };
    const writeOne = async (article: (typeof articles)[number], n: number) => {
      busy.add(article.id);
      try {
        const current = (await (await api('GET', `/articles/${article.id}`, n)).json()) as { revision: number };
        const headline = `Titre du banc ${n} ${randomUUID().slice(0, 8)}`;
        const response = await api('PATCH', `/articles/${article.id}`, n, { revision: current.revision, headline });
        await response.arrayBuffer();
        const answered = Date.now();
        statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
        if (!response.ok) {
          failed++;
          return;
        }
        lastHeadline.set(article.id, headline);
        // Answered: the page through Varnish must show it at once; count it stale otherwise and
        // measure how long it took to appear.
        if (!(await showsHeadline(varnish!.origin, article, headline))) {
          staleReads++;
          while (!(await showsHeadline(varnish!.origin, article, headline)) && Date.now() - answered < 10_000) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        lags.push(Date.now() - answered);
      } finally {
        busy.delete(article.id);
      }
    };
    // An open loop: a change starts every 1/rate s, on an article with no change in flight.
    const writer = (async () => {
      const started = Date.now();
      const interval = 1000 / settings.writesPerSecond;
      const inFlight = new Set<Promise<void>>();
      for (let tick = 0; Date.now() - started < settings.durationS * 1000; tick++) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + tick * interval - Date.now())));
        const article = articles.map((_, i) => articles[(tick + i) % articles.length]).find((a) => !busy.has(a.id));
        if (!article) continue;
        const running: Promise<void> = writeOne(article, writes++).catch(() => {
          failed++;
        });
        inFlight.add(running);
        void running.finally(() => inFlight.delete(running));
      }
      await Promise.all(inFlight);
    })();

    process.stdout.write(
      `  ${settings.connections} lecteurs sur ${articles.length} articles via Varnish, ${settings.writesPerSecond} modifications/s, ${settings.durationS} s … `,
    );
    const result = await autocannon({
      url: varnish.origin,
      connections: settings.connections,
      duration: settings.durationS,
      requests: articles.map((a) => ({ method: 'GET', path: pageOf(a) })),
    });
    await writer;
    process.stdout.write(`${Math.round(result.requests.average)} lectures/s\n`);

    // Every page, through Varnish and from each instance, against the last headline written.
    let stalePages = 0;
    let pagesChecked = 0;
    for (const article of articles) {
      const headline = lastHeadline.get(article.id);
      if (!headline) continue;
      for (const origin of [varnish.origin, ...servers.map((s) => s.origin)]) {
        pagesChecked++;
        if (!(await showsHeadline(origin, article, headline))) stalePages++;
      }
    }

    // Hits: one cached article through Varnish against node:http sending the same bytes.
    const hitPath = pageOf(articles[0]);
    await rawGet(`${varnish.origin}${hitPath}`);
    const recorded = await rawGet(`${varnish.origin}${hitPath}`);
    const responseFile = path.join(dataDir, 'varnish-response.json');
    recordResponse(responseFile, recorded);
    const hitSeconds = Math.min(10, settings.durationS);
    process.stdout.write(`  article en cache via Varnish contre node:http, ${hitSeconds} s chacun … `);
    const varnishHits = await autocannon({ url: `${varnish.origin}${hitPath}`, connections: settings.connections, duration: hitSeconds });
    const baseline = await startBaseline(responseFile);
    let nodeHttp: Awaited<ReturnType<typeof autocannon>>;
    try {
      nodeHttp = await autocannon({ url: `${baseline.origin}${hitPath}`, connections: settings.connections, duration: hitSeconds });
    } finally {
      await stopChild(baseline.child);
    }
    process.stdout.write(`${Math.round(varnishHits.requests.average)} contre ${Math.round(nodeHttp.requests.average)} req/s\n`);

    const sorted = [...lags].sort((x, y) => x - y);
    return {
      durationS: settings.durationS,
      connections: settings.connections,
      reads: {
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      },
      writes: {
        count: writes,
        perSecond: Math.round((writes / settings.durationS) * 10) / 10,
        failed,
        statuses: Object.fromEntries(statuses),
      },
      staleReads,
      stalePages,
      pagesChecked,
      invalidationLagMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
      hits: {
        varnishRequestsPerSecond: Math.round(varnishHits.requests.average),
        nodeHttpRequestsPerSecond: Math.round(nodeHttp.requests.average),
        ratio: Math.round((varnishHits.requests.average / Math.max(1, nodeHttp.requests.average)) * 100) / 100,
        hitHeader: String(recorded.headers['x-cache'] ?? ''),
      },
    };
  } finally {
    await varnish?.stop();
    for (const server of servers) await server.stop();
    await database.close();
    await dropDatabase(adminUrl, name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
