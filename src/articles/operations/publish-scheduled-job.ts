import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../accounts/policy.ts';
import { registerJobHandler } from '../../core/jobs/job-runner.ts';
import { PUBLISH_SCHEDULED_JOB, publishIfDue } from './workflow.ts';

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
