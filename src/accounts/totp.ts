import { Secret, TOTP } from 'otpauth';

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
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secret, 'x', 'x').validate({ token, window: 1, timestamp: now }) !== null;
}

/** The current code for a secret (tests, and nothing else). */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totpFor(secret, 'x', 'x').generate({ timestamp: now });
}
