import type { Db } from '../core/db/database.ts';

/**
 * Sign-in limits. Failures lock an account only for the address they come from, so someone who
 * types wrong passwords at an account cannot lock its owner out from elsewhere. Above that, an
 * hourly ceiling per account (the security standard asks ≤ 100 failures an hour) holds against
 * attempts spread over many addresses; it spares the addresses the account signed in from lately.
 */
export interface LoginLimits {
  /** Failures for one account from one address (since its last success there) within the window. */
  accountFailures: number;
  accountWindowMs: number;
  /** Failures for one account from anywhere within an hour: then only known addresses may try. */
  accountFailuresPerHour: number;
  /** How long an address stays "known" for an account after a successful sign-in from it. */
  knownAddressMs: number;
  /** Failures from one address, whatever the account, within the window. */
  ipFailures: number;
  ipWindowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  accountFailures: 10,
  accountWindowMs: 15 * 60 * 1000,
  accountFailuresPerHour: 100,
  knownAddressMs: 30 * 24 * 60 * 60 * 1000,
  ipFailures: 50,
  ipWindowMs: 15 * 60 * 1000,
};

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

async function countFailures(db: Db, where: { account?: string; ip?: string }, sinceIso: string): Promise<number> {
  let query = db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('succeeded', '=', 0)
    .where('attempted_at', '>', sinceIso);
  if (where.account !== undefined) query = query.where('account', '=', where.account);
  if (where.ip !== undefined) query = query.where('ip', '=', where.ip);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether a sign-in attempt (or any check of an account's password or code) must be refused
 * before the secret is even checked: too many recent failures for this account from this
 * address (since its last success there), from this address in all, or for this account in the
 * last hour from an address it has not signed in from lately. Refused attempts are not
 * recorded, so an attacker cannot keep an account locked longer.
 */
export async function isLoginThrottled(db: Db, input: { account: string; ip: string; now?: Date; limits?: LoginLimits }): Promise<boolean> {
  const now = (input.now ?? new Date()).getTime();
  const limits = input.limits ?? LOGIN_LIMITS;
  const lastSuccessHere = await db
    .selectFrom('login_attempts')
    .select('attempted_at')
    .where('account', '=', input.account)
    .where('ip', '=', input.ip)
    .where('succeeded', '=', 1)
    .orderBy('attempted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const windowStart = new Date(now - limits.accountWindowMs).toISOString();
  const pairSince = lastSuccessHere && lastSuccessHere.attempted_at > windowStart ? lastSuccessHere.attempted_at : windowStart;
  const [pair, fromIp, accountHour] = await Promise.all([
    countFailures(db, { account: input.account, ip: input.ip }, pairSince),
    countFailures(db, { ip: input.ip }, new Date(now - limits.ipWindowMs).toISOString()),
    countFailures(db, { account: input.account }, new Date(now - HOUR_MS).toISOString()),
  ]);
  if (pair >= limits.accountFailures || fromIp >= limits.ipFailures) return true;
  if (accountHour < limits.accountFailuresPerHour) return false;
  const known = lastSuccessHere !== undefined && lastSuccessHere.attempted_at > new Date(now - limits.knownAddressMs).toISOString();
  return !known;
}

/** Records one sign-in attempt (also wrong TOTP codes and current-password checks); old rows are pruned now and then. */
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
  // Failures older than a day serve no limit; successes mark known addresses for 30 days.
  // Pruning on ~1 % of attempts keeps the table small without a job.
  if (Math.random() < 0.01)
    await db
      .deleteFrom('login_attempts')
      .where((eb) =>
        eb.or([
          eb.and([eb('succeeded', '=', 0), eb('attempted_at', '<', new Date(now.getTime() - DAY_MS).toISOString())]),
          eb('attempted_at', '<', new Date(now.getTime() - LOGIN_LIMITS.knownAddressMs).toISOString()),
        ]),
      )
      .execute();
}
