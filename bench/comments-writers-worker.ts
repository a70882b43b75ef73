// The posting readers of the comments bench, in a worker thread of their own: their HTTP client and
// the proof of work they solve (a browser's job) would otherwise share one event loop with the
// reading connections and slow the load generator, not the server. Told "start" and "stop" by the
// bench, it answers each stop with what was posted in that phase.
import { parentPort, workerData } from 'node:worker_threads';
import { postCommentOver, type ReaderClient, solvedProofOver } from '../scripts/support/reader-client.ts';

interface WriterSetup {
  origin: string;
  articleId: number;
  pool: ReaderClient[];
  writers: number;
  postsPerReader: number;
}

const setup = workerData as WriterSetup;
let next = 0;
let stop = true;
let phase = { acknowledged: 0, failed: 0, latencies: [] as number[] };

async function writer(w: number): Promise<void> {
  while (!stop) {
    const index = next++;
    const reader = setup.pool[Math.floor(index / setup.postsPerReader)];
    if (!reader) return;
    try {
      // The proof of work is the reader's browser's job: solved before the clock starts.
      const altcha = await solvedProofOver(setup.origin);
      const started = performance.now();
      const id = await postCommentOver(setup.origin, reader, {
        altcha,
        articleId: setup.articleId,
        body: `Message ${index} du banc d’essai : la lectrice ${w} revient sur le point ${index % 97}.`,
        parentId: null,
        ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      });
      if (id !== null) {
        phase.acknowledged++;
        phase.latencies.push(performance.now() - started);
      }
    } catch {
      phase.failed++;
    }
  }
}

let running: Promise<unknown> = Promise.resolve();
parentPort!.on('message', async (message: 'start' | 'stop') => {
  if (message === 'start') {
    stop = false;
    phase = { acknowledged: 0, failed: 0, latencies: [] };
    running = Promise.all(Array.from({ length: setup.writers }, (_, w) => writer(w)));
    return;
  }
  stop = true;
  await running;
  parentPort!.postMessage(phase);
});
