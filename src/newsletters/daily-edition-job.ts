import { z } from 'zod';
import { parisLocalToUtc } from '../articles/admin/paris-time.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { cancelJob, enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { parisDay } from '../site/teasers/paris-day.ts';
import { composeEdition } from './edition-compose.ts';
import { insertEdition } from './edition-repository.ts';
import { findNewsletter } from './newsletter-repository.ts';
import { enqueueEditionSend } from './send-job.ts';

export const DAILY_EDITION_JOB = 'newsletter-daily';
const payloadSchema = z.object({ newsletterId: z.number().int().positive() });

/** The next time the clock in Paris shows `hour`:00, after `now`. */
export function nextParisHour(hour: number, now = new Date()): Date {
  for (let days = 0; days < 3; days++) {
    const day = parisDay(new Date(now.getTime() + days * 86_400_000));
    const at = parisLocalToUtc(`${day}T${String(hour).padStart(2, '0')}:00`);
    if (at && at.getTime() > now.getTime()) return at;
  }
  return new Date(now.getTime() + 86_400_000);
}

/** Keeps the daily job of a newsletter in step with its settings: at its hour, or none. */
export async function scheduleDailyEdition(
  db: Db,
  newsletter: { id: number; send_hour: number | null; active: number },
  now = new Date(),
): Promise<void> {
  const key = `${DAILY_EDITION_JOB}:${newsletter.id}`;
  if (newsletter.send_hour === null || !newsletter.active) {
    await cancelJob(db, key);
    return;
  }
  await enqueueJob(db, {
    kind: DAILY_EDITION_JOB,
    payload: { newsletterId: newsletter.id },
    runAt: nextParisHour(newsletter.send_hour, now),
    uniqueKey: key,
  });
}

/**
 * The daily edition: at the newsletter's hour (Paris time) an edition is composed from the site
 * and leaves at once, or waits for an editor's approval when the newsletter asks for it; then the
 * next day's job is queued.
 */
export function registerDailyEditionJob(): void {
  registerJobHandler(DAILY_EDITION_JOB, payloadSchema, async ({ newsletterId }, { ctx }: { ctx: AppContext }) => {
    const newsletter = await findNewsletter(ctx.db, newsletterId);
    if (!newsletter || newsletter.send_hour === null || !newsletter.active) return;
    const now = new Date();
    const composed = await composeEdition(ctx, newsletter, now);
    const status = newsletter.needs_approval ? 'awaiting_approval' : 'scheduled';
    const editionId = await insertEdition(ctx.db, {
      newsletterId,
      subject: composed.subject,
      blocks: composed.blocks,
      status,
      createdBy: null,
      scheduledAt: now.toISOString(),
    });
    if (status === 'scheduled') await enqueueEditionSend(ctx, editionId, now.toISOString());
    // Queued after this run: the runner's completion of this job leaves a re-enqueued job pending.
    await scheduleDailyEdition(ctx.db, newsletter, new Date(now.getTime() + 60_000));
  });
}
