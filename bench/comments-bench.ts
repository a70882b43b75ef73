// The comments scenario of `npm run bench`: 20 readers post comments on one article while 50 others
// read its page, against the same page read with nobody posting (the baseline, same run, same
// server). Every post is published (the writers are readers with an approved comment, each post
// from its own address, with its proof of work), so every post invalidates the article's cached page.
// The two are measured in alternation, three rounds of each, so that a change of load on a shared
// machine during the run weighs on both sides of the ratio alike.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { openDatabase } from '../src/core/db/database.ts';
import { createReaderClients, csrfPairOver, type ReaderClient } from '../scripts/support/reader-client.ts';
import { rawGet, startServerProcess } from '../scripts/support/server-process.ts';

const WRITERS = 20;
const READERS = 50;
/** Posts per writing reader: under the burst rule (4 in 10 minutes) and the hourly limit. */
const POSTS_PER_READER = 3;
/** Rounds of (reads alone, reads while posting). */
const ROUNDS = 3;

export interface CommentsBenchResult {
  article: string;
  idleReadsPerSecond: number;
  idleReadP99Ms: number;
  readsPerSecondWhileWriting: number;
  /** Reads while posting ÷ reads alone, round by round. */
  roundRatios: number[];
  readP99MsWhileWriting: number;
  readRatio: number;
  postsPerSecond: number;
  /** Server CPU per cached read (reads alone), and per post beyond the reads (the challenge included): load-independent. */
  serverCpuMsPerRead: number;
  serverCpuMsPerPost: number;
  postP50Ms: number;
  postP99Ms: number;
  acknowledged: number;
  stored: number;
  failedPosts: number;
  targets: { name: string; ok: boolean; value: string }[];
}

/** CPU time used so far by a process (user + system), in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the scenario on a copy of the demo edition in `dataDir` (the server must not be running). */
export async function runCommentsBench(dataDir: string, articlePath: string, durationS: number): Promise<CommentsBenchResult> {
  const [sectionSlug, slug] = articlePath.split('/').filter(Boolean);
  const database = openDatabase({ dataDir: path.resolve(dataDir), poolSize: 2 });
  const server = await startServerProcess({
    dataDir,
    pageCache: true,
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
    // Enough readers for the posts of the run: each one posts a few times only, as people do.
    const csrf = await csrfPairOver(server.origin);
    const pool: ReaderClient[] = await createReaderClients(database.db, Math.max(600, durationS * 150), csrf, {
      label: 'Lectrice du banc',
      approvedOn: other.id,
    });
    const url = `${server.origin}${articlePath}`;
    await rawGet(url);

    const phaseS = Math.max(2, Math.round(durationS / ROUNDS));
    const latencies: number[] = [];
    let acknowledged = 0;
    let failedPosts = 0;
    const writers = new Worker(new URL('./comments-writers-worker.ts', import.meta.url), {
      workerData: { origin: server.origin, articleId: article.id, pool, writers: WRITERS, postsPerReader: POSTS_PER_READER },
    });
    const stopWriters = () =>
      new Promise<{ acknowledged: number; failed: number; latencies: number[] }>((resolve, reject) => {
        writers.once('message', resolve);
        writers.once('error', reject);
        writers.postMessage('stop');
      });
    const idle = { requests: 0, p99: [] as number[], count: 0, cpuMs: 0 };
    const busy = { requests: 0, p99: [] as number[], count: 0, cpuMs: 0, posts: 0 };
    const roundRatios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // The article read by 50 connections, nobody posting.
      process.stdout.write(`  tour ${round}/${ROUNDS} : article en cache, sans commentateurs … `);
      const idleCpu = cpuMsOf(server.pid);
      const alone = await autocannon({
        url,
        connections: READERS,
        duration: phaseS,
        warmup: round === 1 ? { connections: READERS, duration: 1 } : undefined,
      });
      process.stdout.write(`${Math.round(alone.requests.average)} req/s\n`);
      // The same reads while 20 readers post.
      process.stdout.write(`  tour ${round}/${ROUNDS} : article en cache, ${WRITERS} commentateurs en même temps … `);
      if (round > 1) {
        idle.cpuMs += cpuMsOf(server.pid) - idleCpu;
        idle.count += alone.requests.total;
      }
      const before = acknowledged;
      const busyCpu = cpuMsOf(server.pid);
      writers.postMessage('start');
      const during = await autocannon({ url, connections: READERS, duration: phaseS });
      const posted = await stopWriters();
      acknowledged += posted.acknowledged;
      failedPosts += posted.failed;
      latencies.push(...posted.latencies);
      busy.cpuMs += cpuMsOf(server.pid) - busyCpu;
      busy.count += during.requests.total;
      busy.posts += acknowledged - before;
      process.stdout.write(`${Math.round(during.requests.average)} req/s, ${acknowledged - before} commentaires publiés\n`);
      idle.requests += alone.requests.average;
      idle.p99.push(alone.latency.p99);
      busy.requests += during.requests.average;
      busy.p99.push(during.latency.p99);
      roundRatios.push(Math.round((during.requests.average / alone.requests.average) * 100) / 100);
    }

    const stored = Number(
      (
        await database.db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('article_id', '=', article.id)
          .where('body', 'like', 'Message % du banc d’essai%')
          .executeTakeFirstOrThrow()
      ).n,
    );
    await writers.terminate();
    latencies.sort((a, b) => a - b);
    const readRatio = busy.requests / idle.requests;
    const cpuPerRead = idle.cpuMs / Math.max(1, idle.count);
    const cpuPerPost = (busy.cpuMs - busy.count * cpuPerRead) / Math.max(1, busy.posts);
    const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    const postP99Ms = Math.round(percentile(latencies, 99));
    return {
      article: articlePath,
      idleReadsPerSecond: Math.round(idle.requests / ROUNDS),
      idleReadP99Ms: mean(idle.p99),
      readsPerSecondWhileWriting: Math.round(busy.requests / ROUNDS),
      roundRatios,
      readP99MsWhileWriting: mean(busy.p99),
      readRatio: Math.round(readRatio * 100) / 100,
      postsPerSecond: Math.round((acknowledged / (phaseS * ROUNDS)) * 10) / 10,
      serverCpuMsPerRead: Math.round(cpuPerRead * 1000) / 1000,
      serverCpuMsPerPost: Math.round(cpuPerPost * 100) / 100,
      postP50Ms: Math.round(percentile(latencies, 50)),
      postP99Ms,
      acknowledged,
      stored,
      failedPosts,
      targets: [
        { name: 'lectures sous commentaires ≥ 0,7 × sans', ok: readRatio >= 0.7, value: `${readRatio.toFixed(2)} ×` },
        { name: 'p99 commentaire publié ≤ 100 ms', ok: postP99Ms <= 100, value: `${postP99Ms} ms` },
        { name: 'aucun commentaire accusé perdu', ok: stored >= acknowledged && failedPosts === 0, value: `${stored}/${acknowledged}` },
      ],
    };
  } finally {
    await server.stop();
    await database.close();
  }
}
