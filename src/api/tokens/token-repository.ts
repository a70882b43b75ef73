import type { Db } from '../../core/db/database.ts';
import type { Permission } from '../../accounts/policy.ts';

/** A token as its owner sees it in the list (never the secret, which is not stored). */
export interface ApiTokenSummary {
  id: number;
  name: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toSummary(row: {
  id: number;
  name: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Permission[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Records a new token (its hash only). */
export async function insertApiToken(
  db: Db,
  row: { userId: number; name: string; tokenHash: string; scopes: Permission[]; createdAt: string; expiresAt: string | null },
): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      user_id: row.userId,
      name: row.name,
      token_hash: row.tokenHash,
      scopes: JSON.stringify(row.scopes),
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The user's tokens, newest first, revoked ones included (the list shows when they were revoked). */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toSummary);
}

/** One of the user's tokens, or undefined when it is not theirs. */
export async function getOwnApiToken(db: Db, userId: number, id: number): Promise<ApiTokenSummary | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSummary(row);
}

/** Marks the token revoked (once: a second revocation keeps the first date). Returns whether a row changed. */
export async function markApiTokenRevoked(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token of an account (account disabled, password reset); returns how many. */
export async function revokeAllApiTokensOf(db: Db, userId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The live token with this hash and its owner's account, or undefined. */
export async function findTokenWithOwner(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.scopes',
      'api_tokens.expires_at as expiresAt',
      'api_tokens.revoked_at as revokedAt',
      'api_tokens.last_used_at as lastUsedAt',
      'users.id as userId',
      'users.name',
      'users.role',
      'users.status',
      'users.person_id as personId',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Notes when a token was last used (shown in the list). */
export async function touchApiToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
