import crypto from 'node:crypto';

/** A new random secret for a cookie or a link: 32 bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * The form a secret token is stored in (sessions, account links, API tokens): SHA-256, hex.
 * A plain hash is enough because the tokens are 256 random bits; a stolen database gives no live secret.
 */
export function hashSecretToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}
