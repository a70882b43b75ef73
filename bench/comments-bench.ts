// The comments scenario of `npm run bench`: 20 readers post comments on one article while 50 others
// read its page, against the same page read with nobody posting (the baseline, same run, same
// server). Every post is published (the writers are readers with an approved comment, each post
// from its own address, with its proof of work), so every post invalidates the article's cached page.
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/core/db/database.ts';
import {
  createReaderClients,
  csrfPairOver,
  postCommentOver,
  type ReaderClient,
  solvedProofOver,
} from '../scripts/support/reader-client.ts';
import { rawGet, startServerProcess } from '../scripts/support/server-process.ts';

const WRITERS = 20;
const READERS = 50;
/** Posts per writing reader: under the burst rule (4 in 10 minutes) and the hourly limit. */
const POSTS_PER_READER = 3;

export interface CommentsBenchResult {
  article: string;
  idleReadsPerSecond: number;
  readsPerSecondWhileWriting: number;
  readP99MsWhileWriting: number;
  readRatio: number;
  postsPerSecond: number;
  postP50Ms: number;
  postP99Ms: number;
  acknowledged: number;
  stored: number;
  failedPosts: number;
  targets: { name: string; ok: boolean; value: string }[];
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
    env: { TRUSTED_PROXIES: '127.0.0.1', POW_MAX_NUMBER: '10' },
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

    // Baseline: the article read by 50 connections, nobody posting.
    process.stdout.write('  article en cache, sans commentateurs … ');
    const idle = await autocannon({ url, connections: READERS, duration: durationS, warmup: { connections: READERS, duration: 1 } });
    process.stdout.write(`${Math.round(idle.requests.average)} req/s\n`);

    // The same reads while 20 readers post.
    process.stdout.write(`  article en cache, ${WRITERS} commentateurs en même temps … `);
    const latencies: number[] = [];
    let acknowledged = 0;
    let failedPosts = 0;
    let next = 0;
    let stop = false;
    const writer = async (w: number) => {
      while (!stop) {
        const index = next++;
        const reader = pool[Math.floor(index / POSTS_PER_READER)];
        if (!reader) return;
        try {
          // The proof of work is the reader's browser's job: solved before the clock starts.
          const altcha = await solvedProofOver(server.origin);
          const started = performance.now();
          const id = await postCommentOver(server.origin, reader, {
            altcha,
            articleId: article.id,
            body: `Message ${index} du banc d’essai : la lectrice ${w} revient sur le point ${index % 97}.`,
            parentId: null,
            ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
          });
          if (id !== null) {
            acknowledged++;
            latencies.push(performance.now() - started);
          }
        } catch {
          failedPosts++;
        }
      }
    };
    const reads = autocannon({ url, connections: READERS, duration: durationS });
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    const busy = await reads;
    stop = true;
    await Promise.all(writers);
    process.stdout.write(`${Math.round(busy.requests.average)} req/s, ${acknowledged} commentaires publiés\n`);

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
    latencies.sort((a, b) => a - b);
    const readRatio = busy.requests.average / idle.requests.average;
    const postP99Ms = Math.round(percentile(latencies, 99));
    return {
      article: articlePath,
      idleReadsPerSecond: Math.round(idle.requests.average),
      readsPerSecondWhileWriting: Math.round(busy.requests.average),
      readP99MsWhileWriting: busy.latency.p99,
      readRatio: Math.round(readRatio * 100) / 100,
      postsPerSecond: Math.round((acknowledged / durationS) * 10) / 10,
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
