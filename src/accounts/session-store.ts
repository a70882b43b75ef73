import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';

/** A session ends after 12 h without a request (sliding), and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at (and the sliding expiry) is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

/**
 * The session cookie's name. `__Host-` makes the browser refuse the cookie unless it is Secure,
 * host-only and Path=/, which rules out a sibling subdomain planting one. Browsers only accept
 * Secure cookies over https, so on a plain-http origin (local development, tests) the prefix
 * cannot be used and the cookie is named without it.
 */
export function sessionCookieName(config: Config): string {
  return isHttps(config) ? '__Host-kiosque_session' : 'kiosque_session';
}

/** True when the public origin is https (then cookies are Secure and `__Host-` prefixed). */
export function isHttps(config: Config): boolean {
  return config.publicUrl.startsWith('https://');
}

/** Cookie attributes for the session: HttpOnly, SameSite=Strict (back office only), Path=/, Secure over https. */
export function sessionCookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: isHttps(config), maxAge: SESSION_MAX_MS / 1000 };
}

/** Starts a session for a user; returns the id for the cookie (only its hash is stored). */
export async function createSession(
  db: Db,
  input: { userId: number; secondFactorDone: boolean; ip?: string; userAgent?: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const id = newSecretToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSecretToken(id),
      user_id: input.userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      last_seen_at: now.toISOString(),
      second_factor_done: input.secondFactorDone ? 1 : 0,
      ip: (input.ip ?? '').slice(0, 64),
      user_agent: (input.userAgent ?? '').slice(0, 300),
    })
    .execute();
  return id;
}

/** A live session and the active account it belongs to. */
export interface SessionUser {
  idHash: string;
  secondFactorDone: boolean;
  userId: number;
  name: string;
  role: Role;
  personId: number | null;
  totpEnabled: boolean;
}

/**
 * Finds the live session for a cookie value and its (active) user; expired sessions are deleted.
 * Slides the expiry (12 h from now, capped at 7 days from sign-in), writing at most once a minute.
 */
export async function readSession(db: Db, sessionId: string, now = new Date()): Promise<SessionUser | null> {
  if (sessionId.length < 20 || sessionId.length > 100) return null;
  const idHash = hashSecretToken(sessionId);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.created_at',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.second_factor_done',
      'users.id as user_id',
      'users.name',
      'users.role',
      'users.person_id',
      'users.status',
      'users.totp_enabled',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const nowMs = now.getTime();
  const absoluteEnd = Date.parse(row.created_at) + SESSION_MAX_MS;
  if (Date.parse(row.expires_at) <= nowMs || absoluteEnd <= nowMs) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (row.status !== 'active') return null;
  if (nowMs - Date.parse(row.last_seen_at) >= SESSION_TOUCH_MS) {
    const expires = Math.min(nowMs + SESSION_IDLE_MS, absoluteEnd);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(expires).toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return {
    idHash,
    secondFactorDone: row.second_factor_done === 1,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    personId: row.person_id,
    totpEnabled: row.totp_enabled === 1,
  };
}

/** Ends one session (sign out). */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecretToken(sessionId)).execute();
}

/** Ends every session of a user (sign out everywhere, password reset, account disabled). */
export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of a user but one (the device that changed the password or the second factor). */
export async function deleteOtherSessions(db: Db, userId: number, keepIdHash: string | null): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) query = query.where('id_hash', '!=', keepIdHash);
  await query.execute();
}

/** Records that the session's holder gave their TOTP code. */
export async function markSecondFactorDone(db: Db, idHash: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor_done: 1 }).where('id_hash', '=', idHash).execute();
}
