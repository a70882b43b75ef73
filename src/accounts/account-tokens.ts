import type { Db } from '../core/db/database.ts';
import type { AccountTokenPurpose } from '../core/db/schema.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';

/** How long each kind of link stays valid. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  setup: 24 * 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
};

/** Makes a single-use link token for an account; only its SHA-256 is stored. Returns the token for the URL. */
export async function createAccountToken(db: Db, userId: number, purpose: AccountTokenPurpose, now = new Date()): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('account_tokens')
    .values({
      user_id: userId,
      purpose,
      token_hash: hashSecretToken(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** The account a link token opens, if it is unused and unexpired (nothing is changed: for showing the form). */
export async function peekAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()): Promise<number | null> {
  if (token.length < 20 || token.length > 100) return null;
  const row = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', hashSecretToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Uses a link token: marks it used in one conditional UPDATE, so two simultaneous submissions
 * cannot both succeed. Returns the account id, or null when unknown, used or expired.
 */
export async function consumeAccountToken(db: Db, token: string, purpose: AccountTokenPurpose, now = new Date()): Promise<number | null> {
  if (token.length < 20 || token.length > 100) return null;
  const row = await db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashSecretToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Voids a user's unused links of one purpose (a new invitation replaces the old one). */
export async function revokeAccountTokens(db: Db, userId: number, purpose: AccountTokenPurpose, now = new Date()): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** How many links of one purpose an account was sent since a moment (the reset form's hourly limit). */
export async function countAccountTokensSince(db: Db, userId: number, purpose: AccountTokenPurpose, since: Date): Promise<number> {
  const row = await db
    .selectFrom('account_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
