import crypto from 'node:crypto';
import { getOrCreateAppSecret } from '../accounts/app-secret.ts';
import type { AppContext } from '../core/app-context.ts';

/**
 * Links in every message that act without a password: "Mes newsletters" (a reader's
 * subscriptions) and the one-click unsubscribe of one newsletter (RFC 8058). Each is the ids it
 * acts on plus an HMAC of them under a secret kept in the database, so a link cannot be guessed,
 * forged or enumerated by changing a number; the same reader always gets the same link.
 */
export function newsletterSecret(ctx: Pick<AppContext, 'db'>): Promise<string> {
  return getOrCreateAppSecret(ctx.db, 'newsletter_secret');
}

function mac(secret: string, purpose: string, parts: number[]): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`${purpose}:${parts.join(':')}`)
    .digest('base64url')
    .slice(0, 32);
}

function sign(secret: string, purpose: string, parts: number[]): string {
  return `${parts.map((n) => n.toString(36)).join('.')}.${mac(secret, purpose, parts)}`;
}

function verify(secret: string, purpose: string, token: string, count: number): number[] | null {
  if (token.length > 120) return null;
  const pieces = token.split('.');
  if (pieces.length !== count + 1) return null;
  const parts = pieces.slice(0, count).map((p) => (/^[0-9a-z]{1,7}$/.test(p) ? Number.parseInt(p, 36) : Number.NaN));
  if (parts.some((n) => !Number.isSafeInteger(n) || n < 1 || n > 2_147_483_647)) return null;
  const expected = Buffer.from(mac(secret, purpose, parts));
  const given = Buffer.from(pieces[count]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? parts : null;
}

/** The token of a reader's "Mes newsletters" page. */
export function manageToken(secret: string, readerId: number): string {
  return sign(secret, 'manage', [readerId]);
}

/** The reader a "Mes newsletters" token opens, or null when it is not one of ours. */
export function readerOfManageToken(secret: string, token: string): number | null {
  return verify(secret, 'manage', token, 1)?.[0] ?? null;
}

/** The token of a one-click unsubscribe from one newsletter. */
export function unsubscribeToken(secret: string, readerId: number, newsletterId: number): string {
  return sign(secret, 'unsubscribe', [readerId, newsletterId]);
}

/** The (reader, newsletter) an unsubscribe token names, or null when forged. */
export function parseUnsubscribeToken(secret: string, token: string): { readerId: number; newsletterId: number } | null {
  const parts = verify(secret, 'unsubscribe', token, 2);
  return parts ? { readerId: parts[0], newsletterId: parts[1] } : null;
}

/** A keyed hash of an erased address: it proves nothing about the address to whoever reads the table. */
export function suppressionHash(secret: string, email: string): string {
  return crypto.createHmac('sha256', secret).update(`suppress:${email.trim().toLowerCase()}`).digest('base64url');
}

/**
 * Audience counting (opt-in per newsletter): the tracking pixel and counted links name the
 * edition only, never a reader, and are the same in every recipient's message; the signature
 * keeps the click route from being an open redirect and the counters from being bumped by guess.
 */
export function openCountToken(secret: string, editionId: number): string {
  return sign(secret, 'open', [editionId]);
}

/** The edition an open-count token names, or null when forged. */
export function editionOfOpenToken(secret: string, token: string): number | null {
  return verify(secret, 'open', token, 1)?.[0] ?? null;
}

/** The token of a counted link to `url` in an edition. */
export function clickCountToken(secret: string, editionId: number, url: string): string {
  return sign(secret, `click:${url}`, [editionId]);
}

/** The edition a counted link to `url` belongs to, or null when the token does not sign that URL. */
export function editionOfClickToken(secret: string, token: string, url: string): number | null {
  return verify(secret, `click:${url}`, token, 1)?.[0] ?? null;
}
