import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../core/db/database.ts';

/** How long a challenge may be solved and used. */
const CHALLENGE_TTL_MS = 10 * 60 * 1000;

/** An ALTCHA challenge (v1 format), as the island and any ALTCHA widget solve it. */
export interface Challenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

// The ALTCHA v1 format: challenge = hex SHA-256 of (salt + number), signature = hex HMAC-SHA-256 of
// the challenge with the server's key; the salt carries `?expires=<unix seconds>&`, so the expiry is
// bound by the hash. altcha-lib computes the same through WebCrypto's asynchronous API: three trips
// through the thread pool per call, which under 20 posting readers took a sixth of the server's time
// and an event-loop turn each in every post. node:crypto does it synchronously in microseconds; the
// test beside this file checks both ways against altcha-lib itself.
const sha256Hex = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const hmacHex = (key: string, text: string) => crypto.createHmac('sha256', key).update(text).digest('hex');

/**
 * A new proof-of-work challenge (ALTCHA format), signed with the server's key; no third party involved.
 * maxNumber (config POW_MAX_NUMBER, 100,000 by default) is ~0.2 s of SHA-256 on a phone: nothing for a
 * reader, a real cost for a spam farm.
 */
export function newChallenge(hmacKey: string, maxNumber: number, now = new Date()): Challenge {
  const expires = Math.floor((now.getTime() + CHALLENGE_TTL_MS) / 1000);
  const salt = `${crypto.randomBytes(12).toString('hex')}?expires=${expires}&`;
  const challenge = sha256Hex(`${salt}${crypto.randomInt(1, maxNumber + 1)}`);
  return { algorithm: 'SHA-256', challenge, maxnumber: maxNumber, salt, signature: hmacHex(hmacKey, challenge) };
}

/** A solution as the island sends it (base64 of this JSON). */
const solutionSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().min(0),
  salt: z.string().max(300),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

/** True when the solution answers a challenge signed with hmacKey that has not expired. */
function solves(payload: string, hmacKey: string, now: Date): { signature: string } | null {
  let parsed: z.infer<typeof solutionSchema>;
  try {
    const result = solutionSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const expires = Number(new URLSearchParams(parsed.salt.split('?')[1] ?? '').get('expires'));
  if (!Number.isFinite(expires) || expires * 1000 < now.getTime()) return null;
  if (sha256Hex(`${parsed.salt}${parsed.number}`) !== parsed.challenge) return null;
  const expected = Buffer.from(hmacHex(hmacKey, parsed.challenge));
  const given = Buffer.from(parsed.signature);
  return crypto.timingSafeEqual(expected, given) ? { signature: parsed.signature } : null;
}

export type ProofResult = 'valid' | 'missing' | 'invalid';

/** A form's proof checked without the database: valid ones carry the signature to spend once (spendProof). */
export type CheckedProof = { result: 'valid'; signature: string } | { result: 'missing' | 'invalid' };

/** Checks the `altcha` field of a form: a solution to one of our challenges, unexpired (not yet whether it was used). */
export function verifyProof(hmacKey: string, payload: unknown, now = new Date()): CheckedProof {
  if (typeof payload !== 'string' || payload === '') return { result: 'missing' };
  if (payload.length > 2000) return { result: 'invalid' };
  const solved = solves(payload, hmacKey, now);
  return solved ? { result: 'valid', signature: solved.signature } : { result: 'invalid' };
}

/**
 * Records a verified solution as used (it may be in the caller's transaction); false when it was
 * used before, so a solved challenge cannot be replayed.
 */
export async function spendProof(db: Db, signature: string, now = new Date()): Promise<boolean> {
  const inserted = await db
    .insertInto('used_challenges')
    .values({ signature, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString() })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (Math.random() < 0.02) await db.deleteFrom('used_challenges').where('expires_at', '<', now.toISOString()).execute();
  return true;
}

/**
 * Checks the `altcha` field of a form: a solution to one of our challenges, unexpired, and never
 * used before (its signature is recorded, so a solved challenge cannot be replayed).
 */
export async function checkProofOfWork(db: Db, hmacKey: string, payload: unknown, now = new Date()): Promise<ProofResult> {
  const checked = verifyProof(hmacKey, payload, now);
  if (checked.result !== 'valid') return checked.result;
  return (await spendProof(db, checked.signature, now)) ? 'valid' : 'invalid';
}
