import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { attemptPassword, type PasswordAttempt } from './password-attempt.ts';
import { hashPassword, passwordNeedsRehash } from './password-hash.ts';
import type { Actor } from './policy.ts';
import { deleteOtherSessions, markSecondFactorDone } from './session-store.ts';
import { consumeTotpCode, newTotpSecret } from './totp.ts';
import { findUserByEmail, findUserById, normalizeEmail, type UserRow, updateUser } from './user-repository.ts';

// "Mon compte" and signing in: what a person does to their own account. Every check of a typed
// password goes through attemptPassword (the sign-in limits); every change is audited.

type Ctx = Pick<AppContext, 'db'>;

/** Where a request comes from and which session made it (kept when other sessions end). */
export interface RequestOrigin {
  ip: string;
  sessionIdHash: string | null;
}

async function ownAccount(ctx: Ctx, actor: Actor): Promise<UserRow> {
  const user = actor.userId === null ? undefined : await findUserById(ctx.db, actor.userId);
  if (user?.status !== 'active') throw new AppError('unauthorized', 401, 'Connexion requise.');
  return user;
}

/**
 * Checks an address and password typed in the sign-in form, under the sign-in limits. An unknown
 * address, a disabled account and a wrong password give the same answer in the same time. A hash
 * made with older parameters is replaced on success.
 */
export async function checkSignIn(
  ctx: Ctx,
  input: { email: string; password: string; ip: string },
): Promise<{ result: 'wrong' } | { result: 'throttled' } | { result: 'ok'; user: UserRow }> {
  const account = normalizeEmail(input.email);
  const user = await findUserByEmail(ctx.db, account);
  const usable = user && user.status === 'active' ? user : undefined;
  const result = await attemptPassword(ctx.db, {
    account,
    ip: input.ip,
    password: input.password,
    passwordHash: usable?.password_hash ?? null,
  });
  if (result === 'throttled') return { result };
  if (result !== 'ok' || !usable) return { result: 'wrong' };
  if (passwordNeedsRehash(usable.password_hash!))
    await updateUser(ctx.db, usable.id, { password_hash: await hashPassword(input.password) });
  return { result: 'ok', user: usable };
}

/**
 * Changes one's own password after checking the current one (under the sign-in limits). The
 * other devices are signed out; the one that made the change stays signed in. Audited.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  actor: Actor,
  input: { current: string; password: string },
  origin: RequestOrigin,
): Promise<PasswordAttempt> {
  const user = await ownAccount(ctx, actor);
  const check = await attemptPassword(ctx.db, {
    account: user.email,
    ip: origin.ip,
    password: input.current,
    passwordHash: user.password_hash,
  });
  if (check !== 'ok') return check;
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash });
    await deleteOtherSessions(trx, user.id, origin.sessionIdHash);
    await recordAudit(trx, actor, 'user.password-change', { type: 'user', id: user.id }, { name: user.name });
  });
  return 'ok';
}

/** The name the back office shows for one's account (not the public author profile, which editors manage). */
export async function renameOwnAccount(ctx: Ctx, actor: Actor, name: string): Promise<void> {
  const user = await ownAccount(ctx, actor);
  if (user.name !== name) await updateUser(ctx.db, user.id, { name });
}

/** Step 1 of the second factor: a new secret is stored (not yet enabled) for the person to scan. Returns the account. */
export async function startSecondFactorSetup(ctx: Ctx, actor: Actor): Promise<UserRow> {
  const user = await ownAccount(ctx, actor);
  if (user.totp_enabled) return user;
  await updateUser(ctx.db, user.id, { totp_secret: newTotpSecret() });
  return (await findUserById(ctx.db, user.id))!;
}

/**
 * Step 2: a valid code from the app turns the second factor on. Sessions opened with the password
 * alone end (someone who knew it may be signed in elsewhere); this one counts as verified.
 * Returns false for a wrong code. Audited.
 */
export async function enableSecondFactor(ctx: Ctx, actor: Actor, code: string, origin: RequestOrigin): Promise<boolean> {
  const user = await ownAccount(ctx, actor);
  if (user.totp_enabled || !user.totp_secret) return true;
  if (!(await consumeTotpCode(ctx.db, user, code))) return false;
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled: 1 });
    if (origin.sessionIdHash) await markSecondFactorDone(trx, origin.sessionIdHash);
    await deleteOtherSessions(trx, user.id, origin.sessionIdHash);
    await recordAudit(trx, actor, 'user.totp-enable', { type: 'user', id: user.id }, { name: user.name });
  });
  return true;
}

/** Turns the second factor off after checking the current password (under the sign-in limits). Audited. */
export async function disableSecondFactor(ctx: Ctx, actor: Actor, current: string, origin: RequestOrigin): Promise<PasswordAttempt> {
  const user = await ownAccount(ctx, actor);
  const check = await attemptPassword(ctx.db, { account: user.email, ip: origin.ip, password: current, passwordHash: user.password_hash });
  if (check !== 'ok') return check;
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled: 0, totp_secret: null });
    await recordAudit(trx, actor, 'user.totp-disable', { type: 'user', id: user.id }, { name: user.name });
  });
  return 'ok';
}
