// `npm run bench -- --engines`: the same pages rendered on PostgreSQL and on SQLite, page cache
// off so that every request reads the database, in the same run. PostgreSQL is judged as a ratio
// of SQLite (the issue asks ≥ 0.7 × for the article and la une, memory ≤ 1.2 ×).
// PostgreSQL comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (an admin URL: a throwaway
// database is created and dropped). Both servers run at once and the engines take turns on each
// page, so that a machine whose load drifts weighs on both alike; CPU per request is reported too.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  CLOCK_TICKS_PER_SECOND,
  cpuTicks,
  leadStoryPathFromHtml,
  rawGet,
  type ServerProcess,
  startServerProcess,
} from '../scripts/support/server-process.ts';
import { createDatabase, dropDatabase, withDatabaseName } from '../test/support/postgres-admin.ts';

export interface EngineMeasure {
  engine: 'sqlite' | 'postgres';
  page: string;
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  non2xx: number;
  /** CPU time of the Node process per request (user + system), in ms: steadier than req/s on a busy machine. */
  nodeCpuMsPerRequest: number;
  /** CPU time of the PostgreSQL backends serving it per request, in ms (0 on SQLite). */
  databaseCpuMsPerRequest: number;
}

export interface EnginesBenchResult {
  pages: Record<string, string>;
  measures: EngineMeasure[];
  targets: { name: string; ok: boolean; value: string }[];
}

interface Settings {
  durationS: number;
  warmupS: number;
  connections: number;
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMsOf(pid: number): number {
  try {
    return (cpuTicks(pid) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0; // the process has ended (a backend closed)
  }
}

/** One engine's server, and the pids of the PostgreSQL backends serving it (none on SQLite). */
interface EngineServer {
  engine: EngineMeasure['engine'];
  server: ServerProcess;
  backendPids(): Promise<number[]>;
}

/** One slice of load on a page: requests, latency, the server's memory and CPU per request. */
async function loadSlice(target: EngineServer, url: string, settings: Settings) {
  const backends = await target.backendPids();
  const before = { node: cpuMsOf(target.server.pid), database: backends.map(cpuMsOf) };
  let rssMb = 0;
  const sampler = setInterval(() => {
    rssMb = Math.max(rssMb, target.server.rssMb());
  }, 250);
  const result = await autocannon({
    url: `${target.server.origin}${url}`,
    connections: settings.connections,
    duration: settings.durationS,
    warmup: settings.warmupS > 0 ? { connections: settings.connections, duration: settings.warmupS } : undefined,
  });
  clearInterval(sampler);
  rssMb = Math.max(rssMb, target.server.rssMb());
  const requests = Math.max(1, result.requests.total);
  // Backends opened during the slice count from zero.
  const after = await target.backendPids();
  const databaseMs = after.reduce((sum, pid) => {
    const i = backends.indexOf(pid);
    return sum + cpuMsOf(pid) - (i >= 0 ? before.database[i] : 0);
  }, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    rssMb,
    non2xx: result.non2xx + result.errors,
    nodeCpuMsPerRequest: (cpuMsOf(target.server.pid) - before.node) / requests,
    databaseCpuMsPerRequest: databaseMs / requests,
  };
}

/**
 * Measures each page on both engines in turn, SQLite, PostgreSQL, PostgreSQL, SQLite: on a
 * machine whose load drifts, each engine gets as much of the early and of the late load, and
 * the ratio compares like with like. Each figure is the mean of the engine's two slices.
 */
async function measurePages(targets: EngineServer[], pages: Record<string, string>, settings: Settings): Promise<EngineMeasure[]> {
  const measures: EngineMeasure[] = [];
  for (const [page, url] of Object.entries(pages)) {
    const slices = new Map<EngineServer, Awaited<ReturnType<typeof loadSlice>>[]>();
    for (const target of [...targets, ...[...targets].reverse()]) {
      process.stdout.write(`  ${target.engine}, ${page} … `);
      const slice = await loadSlice(target, url, settings);
      process.stdout.write(`${Math.round(slice.requestsPerSecond)} req/s, ${Math.round(slice.rssMb)} Mo\n`);
      slices.set(target, [...(slices.get(target) ?? []), slice]);
    }
    for (const target of targets) {
      const list = slices.get(target)!;
      const mean = (pick: (s: (typeof list)[number]) => number) => list.reduce((sum, s) => sum + pick(s), 0) / list.length;
      measures.push({
        engine: target.engine,
        page,
        url,
        requestsPerSecond: Math.round(mean((s) => s.requestsPerSecond)),
        p50Ms: Math.round(mean((s) => s.p50Ms)),
        p99Ms: Math.round(mean((s) => s.p99Ms)),
        rssMb: Math.round(Math.max(...list.map((s) => s.rssMb))),
        non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
        nodeCpuMsPerRequest: Math.round(mean((s) => s.nodeCpuMsPerRequest) * 100) / 100,
        databaseCpuMsPerRequest: Math.round(mean((s) => s.databaseCpuMsPerRequest) * 100) / 100,
      });
    }
  }
  return measures;
}

/** Runs the SQLite-against-PostgreSQL scenario; resolves undefined (with a message) without PostgreSQL. */
export async function runEnginesBench(settings: Settings): Promise<EnginesBenchResult | undefined> {
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('PostgreSQL contre SQLite : ignoré (BENCH_DATABASE_URL ou TEST_DATABASE_URL absent)');
    return undefined;
  }
  console.log('PostgreSQL contre SQLite, sans cache de pages (mêmes pages de la démo), en alternance');
  const name = `kiosque_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const dataDirs = ['sqlite', 'postgres'].map((engine) => fs.mkdtempSync(path.join(os.tmpdir(), `kiosque-bench-${engine}-`)));
  const servers: ServerProcess[] = [];
  const admin = new pg.Client({ connectionString: adminUrl });
  await createDatabase(adminUrl, name);
  try {
    // Each server loads the demo edition on first start.
    servers.push(await startServerProcess({ dataDir: dataDirs[0], pageCache: false, timeoutMs: 240_000, quiet: true }));
    servers.push(
      await startServerProcess({
        dataDir: dataDirs[1],
        pageCache: false,
        timeoutMs: 240_000,
        quiet: true,
        env: { DATABASE_URL: withDatabaseName(adminUrl, name) },
      }),
    );
    await admin.connect();
    const targets: EngineServer[] = [
      { engine: 'sqlite', server: servers[0], backendPids: async () => [] },
      {
        engine: 'postgres',
        server: servers[1],
        backendPids: async () =>
          (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r) => r.pid),
      },
    ];
    const home = await rawGet(`${servers[0].origin}/`);
    const article = leadStoryPathFromHtml(home.body.toString('utf8'));
    if (!article) throw new Error('aucun article à la une de la démo');
    const pages = { article, "page d'accueil": '/', rubrique: `/${article.split('/')[1]}` };
    const measures = await measurePages(targets, pages, settings);
    const of = (engine: EngineMeasure['engine'], page: string) => measures.find((m) => m.engine === engine && m.page === page)!;
    const targetsMet = Object.keys(pages).map((page) => {
      const ratio = of('postgres', page).requestsPerSecond / Math.max(1, of('sqlite', page).requestsPerSecond);
      return { name: `${page} sans cache, PostgreSQL ≥ 0,7 × SQLite`, ok: ratio >= 0.7, value: `${ratio.toFixed(2)} ×` };
    });
    const rss = (engine: EngineMeasure['engine']) => Math.max(...measures.filter((m) => m.engine === engine).map((m) => m.rssMb));
    const memoryRatio = rss('postgres') / Math.max(1, rss('sqlite'));
    targetsMet.push({
      name: 'mémoire sous charge, PostgreSQL ≤ 1,2 × SQLite',
      ok: memoryRatio <= 1.2,
      value: `${memoryRatio.toFixed(2)} ×`,
    });
    return { pages, measures, targets: targetsMet };
  } finally {
    await admin.end().catch(() => {});
    for (const server of servers) await server.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase(adminUrl, name);
  }
}
