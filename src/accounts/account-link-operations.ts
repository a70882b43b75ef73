import { z } from 'zod';
import { revokeAllApiTokensOf } from '../api/tokens/token-repository.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { renameAuthorProfile } from '../people/person-repository.ts';
import { sendPasswordResetMail } from './account-mail.ts';
import {
  consumeAccountToken,
  countAccountTokensSince,
  createAccountToken,
  peekAccountToken,
  revokeAccountTokens,
} from './account-tokens.ts';
import { hashPassword } from './password-hash.ts';
import type { Actor } from './policy.ts';
import { deleteUserSessions } from './session-store.ts';
import { countActiveUsers, findUserByEmail, findUserById, normalizeEmail, type UserRow, updateUser } from './user-repository.ts';

// The operations behind the single-use links: first owner (setup), invitation, password reset.
// Each returns null when the link is unknown, used or expired (the routes answer 410).

type Ctx = Pick<AppContext, 'db' | 'config' | 'pageCache'>;

/** The account acting on itself (a person who just proved they hold the link), for the audit log. */
function selfActor(user: UserRow): Actor {
  return { userId: user.id, name: user.name, role: user.role, personId: user.person_id };
}

/** Whether a setup link can still be used: no active account yet, and the link is good. */
export async function setupLinkUsable(ctx: Pick<AppContext, 'db'>, token: string): Promise<boolean> {
  return (await countActiveUsers(ctx.db)) === 0 && (await peekAccountToken(ctx.db, token, 'setup')) !== null;
}

/**
 * Creates the first owner from a setup link: name, address and password are stored, the account
 * becomes an active administrator. Throws a 409 AppError (field `email`) when the address is
 * another account's.
 */
export async function completeSetup(
  ctx: Ctx,
  token: string,
  input: { name: string; email: string; password: string },
): Promise<UserRow | null> {
  if (!(await setupLinkUsable(ctx, token))) return null;
  const email = normalizeEmail(input.email);
  const taken = await findUserByEmail(ctx.db, email);
  if (taken && taken.id !== (await peekAccountToken(ctx.db, token, 'setup')))
    throw new AppError('conflict', 409, 'Cette adresse est déjà celle d’un autre compte.', { details: { field: 'email' } });
  const passwordHash = await hashPassword(input.password);
  const userId = await consumeAccountToken(ctx.db, token, 'setup');
  if (userId === null) return null;
  await updateUser(ctx.db, userId, { name: input.name, email, password_hash: passwordHash, role: 'administrateur', status: 'active' });
  const user = (await findUserById(ctx.db, userId))!;
  await recordAudit(ctx.db, selfActor(user), 'user.create', { type: 'user', id: userId }, { via: 'installation' });
  return user;
}

/** The invited account a link opens, if the link is good and the account still waits for activation. */
export async function invitedAccount(ctx: Pick<AppContext, 'db'>, token: string): Promise<UserRow | null> {
  const userId = await peekAccountToken(ctx.db, token, 'invitation');
  const user = userId === null ? undefined : await findUserById(ctx.db, userId);
  return user?.status === 'invited' ? user : null;
}

/**
 * Activates an invited account: the person's chosen name and password. An author profile made at
 * invitation under a provisional name takes the chosen name.
 */
export async function acceptInvitation(ctx: Ctx, token: string, input: { name: string; password: string }): Promise<UserRow | null> {
  const user = await invitedAccount(ctx, token);
  if (!user) return null;
  const passwordHash = await hashPassword(input.password);
  if ((await consumeAccountToken(ctx.db, token, 'invitation')) !== user.id) return null;
  await updateUser(ctx.db, user.id, { name: input.name, password_hash: passwordHash, status: 'active' });
  if (user.person_id !== null && (await renameAuthorProfile(ctx.db, user.person_id, user.name, input.name)))
    ctx.pageCache.invalidate([`person:${user.person_id}`]);
  const active = (await findUserById(ctx.db, user.id))!;
  await recordAudit(ctx.db, selfActor(active), 'user.activate', { type: 'user', id: user.id }, { name: input.name });
  return active;
}

/** At most this many reset mails per account per hour: the form cannot be used to flood a mailbox. */
const RESET_MAILS_PER_HOUR = 3;

/** Job kind that sends a password reset link (queued by every reset request, known address or not). */
export const PASSWORD_RESET_JOB = 'account-password-reset';

const resetJobSchema = z.object({ email: z.string().max(254) });

/**
 * "Mot de passe oublié": queues the request and returns. The work done while the person waits is
 * the same whether the address has an account or not (one job row), so neither the answer nor
 * its timing says which addresses exist; the job runner looks the account up and sends the mail.
 */
export async function requestPasswordReset(ctx: Pick<AppContext, 'db'>, email: string): Promise<void> {
  await enqueueJob(ctx.db, { kind: PASSWORD_RESET_JOB, payload: { email: normalizeEmail(email) }, maxAttempts: 3 });
}

/** The job's work: for an active account under its hourly limit, a one-hour link by mail. Returns whether a mail left. */
export async function sendPasswordResetLink(ctx: AppContext, email: string): Promise<boolean> {
  const user = await findUserByEmail(ctx.db, email);
  if (user?.status !== 'active') return false;
  const recent = await countAccountTokensSince(ctx.db, user.id, 'password_reset', new Date(Date.now() - 3600_000));
  if (recent >= RESET_MAILS_PER_HOUR) return false;
  const token = await createAccountToken(ctx.db, user.id, 'password_reset');
  await sendPasswordResetMail(ctx, { to: user.email, url: `${ctx.config.publicUrl}/admin/mot-de-passe/${token}` });
  return true;
}

/** Registers the reset mail job with the job runner (idempotent). */
export function registerPasswordResetJob(): void {
  registerJobHandler(PASSWORD_RESET_JOB, resetJobSchema, async ({ email }, { ctx }) => {
    await sendPasswordResetLink(ctx, email);
  });
}

/** The active account a reset link opens, if the link is good. */
export async function resettableAccount(ctx: Pick<AppContext, 'db'>, token: string): Promise<UserRow | null> {
  const userId = await peekAccountToken(ctx.db, token, 'password_reset');
  const user = userId === null ? undefined : await findUserById(ctx.db, userId);
  return user?.status === 'active' ? user : null;
}

/**
 * Sets a new password from a reset link. Whoever knew the old password may hold sessions or API
 * tokens: every session ends, every API token of the account is revoked, other reset links die.
 * Audited, with the number of tokens revoked.
 */
export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<UserRow | null> {
  const user = await resettableAccount(ctx, token);
  if (!user) return null;
  const passwordHash = await hashPassword(password);
  if ((await consumeAccountToken(ctx.db, token, 'password_reset')) !== user.id) return null;
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: passwordHash }, now);
    await revokeAccountTokens(trx, user.id, 'password_reset', now);
    await deleteUserSessions(trx, user.id);
    const revoked = await revokeAllApiTokensOf(trx, user.id, now.toISOString());
    await recordAudit(
      trx,
      selfActor(user),
      'user.password-reset',
      { type: 'user', id: user.id },
      { name: user.name, revokedApiTokens: revoked },
    );
  });
  return user;
}
