import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';
import { ROLES } from './roles.ts';
import { AppError } from '../core/http/app-error.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { createAccountToken, revokeAccountTokens } from './account-tokens.ts';
import { assertCan, type Actor } from './policy.ts';
import { deleteUserSessions } from './session-store.ts';
import { findUserByEmail, findUserById, insertUser, normalizeEmail } from './user-repository.ts';

/** What an invitation needs: an address, a role, optionally the person's name. */
export const inviteInputSchema = z.object({
  email: z.string().trim().max(254, 'Cette adresse est trop longue.').pipe(z.email('Cette adresse électronique n’est pas valide.')),
  role: z.enum(ROLES, 'Choisissez un rôle.'),
  name: z.string().trim().max(120, 'Ce nom est trop long (120 caractères au plus).').optional(),
});

/** Invites someone (or invites again an account not yet activated): returns the single-use link (7 days). */
export async function inviteUser(
  ctx: Pick<AppContext, 'db' | 'config'>,
  actor: Actor,
  input: { email: string; role: Role; name?: string },
): Promise<{ userId: number; url: string; reinvited: boolean }> {
  assertCan(actor, 'user:manage');
  const parsed = inviteInputSchema.parse(input);
  const email = normalizeEmail(parsed.email);
  const name = parsed.name || email.split('@')[0];
  const existing = await findUserByEmail(ctx.db, email);
  if (existing && existing.status !== 'invited') {
    throw new AppError('conflict', 409, 'Un compte existe déjà pour cette adresse.', { details: { field: 'email' } });
  }
  const now = new Date();
  let userId: number;
  if (existing) {
    userId = existing.id;
    await ctx.db.updateTable('users').set({ role: parsed.role, name, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    await revokeAccountTokens(ctx.db, userId, 'invitation', now);
  } else {
    userId = await insertUser(ctx.db, { email, name, role: parsed.role, status: 'invited', now });
  }
  const token = await createAccountToken(ctx.db, userId, 'invitation', now);
  await recordAudit(ctx.db, actor, 'user.invite', { type: 'user', id: userId }, { email, role: parsed.role, reinvited: Boolean(existing) });
  return { userId, url: `${ctx.config.publicUrl}/admin/invitation/${token}`, reinvited: Boolean(existing) };
}

async function loadTarget(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw AppError.notFound('Ce compte n’existe pas.');
  return user;
}

// An administrator may not lock the publication out: the last active administrator keeps that role.
async function assertNotLastAdministrator(db: Db, userId: number): Promise<void> {
  const others = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrateur')
    .where('status', '=', 'active')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0)
    throw new AppError('conflict', 409, 'C’est le dernier compte administrateur actif : nommez d’abord un autre administrateur.');
}

/** Changes an account's role (audited). */
export async function changeUserRole(ctx: Pick<AppContext, 'db'>, actor: Actor, userId: number, role: Role): Promise<void> {
  assertCan(actor, 'user:manage');
  const user = await loadTarget(ctx.db, userId);
  if (user.role === role) return;
  if (user.role === 'administrateur' && user.status === 'active') await assertNotLastAdministrator(ctx.db, userId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ role, updated_at: new Date().toISOString() }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, 'user.role', { type: 'user', id: userId }, { name: user.name, from: user.role, to: role });
  });
}

/** Disables an account (its sessions end at once) or enables it again (audited). */
export async function setUserEnabled(ctx: Pick<AppContext, 'db'>, actor: Actor, userId: number, enabled: boolean): Promise<void> {
  assertCan(actor, 'user:manage');
  const user = await loadTarget(ctx.db, userId);
  if (!enabled && user.id === actor.userId) throw new AppError('conflict', 409, 'Vous ne pouvez pas désactiver votre propre compte.');
  if (user.status === 'invited') throw new AppError('conflict', 409, 'Ce compte n’est pas encore activé : l’invitation est en attente.');
  const status = enabled ? 'active' : 'disabled';
  if (user.status === status) return;
  if (!enabled && user.role === 'administrateur') await assertNotLastAdministrator(ctx.db, userId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ status, updated_at: new Date().toISOString() }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, enabled ? 'user.enable' : 'user.disable', { type: 'user', id: userId }, { name: user.name });
  });
  if (!enabled) {
    await deleteUserSessions(ctx.db, userId);
    await ctx.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}

/** Links an account to the author profile it signs as (or unlinks it with null). */
export async function linkUserToPerson(ctx: Pick<AppContext, 'db'>, actor: Actor, userId: number, personId: number | null): Promise<void> {
  assertCan(actor, 'user:manage');
  const user = await loadTarget(ctx.db, userId);
  if (personId !== null) {
    const person = await ctx.db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw AppError.invalid('Cet auteur n’existe pas.', [{ path: 'personId', message: 'Cet auteur n’existe pas.' }]);
  }
  if (user.person_id === personId) return;
  await ctx.db.updateTable('users').set({ person_id: personId, updated_at: new Date().toISOString() }).where('id', '=', userId).execute();
}
