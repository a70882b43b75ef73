// Bench scenarios on the generated archive (issue 10): search latency at 10 concurrent readers
// against a section page served the same way in the same run, sitemap generation time, and a
// feed served from the page cache against node:http. The archive is the project's
// (src/demo/archive, `npm run archive`), built once into test-output/archive/ and reused.

import http from 'node:http';
import { CLOCK_TICKS_PER_SECOND, cpuTicks, rawGet, startServerProcess } from '../scripts/support/server-process.ts';
import { cachedDataDir } from './archive.ts';

/** Latencies of one page or query mix, read by READERS readers in a loop. */
interface LoadMeasure {
  readers: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Server CPU per request: steadier than latency on a shared machine. */
  cpuMsPerRequest: number;
  errors: number;
}

/** What the scenarios report, and the targets of issue 10. */
export interface ArchiveBenchResult {
  articles: number;
  /** Each reader keeps its connection, as a browser does. */
  search: LoadMeasure;
  /** The same queries, each request on a new connection (information). */
  searchNewConnections: LoadMeasure;
  /** The baseline of the same run: a section's first page, read the same way without page cache. */
  sectionPage: LoadMeasure;
  /** Search p95 over the section page's p95. */
  searchRatio: number;
  sitemapIndexMs: number;
  monthSitemap: { path: string; urls: number; ms: number };
  targets: { name: string; ok: boolean; value: string }[];
}

const READERS = 10;

/**
 * Queries a reader might type, on the generated archive's vocabulary: words found in a third or
 * half of the articles, in 7 %, in 1.5 %, two words, a phrase, and a misspelling (no result:
 * the page looks for close spellings that find something).
 */
const QUERIES = [
  'gouvernement',
  'budget',
  'Insee',
  'Strasbourg',
  'Lyon',
  'Ukraine',
  'loi immigration',
  'réforme retraites',
  '"Cour des comptes"',
  'gouvernemnt',
];

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

/**
 * READERS readers in a loop for durationS seconds, each request the next path of the list. Each
 * reader keeps its connection open between requests, as a browser does; with `newConnections`,
 * every request opens its own (what a crawler without keep-alive costs).
 */
async function readLoop(
  server: { origin: string; pid: number },
  paths: string[],
  durationS: number,
  newConnections = false,
): Promise<LoadMeasure> {
  const latencies: number[] = [];
  const ticks = cpuTicks(server.pid);
  let errors = 0;
  let n = 0;
  const until = performance.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      const agent = newConnections ? false : new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (performance.now() < until) {
        const path = paths[n++ % paths.length]!;
        const started = performance.now();
        const res = await rawGet(`${server.origin}${path}`, 30_000, agent).catch(() => null);
        latencies.push(performance.now() - started);
        if (res?.status !== 200) errors++;
      }
      if (agent) agent.destroy();
    }),
  );
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    readers: READERS,
    requests: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
    cpuMsPerRequest: round(((cpuTicks(server.pid) - ticks) * 1000) / CLOCK_TICKS_PER_SECOND / Math.max(1, latencies.length)),
    errors,
  };
}

/** Median of `runs` timings of a GET answered fresh (the server runs without page cache). */
async function timeGet(url: string, runs = 5): Promise<{ ms: number; body: string }> {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await rawGet(url, 60_000);
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} répond ${res.status}`);
    body = res.body.toString('utf8');
  }
  return {
    ms: Math.round(
      percentile(
        times.sort((a, b) => a - b),
        50,
      ),
    ),
    body,
  };
}

/**
 * Measures search and sitemaps against a server process without page cache (both are computed
 * per request), then hands run.ts a server with the cache on to load-test a feed next to its
 * node:http baseline.
 */
export async function runArchiveBench(
  count: number,
  durationS: number,
  measureFeed: (origin: string, feedPath: string, pid: number) => Promise<void>,
): Promise<ArchiveBenchResult> {
  const dataDir = await cachedDataDir(count, 1);
  const server = await startServerProcess({ dataDir, pageCache: false, timeoutMs: 300_000, quiet: true, env: { KIOSQUE_DEMO: '0' } });
  let search: LoadMeasure;
  let searchNewConnections: LoadMeasure;
  let sectionPage: LoadMeasure;
  let sitemapIndexMs: number;
  let monthSitemap: ArchiveBenchResult['monthSitemap'];
  try {
    const searchPaths = QUERIES.map((q) => `/recherche?q=${encodeURIComponent(q)}`);
    // A short warm-up of both, then each measured for durationS.
    await readLoop(server, [...searchPaths, '/international'], 1);
    process.stdout.write(`  rubrique (référence), ${READERS} lecteurs simultanés … `);
    sectionPage = await readLoop(server, ['/international'], durationS);
    process.stdout.write(`p50 ${sectionPage.p50Ms} ms, p95 ${sectionPage.p95Ms} ms, ${sectionPage.cpuMsPerRequest} ms CPU\n`);
    process.stdout.write(`  recherche, ${READERS} lecteurs simultanés … `);
    search = await readLoop(server, searchPaths, durationS);
    process.stdout.write(`p50 ${search.p50Ms} ms, p95 ${search.p95Ms} ms, ${search.cpuMsPerRequest} ms CPU\n`);
    process.stdout.write(`  recherche, ${READERS} lecteurs, une connexion neuve par requête … `);
    searchNewConnections = await readLoop(server, searchPaths, durationS, true);
    process.stdout.write(
      `p50 ${searchNewConnections.p50Ms} ms, p95 ${searchNewConnections.p95Ms} ms, ${searchNewConnections.cpuMsPerRequest} ms CPU\n`,
    );

    const index = await timeGet(`${server.origin}/sitemap.xml`);
    sitemapIndexMs = index.ms;
    const months = [...index.body.matchAll(/<loc>[^<]*(\/sitemaps\/articles-\d{4}-\d{2}\.xml)<\/loc>/g)].map((m) => m[1]!);
    const month = months[Math.floor(months.length / 2)] ?? months[0]!;
    const timed = await timeGet(`${server.origin}${month}`);
    monthSitemap = { path: month, urls: (timed.body.match(/<url>/g) ?? []).length, ms: timed.ms };
    console.log(`  index des sitemaps : ${sitemapIndexMs} ms ; ${month} (${monthSitemap.urls} adresses) : ${monthSitemap.ms} ms`);
  } finally {
    await server.stop();
  }

  const cached = await startServerProcess({ dataDir, pageCache: true, timeoutMs: 300_000, quiet: true, env: { KIOSQUE_DEMO: '0' } });
  try {
    await measureFeed(cached.origin, '/flux/rss.xml', cached.pid);
  } finally {
    await cached.stop();
  }

  const searchRatio = Math.round((search.p95Ms / Math.max(0.1, sectionPage.p95Ms)) * 100) / 100;
  const cpuRatio = Math.round((search.cpuMsPerRequest / Math.max(0.1, sectionPage.cpuMsPerRequest)) * 100) / 100;
  return {
    articles: count,
    search,
    searchNewConnections,
    sectionPage,
    searchRatio,
    sitemapIndexMs,
    monthSitemap,
    targets: [
      { name: `recherche p95 ≤ 50 ms (${READERS} lecteurs)`, ok: search.p95Ms <= 50 && search.errors === 0, value: `${search.p95Ms} ms` },
      { name: 'recherche p95 ≤ 2 × rubrique p95', ok: searchRatio <= 2, value: `${searchRatio} ×` },
      // CPU per request holds on a busy machine where latencies mostly measure the queue.
      { name: 'recherche CPU ≤ 2 × rubrique CPU', ok: cpuRatio <= 2, value: `${cpuRatio} ×` },
      { name: 'index des sitemaps ≤ 1 s', ok: sitemapIndexMs <= 1000, value: `${sitemapIndexMs} ms` },
      { name: 'sitemap d’un mois ≤ 1 s', ok: monthSitemap.ms <= 1000, value: `${monthSitemap.ms} ms` },
    ],
  };
}
