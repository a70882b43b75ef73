// Bench scenarios on a generated archive (issue 10): search latency at 10 concurrent readers,
// sitemap generation time, and a feed served from the page cache against node:http.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rawGet, startServerProcess } from '../scripts/support/server-process.ts';
import { generateArchive } from './archive-fixture.ts';

/** What the scenarios report, and the targets of issue 10. */
export interface ArchiveBenchResult {
  articles: number;
  generateMs: number;
  indexMs: number;
  search: { readers: number; requests: number; p50Ms: number; p95Ms: number; maxMs: number; errors: number };
  sitemapIndexMs: number;
  monthSitemap: { path: string; urls: number; ms: number };
  targets: { name: string; ok: boolean; value: string }[];
}

const READERS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
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
 * Generates the archive in its own data directory, then measures against a server process
 * without page cache (search and sitemaps are computed per request). The feed-from-cache
 * scenario is returned as a URL for run.ts to load-test next to its node:http baseline.
 */
export async function runArchiveBench(
  count: number,
  durationS: number,
  measureFeed: (origin: string, feedPath: string, pid: number) => Promise<void>,
): Promise<ArchiveBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-archive-'));
  try {
    console.log(`Archive générée : ${count.toLocaleString('fr-FR')} articles`);
    const archive = await generateArchive(dataDir, count);
    console.log(`  écrite en ${(archive.generateMs / 1000).toFixed(1)} s, indexée en ${(archive.indexMs / 1000).toFixed(1)} s`);
    const w = archive.words;
    const queries = [
      ...w.frequent,
      ...w.middling,
      ...w.rare,
      `${w.middling[0]} ${w.rare[0]}`,
      `"${w.frequent[0]} ${w.frequent[1]}"`,
      `${w.frequent[2]} ${w.middling[1]}`,
      'presidant',
    ];

    const server = await startServerProcess({ dataDir, pageCache: false, env: { KIOSQUE_DEMO: '0' } });
    let search: ArchiveBenchResult['search'];
    let sitemapIndexMs: number;
    let monthSitemap: ArchiveBenchResult['monthSitemap'];
    try {
      // Search: READERS readers in a loop, each request a query from the list, for durationS seconds.
      process.stdout.write(`  recherche, ${READERS} lecteurs simultanés … `);
      const latencies: number[] = [];
      let errors = 0;
      const until = performance.now() + durationS * 1000;
      let n = 0;
      await Promise.all(
        Array.from({ length: READERS }, async () => {
          while (performance.now() < until) {
            const q = queries[n++ % queries.length]!;
            const started = performance.now();
            const res = await rawGet(`${server.origin}/recherche?q=${encodeURIComponent(q)}`, 30_000).catch(() => null);
            latencies.push(performance.now() - started);
            if (res?.status !== 200) errors++;
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      search = {
        readers: READERS,
        requests: latencies.length,
        p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
        maxMs: Math.round(latencies[latencies.length - 1] ?? 0),
        errors,
      };
      process.stdout.write(`p50 ${search.p50Ms} ms, p95 ${search.p95Ms} ms\n`);

      // Sitemaps, generated per request (no page cache).
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

    // The feed from the page cache (the server with cache on), measured by run.ts against node:http.
    const cached = await startServerProcess({ dataDir, pageCache: true, env: { KIOSQUE_DEMO: '0' } });
    try {
      await measureFeed(cached.origin, '/flux/rss.xml', cached.pid);
    } finally {
      await cached.stop();
    }

    return {
      articles: count,
      generateMs: archive.generateMs,
      indexMs: archive.indexMs,
      search,
      sitemapIndexMs,
      monthSitemap,
      targets: [
        { name: `recherche p95 ≤ 50 ms (${READERS} lecteurs)`, ok: search.p95Ms <= 50 && search.errors === 0, value: `${search.p95Ms} ms` },
        { name: 'index des sitemaps ≤ 1 s', ok: sitemapIndexMs <= 1000, value: `${sitemapIndexMs} ms` },
        { name: 'sitemap d’un mois ≤ 1 s', ok: monthSitemap.ms <= 1000, value: `${monthSitemap.ms} ms` },
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
