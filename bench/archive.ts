// `npm run bench -- --archive`: the same pages on the demo edition (~50 articles) and on a
// generated archive (100,000 articles by default), page cache off and on. Each page reports req/s,
// p99, CPU milliseconds per request (from /proc/<pid>/stat) and its ratio to the same page on the
// demo data, measured in the same run. The archive is built once into test-output/archive/ and
// reused (the server migrates it on start, as it would a real database).

import { archiveSamples } from '../src/demo/archive/archive-samples.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createSession, sessionCookieName } from '../src/accounts/session-store.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { generateArchive } from '../src/demo/archive/generate-archive.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { rawGet, startServerProcess } from '../scripts/support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'test-output', 'archive');
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ArchiveBenchOptions {
  articles: number;
  seed: number;
  durationS: number;
  warmupS: number;
  connections: number;
  /** Only pages whose name contains this text. */
  only?: string;
}

interface Page {
  name: string;
  path: string;
  admin?: boolean;
}

export interface PageMeasure {
  dataset: 'démo' | 'archive';
  cache: boolean;
  page: string;
  path: string;
  requestsPerSecond: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  non2xx: number;
}

/** Builds a data directory once (demo edition, then the archive when articles > 0, search index included); later runs reuse it. */
export async function cachedDataDir(articles: number, seed: number): Promise<string> {
  const dir = path.join(CACHE, articles > 0 ? `sqlite-${articles}-${seed}` : 'sqlite-demo');
  const ready = path.join(dir, '.ready');
  if (fs.existsSync(ready)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  console.log(`Construction de ${path.relative(ROOT, dir)} (une seule fois)…`);
  const database = openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, dir);
    if (articles > 0) {
      const summary = await generateArchive(database.db, { articles, seed });
      console.log(`  ${summary.articles} articles en ${(summary.ms / 1000).toFixed(0)} s`);
    }
  } finally {
    await database.close();
  }
  fs.writeFileSync(ready, new Date().toISOString());
  return dir;
}

/** The pages to measure in a data directory, found in its database; also signs an editor in for the back office. */
async function discoverPages(dataDir: string): Promise<{ pages: Page[]; cookie: string }> {
  const database = openDatabase({ dataDir });
  const db = database.db;
  try {
    await migrateToLatest(db);
    const now = new Date().toISOString();
    const { recent, old, section, sectionCount, tagsByUse, authorsByUse, series, dossier } = await archiveSamples(db, now);
    const deepPage = Math.max(1, Math.floor((sectionCount / 20) * 0.9));
    const tag = tagsByUse[0]!;
    const author = authorsByUse[0]!;

    // An editor (sees every piece) with a live session, for the back-office pages.
    const email = 'banc-d-essai@exemple.fr';
    let user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (!user) {
      user = await db
        .insertInto('users')
        .values({
          email,
          name: 'Banc d’essai',
          role: 'editeur',
          status: 'active',
          person_id: null,
          password_hash: null,
          totp_secret: null,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    }
    const sessionId = await createSession(db, { userId: user.id, secondFactorDone: true });
    await sql`select 1`.execute(db);
    const pages: Page[] = [
      { name: 'article récent', path: `/${recent.section}/${recent.slug}` },
      { name: 'article de 15 ans', path: `/${old.section}/${old.slug}` },
      { name: 'une', path: '/' },
      { name: 'rubrique p. 1', path: `/${section.slug}` },
      { name: `rubrique p. ${deepPage}`, path: deepPage > 1 ? `/${section.slug}?page=${deepPage}` : `/${section.slug}` },
      { name: 'sujet', path: `/sujet/${tag.slug}` },
      { name: 'auteur', path: `/auteur/${author.slug}` },
      { name: 'série', path: `/serie/${series.slug}` },
      { name: 'dossier', path: `/dossier/${dossier.slug}` },
      { name: 'tableau de bord', path: '/admin', admin: true },
      { name: 'articles publiés', path: '/admin/articles?etat=published', admin: true },
      { name: 'articles « budget »', path: '/admin/articles?q=budget', admin: true },
      { name: 'articles d’une rubrique', path: `/admin/articles?rubrique=${section.id}`, admin: true },
    ];
    return { pages, cookie: `${sessionCookieName({ publicUrl: 'http://127.0.0.1' } as never)}=${sessionId}` };
  } finally {
    await database.close();
  }
}

/** CPU time a process has used, in clock ticks (user + system, from /proc/<pid>/stat). */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function measure(origin: string, pid: number, page: Page, cookie: string, o: ArchiveBenchOptions) {
  const url = origin + page.path;
  const headers = page.admin ? { cookie } : undefined;
  const check = await rawGetWith(url, headers);
  if (check !== 200) console.warn(`  ⚠ ${page.path} répond ${check}`);
  if (o.warmupS > 0) await autocannon({ url, headers, connections: o.connections, duration: o.warmupS });
  const before = cpuTicks(pid);
  const result = await autocannon({ url, headers, connections: o.connections, duration: o.durationS });
  const ticks = cpuTicks(pid) - before;
  const requests = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    cpuMsPerRequest: Math.round(((ticks * 1000) / CLOCK_TICKS_PER_SECOND / requests) * 100) / 100,
    non2xx: result.non2xx + result.errors,
  };
}

async function rawGetWith(url: string, headers?: Record<string, string>): Promise<number> {
  if (!headers) return (await rawGet(url, 30_000)).status;
  const response = await fetch(url, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}

/** Runs every page on both data sets, cache off then on; prints the table and returns the measures. */
export async function runArchiveBench(o: ArchiveBenchOptions): Promise<{ measures: PageMeasure[]; starts: Record<string, number> }> {
  const demoDir = await cachedDataDir(0, o.seed);
  const archiveDir = await cachedDataDir(o.articles, o.seed);
  const measures: PageMeasure[] = [];
  const starts: Record<string, number> = {};
  console.log(
    `Pages sur la démo et sur l'archive de ${o.articles} articles (${o.connections} connexions, ${o.durationS} s par page, ${os.cpus().length} cœurs)`,
  );
  for (const [dataset, dir] of [
    ['démo', demoDir],
    ['archive', archiveDir],
  ] as const) {
    const { pages, cookie } = await discoverPages(dir);
    for (const cache of [false, true]) {
      const server = await startServerProcess({ dataDir: dir, pageCache: cache, timeoutMs: 300_000, env: { KIOSQUE_DEMO: '0' } });
      starts[`${dataset}, cache ${cache ? 'actif' : 'coupé'}`] = Math.round(server.firstResponseMs);
      try {
        for (const page of pages) {
          if (o.only && !page.name.includes(o.only)) continue;
          process.stdout.write(`  ${dataset}, ${cache ? 'en cache' : 'sans cache'}, ${page.name} … `);
          const m = await measure(server.origin, server.pid, page, cookie, o);
          process.stdout.write(`${m.requestsPerSecond} req/s, ${m.cpuMsPerRequest} ms CPU\n`);
          measures.push({
            dataset,
            cache,
            page: page.name.replace(/p\. \d+$/, (s) => (s === 'p. 1' ? s : 'p. profonde')),
            path: page.path,
            ...m,
          });
        }
      } finally {
        await server.stop();
      }
    }
  }
  printTable(measures);
  console.log('\nPremière réponse 200 sur / après le lancement du processus :');
  for (const [name, ms] of Object.entries(starts)) console.log(`  ${name.padEnd(32)}${String(ms).padStart(7)} ms`);
  return { measures, starts };
}

function printTable(measures: PageMeasure[]): void {
  const demo = (m: PageMeasure) => measures.find((d) => d.dataset === 'démo' && d.cache === m.cache && d.page === m.page);
  console.log(
    `\n${'page'.padEnd(26)}${'cache'.padEnd(8)}${'req/s'.padStart(8)}${'p99 ms'.padStart(8)}${'CPU ms'.padStart(8)}${'démo req/s'.padStart(12)}${'démo CPU'.padStart(10)}${'ratio'.padStart(8)}`,
  );
  for (const m of measures.filter((x) => x.dataset === 'archive')) {
    const d = demo(m);
    const ratio = d ? m.requestsPerSecond / Math.max(1, d.requestsPerSecond) : Number.NaN;
    console.log(
      `${m.page.padEnd(26)}${(m.cache ? 'oui' : 'non').padEnd(8)}${String(m.requestsPerSecond).padStart(8)}${String(m.p99Ms).padStart(8)}${m.cpuMsPerRequest.toFixed(2).padStart(8)}${String(d?.requestsPerSecond ?? '—').padStart(12)}${(d?.cpuMsPerRequest.toFixed(2) ?? '—').padStart(10)}${(Number.isNaN(ratio) ? '—' : ratio.toFixed(2)).padStart(8)}${ratio < 0.67 ? ' ✘' : ''}`,
    );
  }
}
