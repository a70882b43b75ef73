import { createHash, randomBytes } from 'node:crypto';

/** Every personal access token starts with this, so secret scanners and people recognise it. */
export const TOKEN_PREFIX = 'ksq_';

// ksq_ + 32 random bytes in base64url (43 characters): 256 bits, never guessable.
const TOKEN_PATTERN = /^ksq_[A-Za-z0-9_-]{43}$/;

/** A new token secret: shown once to its owner, never stored. */
export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the database keeps: the SHA-256 of the secret (hex). A fast hash suffices for 256 random bits. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when the text has the shape of a Kiosque token (checked before any database lookup). */
export function looksLikeTokenSecret(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** The secret carried by an `Authorization: Bearer …` header, or null when the header is absent or of another kind. */
export function bearerSecret(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
