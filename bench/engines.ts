// `npm run bench -- --engines`: the same pages rendered on PostgreSQL and on SQLite, page cache
// off so that every request reads the database, in the same run. PostgreSQL is judged as a ratio
// of SQLite (the issue asks ≥ 0.7 × for the article and la une, memory ≤ 1.2 ×).
// PostgreSQL comes from BENCH_DATABASE_URL or TEST_DATABASE_URL (an admin URL: a throwaway
// database is created and dropped).

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { leadStoryPathFromHtml, rawGet, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';
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
}

export interface EnginesBenchResult {
  pages: Record<string, string>;
  measures: EngineMeasure[];
  targets: { name: string; ok: boolean; value: string }[];
}

interface Settings {
  adminUrl: string;
  durationS: number;
  warmupS: number;
  connections: number;
}

/** Starts a server on the engine (the demo edition is loaded on first start), measures each page uncached. */
async function measureEngine(
  engine: EngineMeasure['engine'],
  databaseUrl: string | undefined,
  settings: Settings,
  pickPages: (server: ServerProcess) => Promise<Record<string, string>>,
): Promise<{ pages: Record<string, string>; measures: EngineMeasure[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kiosque-bench-${engine}-`));
  const server = await startServerProcess({
    dataDir,
    pageCache: false,
    timeoutMs: 240_000,
    env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
  });
  try {
    const pages = await pickPages(server);
    const measures: EngineMeasure[] = [];
    for (const [page, url] of Object.entries(pages)) {
      process.stdout.write(`  ${engine}, ${page} … `);
      const result = await autocannon({
        url: `${server.origin}${url}`,
        connections: settings.connections,
        duration: settings.durationS,
        warmup: settings.warmupS > 0 ? { connections: settings.connections, duration: settings.warmupS } : undefined,
      });
      const measure = {
        engine,
        page,
        url,
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        rssMb: Math.round(server.rssMb()),
        non2xx: result.non2xx + result.errors,
      };
      process.stdout.write(`${measure.requestsPerSecond} req/s, ${measure.rssMb} Mo\n`);
      measures.push(measure);
    }
    return { pages, measures };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the SQLite-against-PostgreSQL scenario; resolves undefined (with a message) without PostgreSQL. */
export async function runEnginesBench(settings: Omit<Settings, 'adminUrl'>): Promise<EnginesBenchResult | undefined> {
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('PostgreSQL contre SQLite : ignoré (BENCH_DATABASE_URL ou TEST_DATABASE_URL absent)');
    return undefined;
  }
  console.log('PostgreSQL contre SQLite, sans cache de pages (mêmes pages de la démo)');
  const name = `kiosque_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await createDatabase(adminUrl, name);
  try {
    const sqlite = await measureEngine('sqlite', undefined, { ...settings, adminUrl }, async (server) => {
      const home = await rawGet(`${server.origin}/`);
      const article = leadStoryPathFromHtml(home.body.toString('utf8'));
      if (!article) throw new Error('aucun article à la une de la démo');
      const section = `/${article.split('/')[1]}`;
      return { article, "page d'accueil": '/', rubrique: section };
    });
    const postgres = await measureEngine('postgres', withDatabaseName(adminUrl, name), { ...settings, adminUrl }, async () => sqlite.pages);
    const measures = [...sqlite.measures, ...postgres.measures];
    const targets = Object.keys(sqlite.pages).map((page) => {
      const onSqlite = sqlite.measures.find((m) => m.page === page)!;
      const onPostgres = postgres.measures.find((m) => m.page === page)!;
      const ratio = onPostgres.requestsPerSecond / Math.max(1, onSqlite.requestsPerSecond);
      return { name: `${page} sans cache, PostgreSQL ≥ 0,7 × SQLite`, ok: ratio >= 0.7, value: `${ratio.toFixed(2)} ×` };
    });
    const rss = (list: EngineMeasure[]) => Math.max(...list.map((m) => m.rssMb));
    const memoryRatio = rss(postgres.measures) / Math.max(1, rss(sqlite.measures));
    targets.push({ name: 'mémoire sous charge, PostgreSQL ≤ 1,2 × SQLite', ok: memoryRatio <= 1.2, value: `${memoryRatio.toFixed(2)} ×` });
    return { pages: sqlite.pages, measures, targets };
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
