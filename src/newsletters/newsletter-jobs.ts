import type { Config } from '../core/config.ts';
import type { JobKinds } from '../core/jobs/job-queue.ts';
import { BOUNCE_MAILBOX_JOB, registerBounceMailboxJob } from './bounce-mailbox.ts';
import { DAILY_EDITION_JOB, registerDailyEditionJob } from './daily-edition-job.ts';
import { NEWSLETTER_SEND_JOB, registerNewsletterJobs } from './send-job.ts';

/** The newsletters' job kinds: composing the daily edition, sending editions, reading the bounce mailbox. */
const NEWSLETTER_JOB_KINDS = [DAILY_EDITION_JOB, NEWSLETTER_SEND_JOB, BOUNCE_MAILBOX_JOB] as const;

/**
 * The kinds the web process's job runner takes: all of them, or all but the newsletters' when
 * NEWSLETTER_JOBS=worker leaves those to `npm run kiosque -- newsletter:worker` (docs/production.md).
 */
export function webJobKinds(config: Config): JobKinds {
  return config.newsletterMail.jobs === 'worker' ? { except: NEWSLETTER_JOB_KINDS } : {};
}

/** Registers the newsletters' job handlers and says which kinds a dedicated worker takes. */
export function newsletterWorkerKinds(): JobKinds {
  registerNewsletterJobs({ thread: false });
  registerDailyEditionJob();
  registerBounceMailboxJob();
  return { only: NEWSLETTER_JOB_KINDS };
}
