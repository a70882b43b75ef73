import { z } from 'zod';
import type { Config } from '../core/config.ts';
import { isArticleEvent, onContentEvent } from '../core/events/content-events.ts';
import { outboundPost } from '../core/http/outbound-fetch.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';

/** The durable job that tells IndexNow search engines which addresses changed. */
export const INDEXNOW_JOB = 'indexnow-notify';

/** IndexNow accepts up to 10,000 URLs per request. */
const MAX_URLS = 10_000;

const payloadSchema = z.strictObject({ urls: z.array(z.url()).min(1).max(MAX_URLS) });

/**
 * Registers the IndexNow job and its trigger: every public change of an article (published,
 * updated, unpublished, deleted; content events, inside the change's transaction) queues a
 * notification of its address, and of its old address when the change moved it, when a key is
 * configured. The job runs after commit; a refusal or
 * an unreachable endpoint is retried later.
 */
export function registerIndexNow(config: Config): void {
  registerJobHandler(INDEXNOW_JOB, payloadSchema, async ({ urls }, { ctx }) => {
    const key = ctx.config.indexNowKey;
    if (!key) return; // the key was removed since: nothing to announce.
    const publicUrl = new URL(ctx.config.publicUrl);
    const body = JSON.stringify({ host: publicUrl.host, key, keyLocation: `${ctx.config.publicUrl}/${key}.txt`, urlList: urls });
    const sent = await outboundPost(ctx.config.indexNowEndpoint, { 'content-type': 'application/json; charset=utf-8' }, body, {
      allowPrivate: ctx.config.pingsAllowPrivate,
      timeoutMs: 15_000,
    });
    // 200 and 202 mean received; anything else (429 throttled, 5xx, unreachable) is worth another try.
    if (!sent.ok) throw new Error(`IndexNow : ${sent.error}`);
  });
  onContentEvent('indexnow', async (db, event) => {
    if (!config.indexNowKey || !isArticleEvent(event)) return;
    // A renamed article: its old address (now a 301 to the new one) changed too.
    const urls = [event.data.url, event.data.previous_url].filter((url): url is string => typeof url === 'string');
    if (urls.length === 0) return;
    await enqueueJob(db, { kind: INDEXNOW_JOB, payload: { urls }, maxAttempts: 8 });
  });
}
