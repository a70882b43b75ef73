// The posting readers of the comments bench, in a worker thread of their own: their HTTP client and
// the proof of work they solve (a browser's job) would otherwise share one event loop with the
// reading connections and slow the load generator, not the server. Told to start (at a pace, or
// as fast as the server answers) and to stop by the bench, it answers each stop with what was
// posted in that phase.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { postCommentTimed, type ReaderClient, solvedProofOver } from '../scripts/support/reader-client.ts';

interface WriterSetup {
  origin: string;
  articleId: number;
  pool: ReaderClient[];
  writers: number;
  postsPerReader: number;
}

/** `rate`: posts per second across all writers, each writer posting on its own schedule; 0, unpaced. */
export type WritersMessage = { start: { rate: number } } | 'stop';

const setup = workerData as WriterSetup;
let next = 0;
let stop = true;
/**
 * Per phase: posts answered 201, refused or failed (any other answer, an error), never answered
 * (connection cut); each acknowledged post's time as the client saw it, and as the server timed it
 * (its Server-Timing phases, same order).
 */
let phase = newPhase();
function newPhase() {
  return {
    acknowledged: 0,
    failed: 0,
    unanswered: 0,
    latencies: [] as number[],
    server: [] as Record<string, number>[],
    /** This thread's own event-loop delay over the phase (ms): a client late to read its answers. */
    clientLag: { p99: 0, max: 0 },
  };
}
const lag = monitorEventLoopDelay({ resolution: 10 });

/** Waits until `due` (performance.now()), or until told to stop. */
async function waitUntil(due: number): Promise<void> {
  while (!stop && performance.now() < due)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(50, due - performance.now()))));
}

async function writer(w: number, rate: number): Promise<void> {
  // Paced: each writer posts every `writers / rate` seconds, the writers spread over that period,
  // as readers arriving at a steady rate do. A post is timed from when it was due, not from when it
  // left: a server that falls behind shows in the latencies instead of slowing the arrivals.
  const period = rate > 0 ? (setup.writers / rate) * 1000 : 0;
  let due = performance.now() + (period * w) / setup.writers;
  while (!stop) {
    const index = next++;
    const reader = setup.pool[Math.floor(index / setup.postsPerReader)];
    if (!reader) return;
    try {
      // The proof of work is the reader's browser's job: solved before the clock starts.
      const altcha = await solvedProofOver(setup.origin);
      if (period > 0) {
        await waitUntil(due);
        if (stop) return;
      }
      const started = period > 0 ? Math.min(due, performance.now()) : performance.now();
      const { id, server } = await postCommentTimed(setup.origin, reader, {
        altcha,
        articleId: setup.articleId,
        body: `Message ${index} du banc d’essai : la lectrice ${w} revient sur le point ${index % 97}.`,
        parentId: null,
        ip: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
      });
      if (id !== null) {
        phase.acknowledged++;
        phase.latencies.push(performance.now() - started);
        phase.server.push(server);
      } else phase.unanswered++;
    } catch {
      phase.failed++;
    }
    due += period;
  }
}

let running: Promise<unknown> = Promise.resolve();
parentPort!.on('message', async (message: WritersMessage) => {
  if (message !== 'stop') {
    stop = false;
    phase = newPhase();
    lag.reset();
    lag.enable();
    running = Promise.all(Array.from({ length: setup.writers }, (_, w) => writer(w, message.start.rate)));
    return;
  }
  stop = true;
  await running;
  lag.disable();
  phase.clientLag = { p99: Math.round(lag.percentile(99) / 1e5) / 10, max: Math.round(lag.max / 1e5) / 10 };
  parentPort!.postMessage(phase);
});
