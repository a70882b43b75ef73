import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../accounts/policy.ts';
import type { Db } from '../../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../../core/jobs/job-runner.ts';
import { PUBLISH_SCHEDULED_JOB, publishIfDue, publishJobKey } from './workflow.ts';

const payloadSchema = z.strictObject({ articleId: z.number().int().positive() });

/**
 * Registers the article jobs with the runner: `publish-scheduled` publishes a scheduled article
 * at its time, as the system, once (publishIfDue does nothing for an article no longer due).
 */
export function registerArticleJobs(): void {
  registerJobHandler(PUBLISH_SCHEDULED_JOB, payloadSchema, async ({ articleId }, { ctx }) => {
    await publishIfDue(ctx, SYSTEM_ACTOR, articleId);
  });
}

/**
 * Gives every scheduled article without a pending publication job one (at boot): articles made
 * scheduled outside the operations (the demo edition, an import, a restored backup) still go live.
 * Returns how many jobs were added.
 */
export async function enqueueMissingScheduleJobs(db: Db): Promise<number> {
  const scheduled = await db
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('status', '=', 'scheduled')
    .where('published_at', 'is not', null)
    .execute();
  if (scheduled.length === 0) return 0;
  const keys = scheduled.map((a) => publishJobKey(a.id));
  const queued = await db
    .selectFrom('jobs')
    .select('unique_key')
    .where('unique_key', 'in', keys)
    .where('status', 'in', ['pending', 'running'])
    .execute();
  const have = new Set(queued.map((j) => j.unique_key));
  const orphans = scheduled.filter((a) => !have.has(publishJobKey(a.id)));
  for (const a of orphans) {
    await enqueueJob(db, {
      kind: PUBLISH_SCHEDULED_JOB,
      payload: { articleId: a.id },
      runAt: a.published_at!,
      uniqueKey: publishJobKey(a.id),
    });
  }
  return orphans.length;
}
