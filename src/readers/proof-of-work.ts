import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { Db } from '../core/db/database.ts';

/** How long a challenge may be solved and used. */
const CHALLENGE_TTL_MS = 10 * 60 * 1000;
/**
 * A new proof-of-work challenge (ALTCHA format), signed with the server's key; no third party involved.
 * maxNumber (config POW_MAX_NUMBER, 100,000 by default) is ~0.2 s of SHA-256 on a phone: nothing for a
 * reader, a real cost for a spam farm.
 */
export function newChallenge(hmacKey: string, maxNumber: number, now = new Date()): Promise<Challenge> {
  return createChallenge({ hmacKey, maxNumber, expires: new Date(now.getTime() + CHALLENGE_TTL_MS) });
}

export type ProofResult = 'valid' | 'missing' | 'invalid';

/**
 * Checks the `altcha` field of a form: a solution to one of our challenges, unexpired, and never
 * used before (its signature is recorded, so a solved challenge cannot be replayed).
 */
export async function checkProofOfWork(db: Db, hmacKey: string, payload: unknown, now = new Date()): Promise<ProofResult> {
  if (typeof payload !== 'string' || payload === '') return 'missing';
  if (payload.length > 2000) return 'invalid';
  let decoded: { signature?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature?: unknown };
  } catch {
    return 'invalid';
  }
  if (typeof decoded.signature !== 'string') return 'invalid';
  if (!(await verifySolution(payload, hmacKey, true).catch(() => false))) return 'invalid';
  const inserted = await db
    .insertInto('used_challenges')
    .values({ signature: decoded.signature, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString() })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'invalid';
  if (Math.random() < 0.02) await db.deleteFrom('used_challenges').where('expires_at', '<', now.toISOString()).execute();
  return 'valid';
}
