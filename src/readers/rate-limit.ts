import crypto from 'node:crypto';
import type { Db } from '../core/db/database.ts';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Counts one event in a bucket unless the bucket already holds `limit` events within the window;
 * returns whether the event was allowed. Counted in the database, so every process agrees.
 */
export async function takeRateToken(db: Db, bucket: string, rate: RateLimit, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - rate.windowMs).toISOString();
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= rate.limit) return false;
  await db.insertInto('rate_events').values({ bucket, created_at: now.toISOString() }).execute();
  // Events older than a day serve no limit; pruning on ~1 % of events keeps the table small without a job.
  if (Math.random() < 0.01)
    await db
      .deleteFrom('rate_events')
      .where('created_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
      .execute();
  return true;
}

/** A keyed hash of an address: buckets and comments never store a reader's IP address itself. */
export function hashIp(ip: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 22);
}
