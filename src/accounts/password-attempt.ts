import type { Db } from '../core/db/database.ts';
import { isLoginThrottled, recordLoginAttempt } from './login-throttle.ts';
import { verifyAgainstDecoy, verifyPassword } from './password-hash.ts';

/** The outcome of checking a password someone typed: right, wrong, or refused unchecked (too many failures). */
export type PasswordAttempt = 'ok' | 'wrong' | 'throttled';

/**
 * Checks a typed password against an account under the sign-in limits (login-throttle.ts): the
 * sign-in form and every "current password" check of "Mon compte" go through here, so none of
 * them can be used to guess a password faster than the others. Each check is recorded. Without a
 * hash (unknown address, account not active), a decoy hash is checked in the same time.
 */
export async function attemptPassword(
  db: Db,
  input: { account: string; ip: string; password: string; passwordHash: string | null },
): Promise<PasswordAttempt> {
  if (await isLoginThrottled(db, { account: input.account, ip: input.ip })) return 'throttled';
  let ok = false;
  if (input.passwordHash) ok = await verifyPassword(input.password, input.passwordHash);
  else await verifyAgainstDecoy(input.password);
  await recordLoginAttempt(db, { account: input.account, ip: input.ip, succeeded: ok });
  return ok ? 'ok' : 'wrong';
}
