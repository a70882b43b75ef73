import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/database.ts';
import { outboundPost } from '../core/http/outbound-fetch.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';

/** The durable job that tells a WebSub hub that feeds changed. */
export const WEBSUB_JOB = 'websub-publish';

const payloadSchema = z.strictObject({ hub: z.url(), topics: z.array(z.url()).min(1).max(500) });

/** Queues one ping per configured hub (none by default) for these feed URLs. */
export async function enqueueWebSubPings(db: Db, config: Config, topics: string[]): Promise<void> {
  if (config.webSubHubs.length === 0 || topics.length === 0) return;
  const unique = [...new Set(topics)].slice(0, 500);
  for (const hub of config.webSubHubs) await enqueueJob(db, { kind: WEBSUB_JOB, payload: { hub, topics: unique }, maxAttempts: 8 });
}

/**
 * Registers the WebSub job: a form POST `hub.mode=publish` with each changed feed as `hub.url`
 * (WebSub §7 leaves the publish request to the hub; this is the form hubs accept). Not 2xx: retried.
 */
export function registerWebSubJob(): void {
  registerJobHandler(WEBSUB_JOB, payloadSchema, async ({ hub, topics }, { ctx }) => {
    const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((topic) => ['hub.url', topic] as [string, string])]);
    const sent = await outboundPost(hub, { 'content-type': 'application/x-www-form-urlencoded' }, body.toString(), {
      allowPrivate: ctx.config.pingsAllowPrivate,
      timeoutMs: 15_000,
    });
    if (!sent.ok) throw new Error(`Hub WebSub : ${sent.error}`);
  });
}
