import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';

/** What the sending thread tells its web process: page-cache tags to invalidate (the archive lists an edition sent). */
const threadMessageSchema = z.object({ invalidate: z.array(z.string()) });
export type SendThreadMessage = z.infer<typeof threadMessageSchema>;

/**
 * Lowers the calling thread's OS priority to `nice` (never raises it: that needs privileges).
 * On Linux the nice value belongs to a thread, so called in a worker thread it leaves the
 * process's other threads, the one serving pages first, at their own priority.
 */
export function lowerPriority(nice: number): void {
  try {
    if (os.getPriority(0) < nice) os.setPriority(0, nice);
  } catch {
    // A system that refuses (a container without the call): sending runs at the usual priority.
  }
}

/**
 * Lowers the whole process's priority: each of its threads (on Linux, /proc/self/task), and the
 * threads started later inherit it. Elsewhere, the calling thread's.
 */
export function lowerProcessPriority(nice: number): void {
  let threads: string[] = [];
  try {
    threads = fs.readdirSync('/proc/self/task');
  } catch {
    // No /proc: not Linux.
  }
  lowerPriority(nice);
  for (const tid of threads) {
    try {
      if (os.getPriority(Number(tid)) < nice) os.setPriority(Number(tid), nice);
    } catch {
      // A thread that ended meanwhile, or a refusal: that one keeps its priority.
    }
  }
}

/**
 * Sends an edition from a web process in a thread of its own at NEWSLETTER_SEND_NICE (default 10),
 * so that rendering, signing and writing thousands of messages takes the CPU only when pages do not
 * need it: the bench measured the site's cached article at 0.44 × its idle throughput while the
 * web process sent on its main thread. The thread opens its own database connection; the job, its
 * lease and heartbeat stay with this process's runner, which awaits the thread.
 */
export function sendInThread(ctx: AppContext, editionId: number, worker: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const thread = new Worker(new URL('./send-thread-main.ts', import.meta.url), {
      workerData: { config: ctx.config, editionId, worker, nice: ctx.config.newsletterMail.sendNice },
    });
    thread.on('message', (message: unknown) => {
      const parsed = threadMessageSchema.safeParse(message);
      if (parsed.success) ctx.pageCache.invalidate(parsed.data.invalidate);
    });
    thread.once('error', reject);
    thread.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`envoi interrompu : le fil d’envoi a fini avec le code ${code}`)),
    );
  });
}
