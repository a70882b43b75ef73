// `npm run bench`: load-tests the real server (a child process, as `npm start` runs it) with the
// page cache on, then off, against a bare node:http server sending the same article bytes.
//
//   npm run bench                         defaults: 50 connections, 2 s warm-up, 10 s per run
//   npm run bench -- --url /x/y           benchmark that article instead of the home page's lead story
//   npm run bench -- --duration 20 --connections 100 --strict   (--strict: exit 1 when a target is missed)
//   npm run bench -- --archive            the pages on a generated archive against the demo (bench/archive.ts);
//                                         --articles 100000 --seed 1, --only sujet (pages whose name contains it);
//                                         --small-articles 2000: also a small archive (0: none), full lists like the large one's
//   npm run bench -- --search 100000      search, sitemaps and feed on a generated archive of N articles (bench/archive-bench.ts)
//   npm run bench -- --desk 20000         the curation desk: fetch cycle of 300 feeds, story per new item, desk page (bench/desk-bench.ts)
//   npm run bench -- --newsletter 100000  one edition to N subscribers through a local SMTP sink, against bare nodemailer (bench/newsletter-bench.ts)
//   npm run bench -- --wxr                the WordPress import alone; every run includes it on BENCH_WXR_POSTS posts
//                                         (default 1000; BENCH_WXR_POSTS=100000 for the full archive) (bench/wxr-import-bench.ts)
//   npm run bench -- --wire 200           the wire ingesting N dépêches from a folder, per item, against publishing them directly (bench/wire-bench.ts)
//   npm run bench -- --engines            the same pages uncached on PostgreSQL and SQLite, as a ratio (bench/engines.ts;
//                                         needs BENCH_DATABASE_URL or TEST_DATABASE_URL)
//   npm run bench -- --comments           the comments scenario alone on a fresh demo: 20 connections posting while
//                                         50 read the article, against the same reads with nobody posting; the writers
//                                         paced (BENCH_COMMENTS_RATE, default 5/s: the targets), then saturated (bench/comments-bench.ts)
//   npm run bench -- --scaleout           two instances on PostgreSQL behind Varnish, readers and 5 writes/s: stale
//                                         pages, 5xx, invalidation lag, Varnish hits against node:http (bench/scaleout.ts);
//                                         --duration 300 --connections 50 --writes 5 for the issue's five minutes

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type ArchiveBenchResult, runArchiveBench as runSearchBench } from './archive-bench.ts';
import { runArchiveBench } from './archive.ts';
import { runDeskBench } from './desk-bench.ts';
import { runNewsletterBench } from './newsletter-bench.ts';
import { runWxrImportBench, type WxrImportBenchResult } from './wxr-import-bench.ts';
import { runWireBench } from './wire-bench.ts';
import { runEnginesBench } from './engines.ts';
import { runScaleoutBench } from './scaleout.ts';
import { recordResponse, startBaseline, stopChild } from './baseline-process.ts';
import { startVarnish, varnishMissing } from '../scripts/support/varnish-process.ts';
import { type CommentsBenchResult, commentsBenchLines, runCommentsBench } from './comments-bench.ts';
import { leadStoryPathFromHtml, rawGet, rssMbOf, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    strict: { type: 'boolean', default: false },
    archive: { type: 'boolean', default: false },
    articles: { type: 'string', default: '100000' },
    'small-articles': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    search: { type: 'string', default: '0' },
    desk: { type: 'string', default: '0' },
    newsletter: { type: 'string', default: '0' },
    wxr: { type: 'boolean', default: false },
    wire: { type: 'string', default: '0' },
    engines: { type: 'boolean', default: false },
    scaleout: { type: 'boolean', default: false },
    comments: { type: 'boolean', default: false },
    writes: { type: 'string', default: '5' },
  },
});
const WXR_POSTS = Math.max(1, Math.floor(Number(process.env.BENCH_WXR_POSTS ?? 1000) || 1000));
const ARCHIVE_ARTICLES = Math.max(0, Math.floor(Number(args.search) || 0));
const DURATION_S = Math.max(1, Number(args.duration));
const WARMUP_S = Math.max(0, Number(args.warmup));
const CONNECTIONS = Math.max(1, Number(args.connections));

interface Measure {
  name: string;
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
}

async function load(name: string, url: string, pid: number, bytesPerResponse: number): Promise<Measure> {
  process.stdout.write(`  ${name} … `);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    warmup: WARMUP_S > 0 ? { connections: CONNECTIONS, duration: WARMUP_S } : undefined,
  });
  const measure: Measure = {
    name,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    rssMb: Math.round(rssMbOf(pid) * 10) / 10,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerResponse,
  };
  process.stdout.write(`${measure.requestsPerSecond} req/s\n`);
  if (measure.errors > 0 || measure.non2xx > 0) {
    console.warn(`  ⚠ ${name} : ${measure.errors} erreur(s), ${measure.non2xx} réponse(s) non 2xx`);
  }
  return measure;
}

async function articlePath(server: ServerProcess): Promise<string> {
  if (args.url) return new URL(args.url, server.origin).pathname;
  const home = await rawGet(`${server.origin}/`);
  const found = leadStoryPathFromHtml(home.body.toString('utf8'));
  if (!found) throw new Error("aucun lien d'article sur la page d'accueil : passez --url /rubrique/article");
  return found;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

interface Target {
  name: string;
  ok: boolean;
  value: string;
}

function printTargets(targets: readonly Target[], width = 42): void {
  console.log('\nObjectifs :');
  for (const t of targets) console.log(`  ${t.ok ? '✔' : '✘'} ${pad(t.name, width)}${t.value}`);
}

/** Writes one scenario's figures to test-output/<file>, with the run's date, Node.js and cores. */
function writeResults(file: string, figures: object): void {
  const output = path.join(ROOT, 'test-output', file);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(
    output,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ...figures }, null, 2)}\n`,
  );
  console.log(`\nRésultats : ${path.relative(ROOT, output)}`);
}

/** The exit code of a scenario: 1 under --strict when a target is missed. */
function exitCodeFor(targets: readonly Target[]): number {
  return args.strict && targets.some((t) => !t.ok) ? 1 : 0;
}

function measureRow(m: Measure, rss: string, ratioToBaseline: number): string {
  return `${pad(m.name, 28)}${pad(String(m.requestsPerSecond), 9, true)}${pad(String(m.p50Ms), 9, true)}${pad(String(m.p99Ms), 9, true)}${pad(rss, 9, true)}${pad(ratioToBaseline.toFixed(2), 13, true)}${pad(String(m.bytesPerResponse), 9, true)}`;
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-'));
  const responseFile = path.join(dataDir, 'article-response.json');
  const measures: Measure[] = [];
  const starts: { name: string; firstResponseMs: number }[] = [];
  const feedMeasures: Measure[] = [];
  const varnishMeasures: Measure[] = [];
  let archive: ArchiveBenchResult | undefined;
  let wxr: WxrImportBenchResult | undefined;
  let comments: CommentsBenchResult | undefined;
  let article = '';
  // The server that loaded the demo, once its first page is served (its images' work was done out of its process).
  let seededRssMb = 0;
  console.log(
    `Banc d'essai : ${CONNECTIONS} connexions, ${WARMUP_S} s de chauffe, ${DURATION_S} s de mesure par cible (${os.cpus().length} cœurs)\n`,
  );
  try {
    // 1. The first start on an empty data directory loads the demo edition (images and all). It is
    // timed on its own, then stopped, so that the memory measured below is that of serving pages.
    console.log('Premier démarrage : chargement de la démo');
    const seeding = await startServerProcess({ dataDir, pageCache: true, timeoutMs: 180_000 });
    starts.push({ name: 'premier démarrage (avec chargement de la démo)', firstResponseMs: seeding.firstResponseMs });
    try {
      article = await articlePath(seeding);
      seededRssMb = Math.round(rssMbOf(seeding.pid) * 10) / 10;
    } finally {
      await seeding.stop();
    }

    // 2. Page cache on.
    console.log('Serveur avec cache de pages (PAGE_CACHE=1)');
    const cached = await startServerProcess({ dataDir, pageCache: true, quiet: true });
    starts.push({ name: 'démarrage sur données existantes, avec cache', firstResponseMs: cached.firstResponseMs });
    try {
      await rawGet(`${cached.origin}${article}`); // fills the cache
      const recorded = await rawGet(`${cached.origin}${article}`);
      if (recorded.status !== 200) throw new Error(`${article} répond ${recorded.status}`);
      recordResponse(responseFile, recorded);
      measures.push(await load('article, en cache', `${cached.origin}${article}`, cached.pid, recorded.body.length));
      const home = await rawGet(`${cached.origin}/`);
      measures.push(await load("page d'accueil, en cache", `${cached.origin}/`, cached.pid, home.body.length));
      // The same article through Varnish in front (shipped VCL), served from Varnish's store.
      if (varnishMissing) console.log(`  Varnish : ignoré (${varnishMissing})`);
      else {
        const varnish = await startVarnish({ backendPorts: [Number(new URL(cached.origin).port)] });
        try {
          await rawGet(`${varnish.origin}${article}`);
          varnishMeasures.push(await load('article via Varnish', `${varnish.origin}${article}`, varnish.pid, recorded.body.length));
        } finally {
          await varnish.stop();
        }
      }
    } finally {
      await cached.stop();
    }

    // 3. The yardstick: node:http sending the very same bytes and headers.
    console.log('Référence node:http (mêmes octets, mêmes en-têtes)');
    const baseline = await startBaseline(responseFile);
    try {
      const size = (await rawGet(`${baseline.origin}/`)).body.length;
      measures.push(await load('node:http, mêmes octets', `${baseline.origin}${article}`, baseline.child.pid!, size));
    } finally {
      await stopChild(baseline.child);
    }

    // 4. Page cache off: every request renders.
    console.log('Serveur sans cache de pages (PAGE_CACHE=0)');
    const uncached = await startServerProcess({ dataDir, pageCache: false, quiet: true });
    starts.push({ name: 'démarrage sur données existantes, sans cache', firstResponseMs: uncached.firstResponseMs });
    try {
      const size = (await rawGet(`${uncached.origin}${article}`)).body.length;
      measures.push(await load('article, sans cache', `${uncached.origin}${article}`, uncached.pid, size));
      // Podcasts: the demo show's feed and page, rendered on every request.
      for (const [name, podcastPath] of [
        ['flux du podcast, sans cache', '/podcast/a-bonne-distance/feed.xml'],
        ['page du podcast, sans cache', '/podcast/a-bonne-distance'],
      ] as const) {
        const response = await rawGet(`${uncached.origin}${podcastPath}`);
        if (response.status !== 200) throw new Error(`${podcastPath} répond ${response.status}`);
        measures.push(await load(name, `${uncached.origin}${podcastPath}`, uncached.pid, response.body.length));
      }
    } finally {
      await uncached.stop();
    }

    // 5. Comments: 20 readers post while 50 read the article, against the same reads with nobody
    // posting. Last on this data directory: it leaves thousands of comments on the article.
    console.log('Commentaires : 20 commentateurs et 50 lecteurs du même article');
    comments = await runCommentsBench(dataDir, article, DURATION_S);

    // 6. On a generated archive: search, sitemaps, and a feed from the cache against node:http.
    if (ARCHIVE_ARTICLES > 0) {
      archive = await runSearchBench(ARCHIVE_ARTICLES, DURATION_S, async (origin, feedPath, pid) => {
        await rawGet(`${origin}${feedPath}`); // fills the cache
        const recorded = await rawGet(`${origin}${feedPath}`);
        if (recorded.status !== 200) throw new Error(`${feedPath} répond ${recorded.status}`);
        const feedFile = path.join(dataDir, 'feed-response.json');
        recordResponse(feedFile, recorded);
        feedMeasures.push(await load('flux RSS, en cache', `${origin}${feedPath}`, pid, recorded.body.length));
        const feedBaseline = await startBaseline(feedFile);
        try {
          feedMeasures.push(
            await load(
              'node:http, mêmes octets (flux)',
              `${feedBaseline.origin}${feedPath}`,
              feedBaseline.child.pid!,
              recorded.body.length,
            ),
          );
        } finally {
          await stopChild(feedBaseline.child);
        }
      });
    }

    // 6. Moving in: a generated WordPress export read alone, then imported.
    wxr = await runWxrImportBench(WXR_POSTS);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const [cachedArticle, cachedHome, baseline, uncachedArticle] = measures;
  const ratio = (m: Measure) => m.requestsPerSecond / baseline.requestsPerSecond;
  const serverRss = Math.max(cachedArticle.rssMb, cachedHome.rssMb, uncachedArticle.rssMb);
  const restart = Math.max(starts[1].firstResponseMs, starts[2].firstResponseMs);
  const targets: Target[] = [
    { name: 'article en cache ≥ 0,8 × node:http', ok: ratio(cachedArticle) >= 0.8, value: `${ratio(cachedArticle).toFixed(2)} ×` },
    { name: 'article sans cache ≥ 0,25 × node:http', ok: ratio(uncachedArticle) >= 0.25, value: `${ratio(uncachedArticle).toFixed(2)} ×` },
    { name: 'p99 article en cache ≤ 20 ms', ok: cachedArticle.p99Ms <= 20, value: `${cachedArticle.p99Ms} ms` },
    { name: 'mémoire du serveur ≤ 150 Mo', ok: serverRss <= 150, value: `${serverRss.toFixed(0)} Mo` },
    { name: 'première réponse après démarrage ≤ 1 s', ok: restart <= 1000, value: `${restart.toFixed(0)} ms` },
    ...(comments?.targets ?? []),
    ...(archive?.targets ?? []),
    ...(wxr?.targets ?? []),
  ];
  const [cachedFeed, feedBaseline] = feedMeasures;
  if (cachedFeed && feedBaseline) {
    const feedRatio = cachedFeed.requestsPerSecond / feedBaseline.requestsPerSecond;
    targets.push({ name: 'flux RSS en cache ≥ 0,8 × node:http', ok: feedRatio >= 0.8, value: `${feedRatio.toFixed(2)} ×` });
  }

  console.log(`\nArticle : ${article}\n`);
  console.log(
    `${pad('cible', 28)}${pad('req/s', 9, true)}${pad('p50 ms', 9, true)}${pad('p99 ms', 9, true)}${pad('RSS Mo', 9, true)}${pad('× node:http', 13, true)}${pad('octets', 9, true)}`,
  );
  for (const m of measures) console.log(measureRow(m, m.rssMb.toFixed(0), ratio(m)));
  for (const m of varnishMeasures) console.log(measureRow(m, '—', ratio(m)));
  for (const m of feedMeasures) console.log(measureRow(m, m.rssMb.toFixed(0), m.requestsPerSecond / feedMeasures[1]!.requestsPerSecond));
  if (comments) console.log(`\n${commentsBenchLines(comments).join('\n')}`);
  console.log('\nPremière réponse 200 sur / après le lancement du processus :');
  for (const s of starts) console.log(`  ${pad(s.name, 48)}${pad(`${s.firstResponseMs.toFixed(0)} ms`, 9, true)}`);
  console.log(`Mémoire du serveur qui a chargé la démo, à sa première page : ${seededRssMb.toFixed(0)} Mo`);
  printTargets(targets);
  writeResults('bench.json', {
    settings: { connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S },
    article,
    measures: measures.map((m) => ({ ...m, ratioToNodeHttp: Math.round(ratio(m) * 100) / 100 })),
    varnishMeasures: varnishMeasures.map((m) => ({ ...m, ratioToNodeHttp: Math.round(ratio(m) * 100) / 100 })),
    starts,
    seededRssMb,
    feedMeasures,
    comments,
    archive,
    wxr,
    targets,
  });
  return exitCodeFor(targets);
}

async function archiveMain(): Promise<number> {
  const { measures, scenarios, starts } = await runArchiveBench({
    articles: Math.max(1, Number(args.articles)),
    smallArticles: Math.max(0, Math.floor(Number(args['small-articles']) || 0)),
    seed: Number(args.seed),
    // Thirteen pages × two data sets × cache on and off: shorter runs than the single-page default.
    durationS: process.argv.includes('--duration') ? DURATION_S : 3,
    warmupS: process.argv.includes('--warmup') ? WARMUP_S : 1,
    connections: process.argv.includes('--connections') ? CONNECTIONS : 10,
    only: args.only,
  });
  writeResults('bench-archive.json', { articles: Number(args.articles), scenarios, measures, starts });
  // The table already says which scenarios meet the target; --strict turns a miss into exit code 1.
  return exitCodeFor(scenarios.map((s) => ({ name: s.name, ok: s.ok, value: `${s.ratio} ×` })));
}

async function newsletterMain(): Promise<number> {
  const recipients = Math.max(1, Math.floor(Number(args.newsletter)));
  console.log(`Banc d'essai des newsletters : une édition, ${recipients} destinataires, serveur SMTP local (${os.cpus().length} cœurs)\n`);
  const result = await runNewsletterBench(recipients);
  console.log(
    `\nKiosque : ${result.kiosque.messagesPerSecond} messages/s (${result.kiosque.seconds} s ; mémoire résidente ${result.kiosque.rssBeforeMb} Mo au départ, ${result.kiosque.peakRssMb} Mo au plus ; tas vivant après les ${result.kiosque.fullGcs} ramasse-miettes complets : ${result.kiosque.liveHeapMb} Mo au plus)`,
  );
  console.log(`nodemailer seul : ${result.bare.messagesPerSecond} messages/s (${result.bare.seconds} s)`);
  printTargets(result.targets, 98);
  writeResults('bench-newsletter.json', result);
  return exitCodeFor(result.targets);
}

async function deskMain(): Promise<number> {
  const result = await runDeskBench(Math.max(100, Math.floor(Number(args.desk))));
  const ratio = result.storyPerItemMs.ratioToBaseline;
  console.log(
    `\nCycle de lecture : ${result.fetchCycle.feeds} flux en ${result.fetchCycle.wallMs} ms, ${result.fetchCycle.cpuMs} ms de CPU, ${result.fetchCycle.rssMb} Mo de mémoire`,
  );
  console.log(
    `Sujet d’un nouvel article (${result.items} dans la fenêtre) : ${result.storyPerItemMs.withDatabase} ms avec la base, ${result.storyPerItemMs.inMemory} ms en mémoire ; enregistrer l’article seul : ${result.storyPerItemMs.storeOnlyBaseline} ms (rapport ${ratio} ×)`,
  );
  console.log(
    `Nouveaux articles un par un (${result.items} dans la fenêtre) : moyenne ${result.storyPerItemMs.oneByOneMean} ms, p95 ${result.storyPerItemMs.oneByOneP95} ms`,
  );
  console.log(
    `Qualité des sujets (paires du jeu étiqueté) : seul, précision ${result.quality.labelled.precision.toFixed(3)}, rappel ${result.quality.labelled.recall.toFixed(3)} ; parmi les ${result.items} articles de la fenêtre, précision ${result.quality.inFullWindow.precision.toFixed(3)}, rappel ${result.quality.inFullWindow.recall.toFixed(3)}, ${result.quality.inFullWindow.joinedOthers} rattaché(s) à un autre sujet`,
  );
  console.log(`Page de la veille (${result.deskPage.stories} sujets) : p50 ${result.deskPage.p50Ms} ms, p95 ${result.deskPage.p95Ms} ms`);
  printTargets(result.targets);
  writeResults('bench-desk.json', result);
  return exitCodeFor(result.targets);
}

async function wireMain(): Promise<number> {
  const count = Math.max(1, Math.floor(Number(args.wire)));
  process.stdout.write(`Dépêches : ${count} fichiers NewsML-G2 dans un dossier surveillé, publication automatique\n`);
  const result = await runWireBench(count);
  process.stdout.write(
    `  relevé du dossier      ${result.ingestMs} ms, ${result.perItemMs} ms par dépêche\n` +
      `  publication directe    ${result.baselineMs} ms, ${result.baselinePerItemMs} ms par article (référence)\n` +
      `  rapport                ${result.ratio.toFixed(2)} × la publication directe\n`,
  );
  writeResults('bench-wire.json', result);
  return 0;
}

async function enginesMain(): Promise<number> {
  const result = await runEnginesBench({
    durationS: process.argv.includes('--duration') ? DURATION_S : 5,
    warmupS: process.argv.includes('--warmup') ? WARMUP_S : 1,
    connections: process.argv.includes('--connections') ? CONNECTIONS : 10,
  });
  if (!result) return 0;
  console.log(
    `\n${pad('page', 18)}${pad('moteur', 10)}${pad('req/s', 9, true)}${pad('p50 ms', 9, true)}${pad('p99 ms', 9, true)}${pad('RSS Mo', 9, true)}${pad('CPU Node', 10, true)}${pad('CPU base', 10, true)}`,
  );
  for (const m of result.measures)
    console.log(
      `${pad(m.page, 18)}${pad(m.engine, 10)}${pad(String(m.requestsPerSecond), 9, true)}${pad(String(m.p50Ms), 9, true)}${pad(String(m.p99Ms), 9, true)}${pad(String(m.rssMb), 9, true)}${pad(`${m.nodeCpuMsPerRequest} ms`, 10, true)}${pad(`${m.databaseCpuMsPerRequest} ms`, 10, true)}`,
    );
  console.log('(CPU : temps processeur par requête, du processus Node et des processus PostgreSQL qui le servent)');
  printTargets(result.targets, 58);
  writeResults('bench-engines.json', result);
  return exitCodeFor(result.targets);
}

async function scaleoutMain(): Promise<number> {
  const result = await runScaleoutBench({
    durationS: process.argv.includes('--duration') ? DURATION_S : 30,
    connections: CONNECTIONS,
    writesPerSecond: Math.max(0.1, Number(args.writes)),
  });
  if (!result) return 0;
  const { reads, writes } = result;
  console.log(
    `\nLectures via Varnish : ${reads.requestsPerSecond} req/s, p50 ${reads.p50Ms} ms, p99 ${reads.p99Ms} ms, ${reads.non2xx} non 2xx, ${reads.errors} erreurs`,
  );
  console.log(
    `Modifications : ${writes.count} (${writes.perSecond}/s), ${writes.failed} refusées (${Object.entries(writes.statuses)
      .map(([status, n]) => `${n} × ${status}`)
      .join(', ')})`,
  );
  console.log(`Lectures anciennes via Varnish juste après la réponse d’une modification : ${result.staleReads}`);
  console.log(`Pages anciennes à la fin (Varnish et chaque instance) : ${result.stalePages} sur ${result.pagesChecked}`);
  console.log(
    `Délai d’invalidation (réponse → visible via Varnish) : p50 ${result.invalidationLagMs.p50} ms, p99 ${result.invalidationLagMs.p99} ms, max ${result.invalidationLagMs.max} ms`,
  );
  console.log(
    `Article en cache via Varnish (${result.hits.hitHeader}) : ${result.hits.varnishRequestsPerSecond} req/s, node:http mêmes octets : ${result.hits.nodeHttpRequestsPerSecond} req/s (${result.hits.ratio} ×)`,
  );
  writeResults('bench-scaleout.json', result);
  const ok = result.stalePages === 0 && result.staleReads === 0 && reads.non2xx === 0 && reads.errors === 0;
  return args.strict && !ok ? 1 : 0;
}

async function commentsMain(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-'));
  try {
    console.log('Premier démarrage : chargement de la démo');
    const seeding = await startServerProcess({ dataDir, pageCache: true, timeoutMs: 180_000 });
    let article: string;
    try {
      article = await articlePath(seeding);
    } finally {
      await seeding.stop();
    }
    console.log('Commentaires : 20 commentateurs et 50 lecteurs du même article');
    const result = await runCommentsBench(dataDir, article, DURATION_S);
    console.log(`\n${commentsBenchLines(result).join('\n')}`);
    printTargets(result.targets);
    writeResults('bench-comments.json', result);
    return exitCodeFor(result.targets);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function wxrMain(): Promise<number> {
  const result = await runWxrImportBench(WXR_POSTS);
  console.log(`\nExportation : ${result.posts} articles, ${result.fileMb} Mo`);
  for (const m of result.measures)
    console.log(
      `  ${pad(m.name, 24)}${pad(`${m.seconds} s`, 10, true)}${pad(`${m.postsPerSecond} art./s`, 14, true)}${pad(`${m.maxRssMb} Mo`, 9, true)}`,
    );
  printTargets(result.targets);
  writeResults('bench-wxr.json', result);
  return exitCodeFor(result.targets);
}

process.exitCode =
  Number(args.desk) > 0
    ? await deskMain()
    : Number(args.newsletter) > 0
      ? await newsletterMain()
      : Number(args.wire) > 0
        ? await wireMain()
        : args.archive
          ? await archiveMain()
          : args.engines
            ? await enginesMain()
            : args.scaleout
              ? await scaleoutMain()
              : args.wxr
                ? await wxrMain()
                : args.comments
                  ? await commentsMain()
                  : await main();
