import { z } from 'zod';
import { getOrCreateAppSecret } from '../accounts/app-secret.ts';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import type { AppContext } from '../core/app-context.ts';
import type { ReaderTokenPurpose } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { foldedKey } from '../core/text/loose-match.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { displayNameProblem } from './display-name.ts';
import { staffAccountOfReader } from './staff-identity.ts';
import { readModerationList } from './moderation-lists.ts';
import { checkProofOfWork } from './proof-of-work.ts';
import { hashIp } from './rate-limit.ts';
import { userTextProblem } from './user-text.ts';
import { sendEmailChangeMail, sendSignInMail } from './reader-mail.ts';
import type { Reader } from './reader-session.ts';
import { invalidateCommentsOf } from '../comments/comment-invalidation.ts';

/** Sign-in and e-mail confirmation links last 30 minutes. */
export const READER_LINK_TTL_MS = 30 * 60 * 1000;

/** Sign-in links: per address and per network address, stricter without the proof of work (no JavaScript). */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowMs: 3600_000 },
  perIp: { limit: 20, windowMs: 3600_000 },
  perIpWithoutProof: { limit: 3, windowMs: 3600_000 },
};

function invalid(field: string, message: string, status = 422): AppError {
  return new AppError('validation_failed', status, message, { details: { field } });
}

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'Cette adresse est trop longue.' })
  .pipe(z.email({ error: 'Saisissez une adresse électronique valable, par exemple nom@exemple.fr.' }));

/** The address as stored (trimmed, lower case), or a 422 naming the problem. */
export function parseEmail(value: unknown): string {
  const parsed = emailSchema.safeParse(typeof value === 'string' ? value : '');
  if (!parsed.success) throw invalid('email', parsed.error.issues[0].message);
  return parsed.data;
}

async function assertNotDisposable(ctx: AppContext, email: string): Promise<void> {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const list = await readModerationList(ctx.db, 'disposable_domains');
  if (list.some((d) => domain === d || domain.endsWith(`.${d}`)))
    throw invalid('email', 'Les adresses jetables ne sont pas acceptées : utilisez votre adresse habituelle.');
}

const readerSecrets = new WeakMap<AppContext['db'], Promise<string>>();

/**
 * The key that signs proof-of-work challenges and hashes addresses (kept in the database). It
 * never changes once created, so each process reads it once rather than at every post.
 */
export function readerSecret(ctx: AppContext): Promise<string> {
  let secret = readerSecrets.get(ctx.db);
  if (!secret) {
    secret = getOrCreateAppSecret(ctx.db, 'reader_secret');
    readerSecrets.set(ctx.db, secret);
    secret.catch(() => readerSecrets.delete(ctx.db));
  }
  return secret;
}

async function makeLink(
  ctx: AppContext,
  input: { email: string; readerId: number | null; purpose: ReaderTokenPurpose },
  now: Date,
): Promise<string> {
  const token = newSecretToken();
  await ctx.db
    .insertInto('reader_tokens')
    .values({
      reader_id: input.readerId,
      email: input.email,
      purpose: input.purpose,
      token_hash: hashSecretToken(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + READER_LINK_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Sends a sign-in link to an address (an account is made when the link is used). The answer is
 * the same whether an account exists or not, so the form tells nobody who reads the site.
 */
export async function requestSignInLink(
  ctx: AppContext,
  input: { email: unknown; proof: unknown; ip: string; returnPath: string | null; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const email = parseEmail(input.email);
  await assertNotDisposable(ctx, email);
  const secret = await readerSecret(ctx);
  const proof = await checkProofOfWork(ctx.db, secret, input.proof, now);
  if (proof === 'invalid') throw invalid('altcha', 'La vérification anti-robot a échoué : rechargez la page et réessayez.', 400);
  const ip = hashIp(input.ip, secret);
  const ipLimit = proof === 'valid' ? SIGN_IN_LIMITS.perIp : SIGN_IN_LIMITS.perIpWithoutProof;
  const allowed = await ctx.rateLimiter.takeAll(
    [
      { bucket: `signin:ip:${ip}:${proof}`, rate: ipLimit },
      { bucket: `signin:email:${email}`, rate: SIGN_IN_LIMITS.perEmail },
    ],
    now,
  );
  if (!allowed) throw new AppError('rate_limited', 429, 'Trop de demandes de lien : réessayez dans une heure.');
  const existing = await ctx.db.selectFrom('readers').select('id').where('email', '=', email).executeTakeFirst();
  const token = await makeLink(ctx, { email, readerId: existing?.id ?? null, purpose: 'sign_in' }, now);
  const query = input.returnPath ? `?suite=${encodeURIComponent(input.returnPath)}` : '';
  await sendSignInMail(ctx, { to: email, url: `${ctx.config.publicUrl}/lecteurs/lien/${token}${query}` });
}

async function consumeLink(ctx: AppContext, token: string, purpose: ReaderTokenPurpose, now: Date) {
  if (token.length < 20 || token.length > 100) return null;
  return ctx.db
    .updateTable('reader_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashSecretToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning(['email', 'reader_id'])
    .executeTakeFirst();
}

/** Whether a link is still usable (for showing its confirmation button; nothing changes). */
export async function linkIsUsable(ctx: AppContext, token: string, purpose: ReaderTokenPurpose, now = new Date()): Promise<boolean> {
  if (token.length < 20 || token.length > 100) return false;
  const row = await ctx.db
    .selectFrom('reader_tokens')
    .select('id')
    .where('token_hash', '=', hashSecretToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Boolean(row);
}

const LINK_UNUSABLE = 'Ce lien n’est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.';

/** Uses a sign-in link once (one conditional UPDATE); returns the reader, created on first use. */
export async function useSignInLink(ctx: AppContext, token: string, now = new Date()): Promise<number> {
  const row = await consumeLink(ctx, token, 'sign_in', now);
  if (!row) throw new AppError('gone', 410, LINK_UNUSABLE);
  await ctx.db
    .insertInto('readers')
    .values({ email: row.email, name_key: null, suspended_until: null, created_at: now.toISOString(), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const reader = await ctx.db.selectFrom('readers').select('id').where('email', '=', row.email).executeTakeFirstOrThrow();
  return reader.id;
}

/** Sets the reader's public name (and short bio). */
export async function updateReaderProfile(
  ctx: AppContext,
  reader: Reader,
  input: { name: unknown; bio: unknown },
  now = new Date(),
): Promise<void> {
  const name = typeof input.name === 'string' ? input.name.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  const bio = typeof input.bio === 'string' ? input.bio.normalize('NFC').trim() : '';
  const { settings } = await loadSiteChrome(ctx.db);
  // A journalist's own reader identity may carry their own name (and only theirs).
  const staff = await staffAccountOfReader(ctx.db, reader.email);
  const problem = await displayNameProblem(ctx.db, name, {
    readerId: reader.id,
    publicationName: settings.name,
    ownNames: staff ? [staff.name, staff.person_name ?? ''].filter(Boolean) : [],
  });
  if (problem) throw invalid('name', problem);
  if (bio.length > 280) throw invalid('bio', 'La présentation doit compter au plus 280 caractères.');
  const bioProblem = userTextProblem(bio, 'La présentation');
  if (bioProblem) throw invalid('bio', bioProblem);
  try {
    await ctx.db
      .updateTable('readers')
      .set({ display_name: name, name_key: foldedKey(name), bio, updated_at: now.toISOString() })
      .where('id', '=', reader.id)
      .execute();
  } catch {
    // Two readers choosing the same name at once: the unique key decides.
    throw invalid('name', 'Ce nom est déjà pris : choisissez-en un autre.');
  }
  if (name !== reader.displayName) await invalidateCommentsOf(ctx, reader.id);
}

/** Asks to move the account to a new address: a link is sent there, the change happens when it is used. */
export async function requestEmailChange(
  ctx: AppContext,
  reader: Reader,
  input: { email: unknown; ip: string },
  now = new Date(),
): Promise<void> {
  const email = parseEmail(input.email);
  if (email === reader.email) throw invalid('email', 'C’est déjà votre adresse.');
  await assertNotDisposable(ctx, email);
  if (!(await ctx.rateLimiter.take(`email-change:${reader.id}`, { limit: 5, windowMs: 3600_000 }, now)))
    throw new AppError('rate_limited', 429, 'Trop de demandes : réessayez dans une heure.');
  const token = await makeLink(ctx, { email, readerId: reader.id, purpose: 'email_change' }, now);
  await sendEmailChangeMail(ctx, { to: email, url: `${ctx.config.publicUrl}/lecteurs/email/${token}` });
}

/** Uses an address confirmation link: the account takes the new address (if nobody else has it). */
export async function confirmEmailChange(ctx: AppContext, token: string, now = new Date()): Promise<void> {
  const row = await consumeLink(ctx, token, 'email_change', now);
  if (!row || row.reader_id === null) throw new AppError('gone', 410, LINK_UNUSABLE);
  const other = await ctx.db.selectFrom('readers').select('id').where('email', '=', row.email).executeTakeFirst();
  if (other) throw new AppError('conflict', 409, 'Cette adresse est déjà celle d’un autre compte.');
  await ctx.db.updateTable('readers').set({ email: row.email, updated_at: now.toISOString() }).where('id', '=', row.reader_id).execute();
}

/** Turns reply notifications by e-mail on or off. */
export async function setReplyNotifications(ctx: AppContext, readerId: number, on: boolean): Promise<void> {
  await ctx.db
    .updateTable('readers')
    .set({ notify_replies: on ? 1 : 0, updated_at: new Date().toISOString() })
    .where('id', '=', readerId)
    .execute();
}
