import { startJobRunner } from '../core/jobs/job-runner.ts';
import { newsletterWorkerKinds } from '../newsletters/newsletter-jobs.ts';
import { lowerProcessPriority } from '../newsletters/send-thread.ts';
import { describeDatabase, openCliContext } from './cli-context.ts';
import type { CliOutput } from './kiosque-cli.ts';

/**
 * `npm run kiosque -- newsletter:worker`: a process that runs only the newsletters' jobs (composing
 * daily editions, sending), so a large send does not take the web process's CPU. Run beside web
 * processes started with NEWSLETTER_JOBS=worker; several workers may run, the jobs and recipients
 * are claimed atomically and the sending cap is shared. It runs at NEWSLETTER_SEND_NICE (default
 * 10), below web processes on the same machine. Stops cleanly on SIGTERM or SIGINT.
 */
export async function newsletterWorker(
  io: CliOutput,
  env: Record<string, string | undefined>,
  stop: Promise<unknown> = untilSignal(),
): Promise<number> {
  const cli = await openCliContext(env, { mustExist: true });
  try {
    lowerProcessPriority(cli.ctx.config.newsletterMail.sendNice);
    const runner = startJobRunner(cli.ctx, { kinds: newsletterWorkerKinds() });
    io.out(`Envoi des newsletters (${describeDatabase(cli.database)}) : prêt, tâches de ${runner.workerId}.`);
    await stop;
    io.out('Arrêt demandé : fin du message en cours…');
    await runner.stop();
    return 0;
  } finally {
    await cli.close();
  }
}

/** Resolves at SIGTERM or SIGINT; keeps the process alive until then (the runner's timers do not). */
function untilSignal(): Promise<NodeJS.Signals> {
  const alive = setInterval(() => {}, 1 << 30);
  return new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  }).finally(() => clearInterval(alive));
}
