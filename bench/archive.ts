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
import { type Db, openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { generateArchive } from '../src/demo/archive/generate-archive.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { CLOCK_TICKS_PER_SECOND, cpuTicks, rawGet, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'test-output', 'archive');

export interface ArchiveBenchOptions {
  articles: number;
  /**
   * A small archive from the same generator (0: none): its listings are full, as the large one's
   * are, so the ratio to it isolates what the archive's size costs from what a fuller page costs.
   */
  smallArticles: number;
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
  dataset: 'démo' | 'petite archive' | 'archive';
  cache: boolean;
  page: string;
  path: string;
  requestsPerSecond: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  non2xx: number;
  /**
   * Articles the page shows (teasers, or rows of a back-office list) and its size: a listing of
   * the demo shows fewer than the same listing of the archive (6 articles in a demo section
   * against a full page of 20), and rendering them is most of what the ratio then measures.
   */
  itemsShown: number;
  bytes: number;
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
      { name: 'rubrique p. profonde', path: deepPage > 1 ? `/${section.slug}?page=${deepPage}` : `/${section.slug}` },
      // The same page reached by the previous page's "next" link, which names its last article (keyset).
      {
        name: 'rubrique p. profonde, lien « suivante »',
        path:
          deepPage > 1
            ? `/${section.slug}?page=${deepPage}&apres=${await lastOfPage(db, section.id, deepPage - 1, now)}`
            : `/${section.slug}`,
      },
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

/** The last article of page `page` of a section, as its "next" link names it. */
async function lastOfPage(db: Db, sectionId: number, page: number, now: string): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select('id')
    .where('section_id', '=', sectionId)
    .where('status', '=', 'published')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(page * 20 - 1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One slice of load on a page: its requests, CPU ticks and latency, and what the page shows. */
async function measureSlice(origin: string, pid: number, page: Page, cookie: string, o: ArchiveBenchOptions, durationS: number) {
  const url = origin + page.path;
  const headers = page.admin ? { cookie } : undefined;
  const check = await rawGetWith(url, headers);
  if (check.status !== 200) console.warn(`  ⚠ ${page.path} répond ${check.status}`);
  if (o.warmupS > 0) await autocannon({ url, headers, connections: o.connections, duration: o.warmupS });
  const before = cpuTicks(pid);
  const result = await autocannon({ url, headers, connections: o.connections, duration: durationS });
  return {
    requests: result.requests.total,
    seconds: durationS,
    ticks: cpuTicks(pid) - before,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    itemsShown: itemsShown(check.body, page.admin === true),
    bytes: check.body.length,
  };
}

/** Two slices of the same page on the same server, as one measure (CPU over all their requests). */
function combine(slices: Awaited<ReturnType<typeof measureSlice>>[]) {
  const requests = Math.max(
    1,
    slices.reduce((n, s) => n + s.requests, 0),
  );
  const ticks = slices.reduce((n, s) => n + s.ticks, 0);
  const seconds = slices.reduce((n, s) => n + s.seconds, 0);
  return {
    requestsPerSecond: Math.round(requests / seconds),
    p99Ms: Math.max(...slices.map((s) => s.p99Ms)),
    cpuMsPerRequest: Math.round(((ticks * 1000) / CLOCK_TICKS_PER_SECOND / requests) * 100) / 100,
    non2xx: slices.reduce((n, s) => n + s.non2xx, 0),
    itemsShown: slices[0]!.itemsShown,
    bytes: slices[0]!.bytes,
  };
}

/** Teasers of a public page (each is an <article>), rows of a back-office list's table body. */
function itemsShown(body: string, admin: boolean): number {
  if (!admin) return (body.match(/<article\b/g) ?? []).length;
  const tbody = body.match(/<tbody\b[\s\S]*?<\/tbody>/g) ?? [];
  return tbody.reduce((n, rows) => n + (rows.match(/<tr\b/g) ?? []).length, 0);
}

async function rawGetWith(url: string, headers?: Record<string, string>): Promise<{ status: number; body: string }> {
  if (!headers) {
    const response = await rawGet(url, 30_000);
    return { status: response.status, body: response.body.toString('utf8') };
  }
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

/** The target of issue 7: a page costs at most 1.5 × as much at archive scale as on the demo. */
const RATIO_TARGET = 1.5;

/** One scenario (a page, cache on or off): the same page on the demo and on the archive. */
export interface ArchiveScenario {
  name: string;
  ok: boolean;
  /** Archive CPU per request over demo CPU per request (steadier than req/s on a shared machine). */
  ratio: number;
  demo: PageMeasure;
  archive: PageMeasure;
  /** The same page on the small archive, and the large archive's CPU per request over it. */
  small?: PageMeasure;
  ratioToSmall?: number;
  okToSmall?: boolean;
}

/** A progress line rewritten in place on a terminal; nothing in a log. */
function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

/** The machine's load (1, 5, 15 min), printed next to the figures it weighs on. */
function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Runs every page on both data sets, cache off then on; prints one row per scenario and returns them. */
export async function runArchiveBench(
  o: ArchiveBenchOptions,
): Promise<{ measures: PageMeasure[]; scenarios: ArchiveScenario[]; starts: Record<string, number> }> {
  const datasets: [PageMeasure['dataset'], string][] = [['démo', await cachedDataDir(0, o.seed)]];
  if (o.smallArticles > 0 && o.smallArticles < o.articles) datasets.push(['petite archive', await cachedDataDir(o.smallArticles, o.seed)]);
  datasets.push(['archive', await cachedDataDir(o.articles, o.seed)]);
  const measures: PageMeasure[] = [];
  const starts: Record<string, number> = {};
  const loadBefore = load();
  // Every data set's server runs at once, idle but for the one measured; each page is measured in
  // turn on each, then again in the reverse order (demo, small, archive, archive, small, demo), so
  // that a drift of the machine's load weighs on all of them alike, as in the engines bench.
  const found = await Promise.all(datasets.map(async ([dataset, dir]) => ({ dataset, dir, ...(await discoverPages(dir)) })));
  for (const cache of [false, true]) {
    const servers: { dataset: PageMeasure['dataset']; pages: Page[]; cookie: string; server: ServerProcess }[] = [];
    try {
      for (const { dataset, dir, pages, cookie } of found) {
        const server = await startServerProcess({
          dataDir: dir,
          pageCache: cache,
          timeoutMs: 300_000,
          quiet: true,
          env: { KIOSQUE_DEMO: '0' },
        });
        servers.push({ dataset, pages, cookie, server });
        starts[`${dataset}, cache ${cache ? 'actif' : 'coupé'}`] = Math.round(server.firstResponseMs);
      }
      for (const [i, name] of found[0]!.pages.map((p) => p.name).entries()) {
        if (o.only && !name.includes(o.only)) continue;
        const slices = new Map<PageMeasure['dataset'], Awaited<ReturnType<typeof measureSlice>>[]>();
        for (const { dataset, pages, cookie, server } of [...servers, ...[...servers].reverse()]) {
          progress(`  ${dataset}, ${cache ? 'en cache' : 'sans cache'}, ${name}…`);
          const slice = await measureSlice(server.origin, server.pid, pages[i]!, cookie, o, Math.max(1, o.durationS / 2));
          slices.set(dataset, [...(slices.get(dataset) ?? []), slice]);
        }
        for (const { dataset, pages } of servers) {
          const m = combine(slices.get(dataset)!);
          if (m.non2xx > 0) console.warn(`\n  ⚠ ${pages[i]!.path} : ${m.non2xx} réponse(s) non 2xx ou erreur(s)`);
          measures.push({ dataset, cache, page: name, path: pages[i]!.path, ...m });
        }
      }
    } finally {
      for (const { server } of servers) await server.stop();
    }
  }
  progress('');
  const scenarios = scenariosOf(measures);
  const small = datasets.some(([d]) => d === 'petite archive')
    ? `, petite archive de ${o.smallArticles.toLocaleString('fr-FR')} articles`
    : '';
  console.log(
    `Démo (~50 articles)${small} et archive de ${o.articles.toLocaleString('fr-FR')} articles : CPU du serveur par requête ` +
      `(${o.connections} connexions, ${o.durationS} s par page, ${os.cpus().length} cœurs ; charge ${loadBefore} → ${load()})`,
  );
  printScenarios(scenarios);
  console.log(
    `Première réponse après le lancement : ${Object.entries(starts)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(' ; ')}`,
  );
  return { measures, scenarios, starts };
}

function scenariosOf(measures: PageMeasure[]): ArchiveScenario[] {
  const ratioOf = (archive: PageMeasure, base: PageMeasure) =>
    Math.round((archive.cpuMsPerRequest / Math.max(0.01, base.cpuMsPerRequest)) * 100) / 100;
  return measures
    .filter((m) => m.dataset === 'archive')
    .flatMap((archive) => {
      const same = (dataset: PageMeasure['dataset']) =>
        measures.find((d) => d.dataset === dataset && d.cache === archive.cache && d.page === archive.page);
      const demo = same('démo');
      if (!demo) return [];
      const ratio = ratioOf(archive, demo);
      const ok = ratio <= RATIO_TARGET && archive.non2xx === 0 && demo.non2xx === 0;
      const small = same('petite archive');
      const name = `${archive.page}, ${archive.cache ? 'en cache' : 'sans cache'}`;
      if (!small) return [{ name, ok, ratio, demo, archive }];
      const ratioToSmall = ratioOf(archive, small);
      const okToSmall = ratioToSmall <= RATIO_TARGET && small.non2xx === 0 && archive.non2xx === 0;
      return [{ name, ok, ratio, demo, archive, small, ratioToSmall, okToSmall }];
    });
}

function printScenarios(scenarios: ArchiveScenario[]): void {
  const width = Math.max(8, ...scenarios.map((s) => s.name.length)) + 2;
  const withSmall = scenarios.some((s) => s.small);
  const cols = withSmall
    ? ['démo ms', 'petite ms', 'archive ms', '/ démo', '/ petite', 'articles', 'ko']
    : ['démo ms', 'archive ms', 'ratio', 'objectif', 'articles', 'ko'];
  console.log(`\n  ${'scénario'.padEnd(width)}${cols.map((c) => c.padStart(withSmall ? 12 : 11)).join('')}`);
  const mark = (ok: boolean | undefined) => (ok ? '✔' : '✘');
  for (const s of scenarios) {
    const cells = withSmall
      ? [
          s.demo.cpuMsPerRequest.toFixed(2),
          s.small?.cpuMsPerRequest.toFixed(2) ?? '—',
          s.archive.cpuMsPerRequest.toFixed(2),
          `${mark(s.ok)} ${s.ratio.toFixed(2)} ×`,
          s.ratioToSmall === undefined ? '—' : `${mark(s.okToSmall)} ${s.ratioToSmall.toFixed(2)} ×`,
          `${s.demo.itemsShown} → ${s.small?.itemsShown ?? '—'} → ${s.archive.itemsShown}`,
          `${Math.round(s.demo.bytes / 1024)} → ${Math.round(s.archive.bytes / 1024)}`,
        ]
      : [
          s.demo.cpuMsPerRequest.toFixed(2),
          s.archive.cpuMsPerRequest.toFixed(2),
          `${s.ratio.toFixed(2)} ×`,
          `≤ ${RATIO_TARGET} ×`,
          `${s.demo.itemsShown} → ${s.archive.itemsShown}`,
          `${Math.round(s.demo.bytes / 1024)} → ${Math.round(s.archive.bytes / 1024)}`,
        ];
    console.log(`${withSmall ? ' ' : mark(s.ok)} ${s.name.padEnd(width)}${cells.map((c) => c.padStart(withSmall ? 12 : 11)).join('')}`);
  }
  const missed = scenarios.filter((s) => !s.ok).length;
  console.log(`\n${scenarios.length - missed} / ${scenarios.length} scénarios à ≤ ${RATIO_TARGET} × la démo.`);
  if (withSmall) {
    const missedSmall = scenarios.filter((s) => !s.okToSmall).length;
    console.log(
      `${scenarios.length - missedSmall} / ${scenarios.length} scénarios à ≤ ${RATIO_TARGET} × la petite archive (listes aussi pleines).`,
    );
  }
  console.log(
    'articles, ko : articles affichés et taille de la page, démo → archive. Une liste de la démo en montre moins que la même liste ' +
      'de l’archive (une rubrique de la démo n’a que quelques articles) : le rapport compte alors aussi le rendu des articles en plus. ' +
      'La petite archive, du même générateur, remplit ses listes comme la grande : le rapport à elle ne compte que la taille de l’archive.',
  );
}
