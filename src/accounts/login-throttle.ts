import type { Db } from '../core/db/database.ts';

/** Login limits: per account (a locked account opens again as failures age out) and per IP address. */
export interface LoginLimits {
  accountFailures: number;
  accountWindowMs: number;
  /** A hard ceiling whatever the window above (the security standard asks ≤ 100 an hour). */
  accountFailuresPerHour: number;
  ipFailures: number;
  ipWindowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  accountFailures: 10,
  accountWindowMs: 15 * 60 * 1000,
  accountFailuresPerHour: 100,
  ipFailures: 50,
  ipWindowMs: 15 * 60 * 1000,
};

const HOUR_MS = 60 * 60 * 1000;

async function countFailures(db: Db, column: 'account' | 'ip', value: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', value)
    .where('succeeded', '=', 0)
    .where('attempted_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether a sign-in attempt must be refused before the password is even checked: too many
 * recent failures for this account (since its last success) or from this address.
 * Refused attempts are not recorded, so an attacker cannot keep an account locked longer.
 */
export async function isLoginThrottled(db: Db, input: { account: string; ip: string; now?: Date; limits?: LoginLimits }): Promise<boolean> {
  const now = (input.now ?? new Date()).getTime();
  const limits = input.limits ?? LOGIN_LIMITS;
  const lastSuccess = await db
    .selectFrom('login_attempts')
    .select('attempted_at')
    .where('account', '=', input.account)
    .where('succeeded', '=', 1)
    .orderBy('attempted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const since = (windowMs: number) => {
    const start = new Date(now - windowMs).toISOString();
    return lastSuccess && lastSuccess.attempted_at > start ? lastSuccess.attempted_at : start;
  };
  const [account, accountHour, ip] = await Promise.all([
    countFailures(db, 'account', input.account, since(limits.accountWindowMs)),
    countFailures(db, 'account', input.account, new Date(now - HOUR_MS).toISOString()),
    countFailures(db, 'ip', input.ip, new Date(now - limits.ipWindowMs).toISOString()),
  ]);
  return account >= limits.accountFailures || accountHour >= limits.accountFailuresPerHour || ip >= limits.ipFailures;
}

/** Records one sign-in attempt (also wrong TOTP codes); old rows are pruned now and then. */
export async function recordLoginAttempt(db: Db, input: { account: string; ip: string; succeeded: boolean; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db
    .insertInto('login_attempts')
    .values({
      account: input.account.slice(0, 254),
      ip: input.ip.slice(0, 64),
      succeeded: input.succeeded ? 1 : 0,
      attempted_at: now.toISOString(),
    })
    .execute();
  // Rows older than a day serve no limit; pruning on ~1 % of attempts keeps the table small without a job.
  if (Math.random() < 0.01)
    await db
      .deleteFrom('login_attempts')
      .where('attempted_at', '<', new Date(now.getTime() - 24 * HOUR_MS).toISOString())
      .execute();
}
