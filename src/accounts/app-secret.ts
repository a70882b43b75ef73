import crypto from 'node:crypto';
import type { Db } from '../core/db/database.ts';

/**
 * Reads a named application secret, creating it (32 random bytes, base64url) on first use.
 * Safe with two processes starting together: insert-if-absent, then read whichever row won.
 */
export async function getOrCreateAppSecret(db: Db, name: string): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: crypto.randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
