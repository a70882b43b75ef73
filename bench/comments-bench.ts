// The comments scenario of `npm run bench`: 20 readers post comments on one article while 50 others
// read its page, against the same page read with nobody posting (the baseline, same run, same
// server). Every post is published (the writers are readers with an approved comment, each post
// from its own address, with its proof of work), so every post invalidates the article's cached page.
//
// The writers post twice over: paced, at the rate of a very busy site (5 comments a second in all,
// BENCH_COMMENTS_RATE to change it: more than a national daily's busiest hour), which is what the
// targets are about; then saturated, each of the 20 posting again as soon as answered (hundreds a
// second on a quiet machine), reported beside it to show the ceiling, not held to the targets:
// there, cheaper posts only mean more posts, and the reads get what is left of two cores.
// The three are measured in alternation, three rounds of each, so that a change of load on a
// shared machine during the run weighs on every side of the ratios alike. `--duration` is the
// time of one of the three over the whole run (10 s: three rounds of about 3 s); the paced phase
// lasts longer when that would time fewer than MIN_PACED_POSTS posts in all, since a p99 over
// 45 posts (5/s in three rounds of 3 s) is only the slowest one.
// Each post's time is given twice: as the writer saw it (from when it was due) and as the server
// timed it (its Server-Timing answer, phase by phase); p50, p95 and p99 of both, and, for the
// slowest 5 %, where the time went. The difference is the wait before the server read the post
// (a busy event loop, a process waiting for a core): say the machine's load with any figure.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { openDatabase } from '../src/core/db/database.ts';
import { learnDecision } from '../src/comments/spam-model.ts';
import { createReaderClients, csrfPairOver, type ReaderClient } from '../scripts/support/reader-client.ts';
import type { WritersMessage } from './comments-writers-worker.ts';
import { CLOCK_TICKS_PER_SECOND, cpuTicks, rawGet, startServerProcess } from '../scripts/support/server-process.ts';

const WRITERS = 20;
const READERS = 50;
/** Posts per writing reader: under the burst rule (4 in 10 minutes) and the hourly limit. */
const POSTS_PER_READER = 3;
/** Rounds of (reads alone, reads while posting at a pace, reads while posting unpaced). */
const ROUNDS = 3;
/** The paced writers' posts per second, all together. */
const PACED_RATE = Math.max(0.1, Number(process.env.BENCH_COMMENTS_RATE ?? 5) || 5);
/** Paced posts timed over the run at least: their p99 is then the 3rd slowest, not the slowest. */
const MIN_PACED_POSTS = 200;
/**
 * The readers ask for compressed pages as browsers do (Chrome's header): a page re-rendered after a
 * post then costs the server its compression, as it does on a real site, and the reads are the
 * bytes a browser gets.
 */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** Reads while readers post, in one of the two ways. */
export interface WritingFigures {
  /** Posts per second the writers aimed at; 0, as fast as answered. */
  targetRate: number;
  /** Seconds of posting in each round. */
  phaseSeconds: number;
  readsPerSecondWhileWriting: number;
  readP99MsWhileWriting: number;
  /** Reads while posting ÷ reads alone, round by round. */
  roundRatios: number[];
  readRatio: number;
  postsPerSecond: number;
  /** Posts timed (acknowledged ones): a p99 over fewer than 200 is hardly more than the slowest. */
  timedPosts: number;
  postP50Ms: number;
  postP95Ms: number;
  postP99Ms: number;
  /** The same posts as the server timed them (Server-Timing total: from reading the request to the answer). */
  serverPostP50Ms: number;
  serverPostP95Ms: number;
  serverPostP99Ms: number;
  /**
   * The slowest 5 % of posts (client time), on average: the client's time, the server's phases
   * (comment-routes.ts, postComment) and `waiting`, the rest (the request not yet read: a busy event
   * loop, a process waiting for a core, the network).
   */
  tail: Record<string, number>;
  /**
   * Event-loop delay (ms, p99 of the rounds' p99s and the largest) of the server, from its /metrics
   * (reset at each read), and of the writers' own thread: how late each side was to read what was
   * waiting for it.
   */
  serverLoopLag: { p99: number; max: number };
  clientLoopLag: { p99: number; max: number };
  /** Each server phase's own p99 over all the posts (ms): what the server's slowest moments were spent on. */
  serverPhaseP99: Record<string, number>;
  /** The five slowest posts, each with its server phases (in the JSON only). */
  slowest: Record<string, number>[];
  acknowledged: number;
  /** Refused (any answer but 201: 429, 422…) or failed. */
  failedPosts: number;
  /** Sent, never answered (the connection was cut). */
  unansweredPosts: number;
}

export interface CommentsBenchResult {
  article: string;
  idleReadsPerSecond: number;
  idleReadP99Ms: number;
  /** Writers at a realistic pace: what the targets are about. */
  paced: WritingFigures;
  /** Writers posting as fast as answered: the ceiling, reported only. */
  saturated: WritingFigures;
  /** Server CPU per cached read (reads alone), and per post beyond the reads (the challenge included, saturated phases): load-independent. */
  serverCpuMsPerRead: number;
  serverCpuMsPerPost: number;
  acknowledged: number;
  stored: number;
  /** Of those stored, published at once (the rules, the trained spam model among them, held none back). */
  visible: number;
  /** Refused, failed or never answered, both ways together. */
  failedPosts: number;
  /** The machine's 1-minute load average when the measures began and ended (2 cores shared: figures swing with it). */
  loadAverage: { start: number; end: number };
  targets: { name: string; ok: boolean; value: string }[];
}

/** CPU time used so far by a process (user + system), in ms. */
const cpuMsOf = (pid: number) => (cpuTicks(pid) * 1000) / CLOCK_TICKS_PER_SECOND;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The slowest 5 % of posts by client time: the mean of the client's time, of each server phase, and of the time left (`waiting`). */
function tailOf(posts: { client: number; server: Record<string, number> }[]): Record<string, number> {
  const slowest = [...posts].sort((a, b) => b.client - a.client).slice(0, Math.max(1, Math.ceil(posts.length / 20)));
  if (posts.length === 0) return {};
  const sums: Record<string, number> = { client: 0 };
  for (const post of slowest) {
    sums.client += post.client;
    for (const [name, ms] of Object.entries(post.server)) sums[name] = (sums[name] ?? 0) + ms;
  }
  sums.waiting = sums.client - (sums.total ?? 0);
  return Object.fromEntries(Object.entries(sums).map(([name, ms]) => [name, Math.round((ms / slowest.length) * 10) / 10]));
}

/** The server's event-loop delay since its /metrics were last read (prom-client resets it then), in ms. */
async function serverLoopLag(origin: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const seconds = (name: string) => Number(new RegExp(`^kiosque_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { p99: Math.round(seconds('p99') * 10_000) / 10, max: Math.round(seconds('max') * 10_000) / 10 };
}

/** The largest p99 and the largest maximum of several rounds' event-loop delays. */
function worstLag(rounds: { p99: number; max: number }[]): { p99: number; max: number } {
  return { p99: Math.max(0, ...rounds.map((r) => r.p99)), max: Math.max(0, ...rounds.map((r) => r.max)) };
}

/** Runs the scenario on a copy of the demo edition in `dataDir` (the server must not be running). */
export async function runCommentsBench(dataDir: string, articlePath: string, durationS: number): Promise<CommentsBenchResult> {
  const [sectionSlug, slug] = articlePath.split('/').filter(Boolean);
  const database = openDatabase({ dataDir: path.resolve(dataDir), poolSize: 2 });
  const server = await startServerProcess({
    dataDir,
    pageCache: true,
    // Measured once its start-up jobs (image variants left by the demo's loading…) are done.
    quiet: true,
    env: {
      TRUSTED_PROXIES: '127.0.0.1',
      POW_MAX_NUMBER: '10',
      // BENCH_CPU_PROF=dir: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
      ...(process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` } : {}),
    },
  });
  try {
    const article = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select('articles.id')
      .where('sections.slug', '=', sectionSlug)
      .where('articles.slug', '=', slug)
      .executeTakeFirstOrThrow();
    const other = await database.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .where('id', '!=', article.id)
      .executeTakeFirstOrThrow();
    const phaseS = Math.max(2, Math.round(durationS / ROUNDS));
    const pacedS = Math.max(phaseS, Math.ceil(MIN_PACED_POSTS / (PACED_RATE * ROUNDS)));
    // Enough readers for the posts of the run: each one posts a few times only, as people do.
    const csrf = await csrfPairOver(server.origin);
    const posts = Math.max(1800, durationS * 450) + Math.ceil(PACED_RATE * pacedS * ROUNDS * 1.2);
    const pool: ReaderClient[] = await createReaderClients(database.db, Math.ceil(posts / POSTS_PER_READER), csrf, {
      label: 'Lectrice du banc',
      approvedOn: other.id,
    });
    // The spam model trained, as on a site whose moderators have decided a few comments: each
    // post then pays the classifier's reading of its words (moderation-rules.ts, spam-model.ts).
    for (let i = 0; i < 6; i++) {
      await learnDecision(database.db, `Message ${i} du banc d’essai : je reviens sur le point ${i} de l’article, bien vu.`, false);
      await learnDecision(database.db, `Gagnez ${i}000 euros par jour, cliquez vite sur ce lien, offre unique ${i} !`, true);
    }
    const url = `${server.origin}${articlePath}`;
    await rawGet(url);

    const writers = new Worker(new URL('./comments-writers-worker.ts', import.meta.url), {
      workerData: { origin: server.origin, articleId: article.id, pool, writers: WRITERS, postsPerReader: POSTS_PER_READER },
    });
    const startWriters = (rate: number) => writers.postMessage({ start: { rate } } satisfies WritersMessage);
    const stopWriters = () =>
      new Promise<{
        acknowledged: number;
        failed: number;
        unanswered: number;
        latencies: number[];
        server: Record<string, number>[];
        clientLag: { p99: number; max: number };
      }>((resolve, reject) => {
        writers.once('message', resolve);
        writers.once('error', reject);
        writers.postMessage('stop' satisfies WritersMessage);
      });
    // The writers' warm-up, untimed, as the readers get one (autocannon's warmup): a fresh
    // server's first posts compile their statements and code paths (one took 7 ms of processor
    // instead of 1 and was the paced phase's slowest post).
    startWriters(PACED_RATE * 4);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const warmUp = await stopWriters();
    const loadAtStart = os.loadavg()[0];
    const idle = { requests: 0, p99: [] as number[], count: 0, cpuMs: 0 };
    const ways = [PACED_RATE, 0].map((targetRate) => ({
      targetRate,
      seconds: targetRate > 0 ? pacedS : phaseS,
      requests: 0,
      p99: [] as number[],
      count: 0,
      cpuMs: 0,
      acknowledged: 0,
      failed: 0,
      unanswered: 0,
      latencies: [] as number[],
      server: [] as Record<string, number>[],
      serverLag: [] as { p99: number; max: number }[],
      clientLag: [] as { p99: number; max: number }[],
      roundRatios: [] as number[],
    }));
    for (let round = 1; round <= ROUNDS; round++) {
      // The article read by 50 connections, nobody posting.
      process.stdout.write(`  tour ${round}/${ROUNDS} : article en cache, sans commentateurs … `);
      const idleCpu = cpuMsOf(server.pid);
      const alone = await autocannon({
        url,
        headers: BROWSER_HEADERS,
        connections: READERS,
        duration: phaseS,
        warmup: round === 1 ? { connections: READERS, duration: 1 } : undefined,
      });
      process.stdout.write(`${Math.round(alone.requests.average)} req/s\n`);
      if (round > 1) {
        idle.cpuMs += cpuMsOf(server.pid) - idleCpu;
        idle.count += alone.requests.total;
      }
      idle.requests += alone.requests.average;
      idle.p99.push(alone.latency.p99);
      // The same reads while 20 readers post: at a pace, then as fast as they are answered.
      for (const way of ways) {
        const label = way.targetRate > 0 ? `au rythme de ${way.targetRate} commentaires/s` : 'sans pause (saturation)';
        process.stdout.write(`  tour ${round}/${ROUNDS} : article en cache, ${WRITERS} commentateurs ${label} … `);
        await serverLoopLag(server.origin); // reset
        const busyCpu = cpuMsOf(server.pid);
        startWriters(way.targetRate);
        const during = await autocannon({ url, headers: BROWSER_HEADERS, connections: READERS, duration: way.seconds });
        const posted = await stopWriters();
        way.cpuMs += cpuMsOf(server.pid) - busyCpu;
        way.count += during.requests.total;
        way.acknowledged += posted.acknowledged;
        way.failed += posted.failed;
        way.unanswered += posted.unanswered;
        way.latencies.push(...posted.latencies);
        way.server.push(...posted.server);
        way.serverLag.push(await serverLoopLag(server.origin));
        way.clientLag.push(posted.clientLag);
        way.requests += during.requests.average;
        way.p99.push(during.latency.p99);
        way.roundRatios.push(Math.round((during.requests.average / alone.requests.average) * 100) / 100);
        process.stdout.write(
          `${Math.round(during.requests.average)} req/s, ${posted.acknowledged} commentaires publiés en ${way.seconds} s (${(posted.acknowledged / way.seconds).toFixed(1)}/s)${posted.failed + posted.unanswered > 0 ? `, ${posted.failed} refusés ou en échec, ${posted.unanswered} sans réponse` : ''}\n`,
        );
      }
    }

    // The bench's posts stored, and those of them published (every post is meant to be, and to drop
    // the article's page: none held by a rule).
    const countPosts = async (onlyVisible: boolean) =>
      Number(
        (
          await database.db
            .selectFrom('comments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('article_id', '=', article.id)
            .$if(onlyVisible, (q) => q.where('status', '=', 'visible'))
            .where('body', 'like', 'Message % du banc d’essai%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const stored = await countPosts(false);
    const visible = await countPosts(true);
    await writers.terminate();
    const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    const figures = (way: (typeof ways)[number]): WritingFigures => {
      const posts = way.latencies.map((client, i) => ({ client, server: way.server[i] ?? {} }));
      const serverTotals = posts.map((p) => p.server.total ?? 0).sort((a, b) => a - b);
      way.latencies.sort((a, b) => a - b);
      return {
        targetRate: way.targetRate,
        phaseSeconds: way.seconds,
        readsPerSecondWhileWriting: Math.round(way.requests / ROUNDS),
        readP99MsWhileWriting: mean(way.p99),
        roundRatios: way.roundRatios,
        readRatio: Math.round((way.requests / idle.requests) * 100) / 100,
        postsPerSecond: Math.round((way.acknowledged / (way.seconds * ROUNDS)) * 10) / 10,
        timedPosts: way.latencies.length,
        postP50Ms: Math.round(percentile(way.latencies, 50)),
        postP95Ms: Math.round(percentile(way.latencies, 95)),
        postP99Ms: Math.round(percentile(way.latencies, 99)),
        serverPostP50Ms: Math.round(percentile(serverTotals, 50)),
        serverPostP95Ms: Math.round(percentile(serverTotals, 95)),
        serverPostP99Ms: Math.round(percentile(serverTotals, 99)),
        tail: tailOf(posts),
        serverPhaseP99: Object.fromEntries(
          [...new Set(posts.flatMap((p) => Object.keys(p.server)))].map((name) => [
            name,
            Math.round(
              percentile(
                posts.map((p) => p.server[name] ?? 0).sort((a, b) => a - b),
                99,
              ) * 10,
            ) / 10,
          ]),
        ),
        serverLoopLag: worstLag(way.serverLag),
        clientLoopLag: worstLag(way.clientLag),
        slowest: [...posts]
          .sort((a, b) => b.client - a.client)
          .slice(0, 5)
          .map((p) => ({ client: Math.round(p.client * 10) / 10, ...p.server })),
        acknowledged: way.acknowledged,
        failedPosts: way.failed,
        unansweredPosts: way.unanswered,
      };
    };
    const [paced, saturated] = ways.map(figures);
    const cpuPerRead = idle.cpuMs / Math.max(1, idle.count);
    const busy = ways[1];
    const cpuPerPost = (busy.cpuMs - busy.count * cpuPerRead) / Math.max(1, busy.acknowledged);
    // Warm-up posts are stored too: counted among those acknowledged, so that none may be lost either.
    const acknowledged = warmUp.acknowledged + paced.acknowledged + saturated.acknowledged;
    const failedPosts =
      warmUp.failed + warmUp.unanswered + paced.failedPosts + saturated.failedPosts + paced.unansweredPosts + saturated.unansweredPosts;
    return {
      article: articlePath,
      idleReadsPerSecond: Math.round(idle.requests / ROUNDS),
      idleReadP99Ms: mean(idle.p99),
      paced,
      saturated,
      serverCpuMsPerRead: Math.round(cpuPerRead * 1000) / 1000,
      serverCpuMsPerPost: Math.round(cpuPerPost * 100) / 100,
      acknowledged,
      stored,
      visible,
      failedPosts,
      loadAverage: { start: Math.round(loadAtStart * 10) / 10, end: Math.round(os.loadavg()[0] * 10) / 10 },
      targets: [
        {
          name: `lectures à ${paced.targetRate} commentaires/s ≥ 0,7 × sans`,
          ok: paced.readRatio >= 0.7,
          value: `${paced.readRatio.toFixed(2)} ×`,
        },
        { name: `p99 commentaire publié (${paced.targetRate}/s) ≤ 100 ms`, ok: paced.postP99Ms <= 100, value: `${paced.postP99Ms} ms` },
        { name: 'aucun commentaire accusé perdu', ok: stored >= acknowledged && failedPosts === 0, value: `${stored}/${acknowledged}` },
      ],
    };
  } finally {
    await server.stop();
    await database.close();
  }
}

/** The scenario's figures in French, one line per way of posting, each labelled (for `npm run bench`). */
export function commentsBenchLines(result: CommentsBenchResult): string[] {
  const way = (label: string, f: WritingFigures) => [
    `${label} : lectures ${f.readsPerSecondWhileWriting} req/s (× ${f.readRatio.toFixed(2)}, par tour ${f.roundRatios.join(' / ')} ; p99 ${f.readP99MsWhileWriting} ms) ; ${f.acknowledged} commentaires publiés en ${ROUNDS} × ${f.phaseSeconds} s, soit ${f.postsPerSecond}/s`,
    `    ${f.timedPosts} commentaires chronométrés : client p50 ${f.postP50Ms} ms, p95 ${f.postP95Ms} ms, p99 ${f.postP99Ms} ms ; serveur p50 ${f.serverPostP50Ms} ms, p95 ${f.serverPostP95Ms} ms, p99 ${f.serverPostP99Ms} ms`,
    `    retard de la boucle d’événements (p99 / max) : serveur ${f.serverLoopLag.p99} / ${f.serverLoopLag.max} ms, commentateurs ${f.clientLoopLag.p99} / ${f.clientLoopLag.max} ms`,
    `    p99 de chaque phase au serveur (ms) : ${Object.entries(f.serverPhaseP99)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
    `    les 5 % les plus lents, en moyenne (ms) : ${Object.entries(f.tail)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
  ];
  return [
    `Commentaires (${result.article}, charge de la machine ${result.loadAverage.start} → ${result.loadAverage.end}) : lectures sans commentateurs ${result.idleReadsPerSecond} req/s (p99 ${result.idleReadP99Ms} ms)`,
    ...way(`  20 commentateurs au rythme de ${result.paced.targetRate}/s (objectifs)`, result.paced),
    ...way('  20 commentateurs sans pause (saturation, pour information)', result.saturated),
    `  ${result.stored} enregistrés pour ${result.acknowledged} accusés (${result.visible} publiés d’emblée), ${result.failedPosts} échecs.`,
    `  Temps processeur du serveur : ${result.serverCpuMsPerRead} ms par lecture en cache, ${result.serverCpuMsPerPost} ms par commentaire (défi compris) ; soit un commentaire ≈ ${Math.round(result.serverCpuMsPerPost / result.serverCpuMsPerRead)} lectures.`,
  ];
}
