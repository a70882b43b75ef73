import { z } from 'zod';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { checkProofOfWork } from '../readers/proof-of-work.ts';
import { hashIp } from '../readers/rate-limit.ts';
import { parseEmail, readerSecret } from '../readers/reader-operations.ts';
import { sendConfirmationMail } from './confirmation-mail.ts';
import { manageToken, newsletterSecret, parseUnsubscribeToken, readerOfManageToken, suppressionHash } from './newsletter-links.ts';
import { endSubscriptions, listActiveNewsletters, upsertSubscription } from './newsletter-repository.ts';

/** A confirmation link is valid two days, once. */
export const CONFIRMATION_TTL_MS = 48 * 3600_000;

/** Sign-ups: per address and per network address, stricter without the proof of work (no JavaScript). */
export const SIGN_UP_LIMITS = {
  perEmail: { limit: 3, windowMs: 3600_000 },
  perIp: { limit: 20, windowMs: 3600_000 },
  perIpWithoutProof: { limit: 5, windowMs: 3600_000 },
};

const LINK_UNUSABLE =
  'Ce lien de confirmation n’est plus valable : il a déjà servi ou a expiré. Inscrivez-vous de nouveau pour en recevoir un autre.';
const FORGED_LINK = 'Ce lien n’est pas valable : copiez l’adresse complète depuis le message reçu.';

const idsSchema = z.array(z.string().regex(/^[1-9][0-9]{0,9}$/)).max(20);

function invalid(path: string, message: string): AppError {
  return AppError.invalid(message, [{ path, message }]);
}

/** The newsletter ids a form ticked, each an active newsletter; at least one. */
async function chosenNewsletters(ctx: AppContext, value: unknown): Promise<number[]> {
  const list = typeof value === 'string' ? [value] : value;
  const parsed = idsSchema.safeParse(list ?? []);
  if (!parsed.success) throw invalid('newsletters', 'Choisissez une newsletter de la liste.');
  const active = new Set((await listActiveNewsletters(ctx.db)).map((n) => n.id));
  const ids = [...new Set(parsed.data.map(Number))];
  if (ids.length === 0) throw invalid('newsletters', 'Cochez au moins une newsletter.');
  if (ids.some((id) => !active.has(id))) throw invalid('newsletters', 'Choisissez une newsletter de la liste.');
  return ids;
}

/**
 * A sign-up: a confirmation link (single use, 48 hours, kept hashed) is mailed to the address;
 * nothing else is stored until it is used. The answer and the mail are the same whether the
 * address is already subscribed or not, so the form tells nobody who reads the newsletter.
 */
export async function requestSubscription(
  ctx: AppContext,
  input: { email: unknown; newsletters: unknown; proof: unknown; ip: string; source: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  let email: string;
  try {
    email = parseEmail(input.email);
  } catch (error) {
    throw invalid('email', (error as Error).message);
  }
  const ids = await chosenNewsletters(ctx, input.newsletters);
  const secret = await readerSecret(ctx);
  const proof = await checkProofOfWork(ctx.db, secret, input.proof, now);
  if (proof === 'invalid') throw invalid('altcha', 'La vérification anti-robot a échoué : rechargez la page et réessayez.');
  const ip = hashIp(input.ip, secret);
  const ipLimit = proof === 'valid' ? SIGN_UP_LIMITS.perIp : SIGN_UP_LIMITS.perIpWithoutProof;
  const allowed =
    (await ctx.rateLimiter.take(`newsletter:ip:${ip}:${proof}`, ipLimit, now)) &&
    (await ctx.rateLimiter.take(`newsletter:email:${email}`, SIGN_UP_LIMITS.perEmail, now));
  if (!allowed) throw new AppError('rate_limited', 429, 'Trop de demandes d’inscription : réessayez dans une heure.');
  const token = newSecretToken();
  await ctx.db
    .insertInto('newsletter_confirmations')
    .values({
      email,
      newsletter_ids: JSON.stringify(ids),
      source: input.source.slice(0, 200),
      token_hash: hashSecretToken(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
  const names = (await listActiveNewsletters(ctx.db)).filter((n) => ids.includes(n.id)).map((n) => n.name);
  await sendConfirmationMail(ctx, { to: email, names, url: `${ctx.config.publicUrl}/newsletters/confirmation/${token}` });
}

function tokenShapeOk(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token);
}

/** Whether a confirmation link can still be used (to show its button); nothing changes. */
export async function confirmationIsUsable(ctx: AppContext, token: string, now = new Date()): Promise<boolean> {
  if (!tokenShapeOk(token)) return false;
  const row = await ctx.db
    .selectFrom('newsletter_confirmations')
    .select('id')
    .where('token_hash', '=', hashSecretToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Uses a confirmation link once (one conditional UPDATE decides): the reader account of the
 * address is made if needed and the subscriptions start, consent dated now. Returns the token of
 * the reader's "Mes newsletters" page.
 */
export async function confirmSubscription(ctx: AppContext, token: string, now = new Date()): Promise<string> {
  if (!tokenShapeOk(token)) throw new AppError('gone', 410, LINK_UNUSABLE);
  const nowIso = now.toISOString();
  const secret = await newsletterSecret(ctx);
  const readerId = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('newsletter_confirmations')
      .set({ used_at: nowIso })
      .where('token_hash', '=', hashSecretToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .returning(['email', 'newsletter_ids', 'source'])
      .executeTakeFirst();
    if (!row) throw new AppError('gone', 410, LINK_UNUSABLE);
    await trx
      .insertInto('readers')
      .values({ email: row.email, name_key: null, suspended_until: null, created_at: nowIso, updated_at: nowIso })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const reader = await trx.selectFrom('readers').select('id').where('email', '=', row.email).executeTakeFirstOrThrow();
    const active = new Set((await listActiveNewsletters(trx)).map((n) => n.id));
    for (const id of z.array(z.number()).parse(JSON.parse(row.newsletter_ids))) {
      if (active.has(id))
        await upsertSubscription(trx, { newsletterId: id, readerId: reader.id, consentAt: nowIso, source: row.source, now: nowIso });
    }
    // A fresh, confirmed consent lifts an earlier erasure of the address.
    await trx.deleteFrom('newsletter_suppressions').where('email_hash', '=', suppressionHash(secret, row.email)).execute();
    return reader.id;
  });
  return manageToken(secret, readerId);
}

/** The reader a "Mes newsletters" link opens; a forged link is a 404 in French. */
export async function readerOfManageLink(ctx: AppContext, token: string): Promise<{ id: number; email: string }> {
  const readerId = readerOfManageToken(await newsletterSecret(ctx), token);
  const reader =
    readerId === null
      ? undefined
      : await ctx.db.selectFrom('readers').select(['id', 'email']).where('id', '=', readerId).executeTakeFirst();
  if (!reader) throw AppError.notFound(FORGED_LINK);
  return reader;
}

/**
 * "Mes newsletters": the reader keeps exactly the ticked newsletters. Ticking one again restarts
 * it (the signed link proves the address); unticking ends it at once.
 */
export async function updateSubscriptions(ctx: AppContext, token: string, ticked: unknown, now = new Date()): Promise<void> {
  const reader = await readerOfManageLink(ctx, token);
  const list = typeof ticked === 'string' ? [ticked] : (ticked ?? []);
  const parsed = idsSchema.safeParse(list);
  const active = await listActiveNewsletters(ctx.db);
  if (!parsed.success || parsed.data.some((id) => !active.some((n) => n.id === Number(id))))
    throw invalid('newsletters', 'Choisissez une newsletter de la liste.');
  const keep = new Set(parsed.data.map(Number));
  const nowIso = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const n of active) {
      if (keep.has(n.id)) {
        await upsertSubscription(trx, {
          newsletterId: n.id,
          readerId: reader.id,
          consentAt: nowIso,
          source: 'Mes newsletters',
          now: nowIso,
          keepActive: true,
        });
      } else {
        await endSubscriptions(trx, { readerId: reader.id, newsletterId: n.id, status: 'unsubscribed', now: nowIso });
      }
    }
  });
}

/**
 * One-click unsubscribe (RFC 8058): works without cookie or login, takes effect at once, and
 * answers the same when repeated. A forged token changes nothing and is a 404.
 */
export async function unsubscribeOneClick(
  ctx: AppContext,
  token: string,
  now = new Date(),
): Promise<{ newsletterName: string; manage: string }> {
  const secret = await newsletterSecret(ctx);
  const target = parseUnsubscribeToken(secret, token);
  const newsletter = target
    ? await ctx.db.selectFrom('newsletters').select(['id', 'name']).where('id', '=', target.newsletterId).executeTakeFirst()
    : undefined;
  if (!target || !newsletter) throw AppError.notFound(FORGED_LINK);
  await endSubscriptions(ctx.db, {
    readerId: target.readerId,
    newsletterId: target.newsletterId,
    status: 'unsubscribed',
    now: now.toISOString(),
  });
  return { newsletterName: newsletter.name, manage: manageToken(secret, target.readerId) };
}

/** Whether an unsubscribe token is one of ours (for the confirmation page; nothing changes). */
export async function unsubscribeTarget(ctx: AppContext, token: string): Promise<{ newsletterName: string } | null> {
  const target = parseUnsubscribeToken(await newsletterSecret(ctx), token);
  if (!target) return null;
  const newsletter = await ctx.db.selectFrom('newsletters').select('name').where('id', '=', target.newsletterId).executeTakeFirst();
  return newsletter ? { newsletterName: newsletter.name } : null;
}
