import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { findFeed, findOutlet, type FeedRow, recordFeedFailure, recordFeedSuccess, upsertItem } from './desk-repository.ts';
import { FeedError, parseFeed } from './feed-parse.ts';
import { politeGet } from './polite-client.ts';
import { assignStories } from './story-store.ts';

// Each feed is polled by its own durable job (unique key per feed), which books the next poll
// when it ends: at the feed's interval after a success, later and later after failures (doubling,
// at most a day). A failure is never thrown to the runner: it is written on the feed, in French,
// for the sources screen, and nothing already stored is touched.

export const FEED_FETCH_JOB = 'desk-feed-fetch';
/** Largest feed read (a 10 MB feed is refused, not parsed). */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
const FEED_TIMEOUT_MS = 20_000;
const MAX_BACKOFF_MS = 24 * 3600_000;

const payloadSchema = z.strictObject({ feedId: z.number().int().positive() });

/** Books the next poll of a feed (now by default). */
export async function scheduleFeed(db: Db, feedId: number, at: string | Date = new Date()): Promise<void> {
  await enqueueJob(db, { kind: FEED_FETCH_JOB, payload: { feedId }, uniqueKey: `desk-feed:${feedId}`, runAt: at, maxAttempts: 3 });
}

/** What one poll did, for tests and the bench. */
export type FetchOutcome = { ok: true; notModified: boolean; created: number; updated: number } | { ok: false; error: string };

/** Polls one feed now: conditional GET, parse, store, file new items into stories, record the health. */
export async function fetchFeed(ctx: AppContext, feed: FeedRow, timeoutMs = FEED_TIMEOUT_MS): Promise<FetchOutcome> {
  const outlet = await findOutlet(ctx.db, feed.outlet_id);
  if (!outlet) return { ok: false, error: 'média supprimé' };
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
  const answer = await politeGet(ctx, feed.url, { maxBytes: MAX_FEED_BYTES, timeoutMs, headers });
  const next = new Date(Date.now() + feed.interval_minutes * 60_000).toISOString();
  if (answer.ok && answer.notModified) {
    await recordFeedSuccess(ctx.db, feed.id, { etag: feed.etag, lastModified: feed.last_modified, nextFetchAt: next });
    return { ok: true, notModified: true, created: 0, updated: 0 };
  }
  if (!answer.ok) return fail(ctx.db, feed, `Flux injoignable : ${answer.reason}.`);
  let entries: ReturnType<typeof parseFeed>;
  try {
    entries = parseFeed(answer.body, answer.contentType, answer.url);
  } catch (error) {
    if (error instanceof FeedError) return fail(ctx.db, feed, error.message);
    throw error;
  }
  if (entries.length === 0) return fail(ctx.db, feed, 'Flux lu, mais sans aucun article exploitable (titre et lien manquants).');
  let created = 0;
  for (const entry of entries) {
    const stored = await upsertItem(ctx.db, outlet, feed.id, entry);
    if (stored.created) created++;
  }
  await recordFeedSuccess(ctx.db, feed.id, {
    etag: answer.etag?.slice(0, 300) ?? null,
    lastModified: answer.lastModified?.slice(0, 300) ?? null,
    nextFetchAt: next,
  });
  if (created > 0) await assignStories(ctx.db);
  return { ok: true, notModified: false, created, updated: entries.length - created };
}

async function fail(db: Db, feed: FeedRow, error: string): Promise<FetchOutcome> {
  const delay = Math.min(feed.interval_minutes * 60_000 * 2 ** (feed.consecutive_failures + 1), MAX_BACKOFF_MS);
  await recordFeedFailure(db, feed, error, new Date(Date.now() + delay).toISOString());
  return { ok: false, error };
}

/** Registers the poll job: fetch the feed if it still exists, then book its next poll. */
export function registerFeedFetchJob(): void {
  registerJobHandler(FEED_FETCH_JOB, payloadSchema, async ({ feedId }, { ctx }) => {
    const feed = await findFeed(ctx.db, feedId);
    if (!feed) return;
    try {
      await fetchFeed(ctx, feed);
    } finally {
      // A poll that threw (database trouble) left next_fetch_at in the past: wait an interval anyway.
      const after = await findFeed(ctx.db, feedId);
      const soonest = new Date(Date.now() + (after?.interval_minutes ?? 15) * 60_000).toISOString();
      if (after) await scheduleFeed(ctx.db, feedId, after.next_fetch_at > new Date().toISOString() ? after.next_fetch_at : soonest);
    }
  });
}
