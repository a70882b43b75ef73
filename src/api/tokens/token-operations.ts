import { z } from 'zod';
import { assertCan, PERMISSIONS, ROLE_PERMISSIONS, type Actor, type Permission } from '../../accounts/policy.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Db } from '../../core/db/database.ts';
import type { Role } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { bearerSecret, generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from './api-token-secret.ts';
import { findTokenWithOwner, getOwnApiToken, insertApiToken, markApiTokenRevoked, touchApiToken } from './token-repository.ts';

/** Expiry choices offered by the form, in days; null = never. */
export const TOKEN_LIFETIMES = [30, 90, 365, null] as const;

/** What a person asks for when creating a token. */
export const tokenInputSchema = z.strictObject({
  name: z
    .string({ error: 'Donnez un nom au jeton.' })
    .trim()
    .min(1, 'Donnez un nom au jeton (par exemple « Import des archives »).')
    .max(100, 'Le nom est trop long (100 caractères au plus).'),
  scopes: z.array(z.enum(PERMISSIONS), { error: 'Choisissez au moins une permission.' }).min(1, 'Choisissez au moins une permission.'),
  /** Lifetime in days; null for a token that does not expire. */
  lifetimeDays: z.union([z.literal(30), z.literal(90), z.literal(365), z.null()], { error: 'Durée de validité inconnue.' }),
});

export type TokenInput = z.infer<typeof tokenInputSchema>;

/** The permissions a token of this role may carry: exactly those of the role (a token never widens access). */
export function grantableScopes(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p));
}

function personalActor(actor: Actor): { userId: number; role: Role } {
  assertCan(actor, 'token:manage-own');
  if (actor.userId === null || actor.role === 'system')
    throw new AppError('forbidden', 403, 'Seul un compte personnel peut avoir des jetons.');
  // A token cannot mint tokens: a leaked one must not be able to outlive its revocation.
  if (actor.scopes !== undefined) throw new AppError('forbidden', 403, 'Un jeton d’API ne peut pas gérer les jetons.');
  return { userId: actor.userId, role: actor.role };
}

/**
 * Creates a personal access token for the actor. Returns the secret, which is shown once and
 * never stored (only its SHA-256 is). Scopes outside the actor's role are refused.
 */
export async function createApiToken(db: Db, actor: Actor, input: TokenInput, now = new Date()): Promise<{ id: number; secret: string }> {
  const owner = personalActor(actor);
  const parsed = tokenInputSchema.parse(input);
  const allowed = new Set(grantableScopes(owner.role));
  const refused = parsed.scopes.filter((s) => !allowed.has(s));
  if (refused.length) {
    throw new AppError('validation_failed', 422, 'Un jeton ne peut pas recevoir une permission que votre rôle n’a pas.', {
      details: [{ path: 'scopes', message: `Permissions refusées : ${refused.join(', ')}.` }],
    });
  }
  const scopes = PERMISSIONS.filter((p) => parsed.scopes.includes(p)); // canonical order, no duplicates
  const secret = generateTokenSecret();
  const createdAt = now.toISOString();
  const expiresAt = parsed.lifetimeDays === null ? null : new Date(now.getTime() + parsed.lifetimeDays * 86_400_000).toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const tokenId = await insertApiToken(trx, {
      userId: owner.userId,
      name: parsed.name,
      tokenHash: hashTokenSecret(secret),
      scopes,
      createdAt,
      expiresAt,
    });
    await recordAudit(trx, actor, 'token.create', { type: 'api_token', id: tokenId }, { name: parsed.name, scopes, expiresAt });
    return tokenId;
  });
  return { id, secret };
}

/** Revokes one of the actor's own tokens; it stops working at once. 404 when it is not theirs. */
export async function revokeApiToken(db: Db, actor: Actor, id: number, now = new Date()): Promise<void> {
  const owner = personalActor(actor);
  const token = await getOwnApiToken(db, owner.userId, id);
  if (!token) throw AppError.notFound('Ce jeton n’existe pas.');
  if (token.revokedAt) return;
  await db.transaction().execute(async (trx) => {
    if (await markApiTokenRevoked(trx, owner.userId, id, now.toISOString())) {
      await recordAudit(trx, actor, 'token.revoke', { type: 'api_token', id }, { name: token.name });
    }
  });
}

// Writing "last used" on every call would turn each API read into a write; once a minute is precise enough.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The actor an `Authorization: Bearer` header stands for, or null when there is none.
 * Throws 401 for a token that is unknown, revoked, expired, or whose account is not active.
 */
export async function resolveBearerActor(db: Db, authorization: string | undefined, now = new Date()): Promise<Actor | null> {
  const secret = bearerSecret(authorization);
  if (secret === null) return null;
  const invalid = () => new AppError('unauthorized', 401, 'Jeton d’API invalide, expiré ou révoqué.');
  if (!looksLikeTokenSecret(secret)) throw invalid();
  const row = await findTokenWithOwner(db, hashTokenSecret(secret));
  if (!row || row.revokedAt !== null || row.status !== 'active') throw invalid();
  if (row.expiresAt !== null && row.expiresAt <= now.toISOString()) throw invalid();
  if (row.lastUsedAt === null || now.getTime() - Date.parse(row.lastUsedAt) > TOUCH_INTERVAL_MS) {
    await touchApiToken(db, row.tokenId, now.toISOString());
  }
  return {
    userId: row.userId,
    name: row.name,
    role: row.role,
    personId: row.personId,
    scopes: JSON.parse(row.scopes) as Permission[],
  };
}
