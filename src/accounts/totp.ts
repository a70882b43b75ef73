import { Secret, TOTP } from 'otpauth';
import type { Db } from '../core/db/database.ts';

/** A new TOTP secret (160 bits, the RFC 4226 recommendation), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, account: string, issuer: string): TOTP {
  return new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app imports (or that a person types from the secret). */
export function totpUri(secret: string, account: string, issuer: string): string {
  return totpFor(secret, account, issuer).toString();
}

/** True when the 6-digit code matches now, or one 30-second step before or after (clock drift). */
export function verifyTotpCode(secret: string, code: string, now = Date.now()): boolean {
  return totpStepOf(secret, code, now) !== null;
}

/** The 30-second time step the code belongs to (now, or one step either side), or null if it matches none. */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret, 'x', 'x').validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/**
 * Accepts a code once: records its time step for the user unless that step (or a later one) was
 * already used. A single conditional UPDATE, so two requests racing with one code cannot both pass.
 */
export async function consumeTotpCode(
  db: Db,
  user: { id: number; totp_secret: string | null },
  code: string,
  now = Date.now(),
): Promise<boolean> {
  if (!user.totp_secret) return false;
  const step = totpStepOf(user.totp_secret, code, now);
  if (step === null) return false;
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The current code for a secret (tests, and nothing else). */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totpFor(secret, 'x', 'x').generate({ timestamp: now });
}
