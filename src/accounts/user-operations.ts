import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';
import { ROLES } from './roles.ts';
import { AppError } from '../core/http/app-error.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { revokeAllApiTokensOf } from '../api/tokens/token-repository.ts';
import { createAuthorProfile } from '../people/person-repository.ts';
import { createAccountToken, revokeAccountTokens } from './account-tokens.ts';
import { assertCan, type Actor } from './policy.ts';
import { deleteUserSessions } from './session-store.ts';
import {
  countOtherActiveAdministrators,
  findUserByEmail,
  findUserById,
  insertUser,
  normalizeEmail,
  updateUser,
} from './user-repository.ts';

/** Roles that write and sign articles: by default their account gets an author profile at invitation. */
const SIGNING_ROLES: readonly Role[] = ['contributeur', 'journaliste', 'editeur'];

/**
 * The author profile of an invited account: `auto` (a new profile under the person's name for the
 * roles that sign articles, none for the others), `new`, `none`, or an existing profile's id.
 */
const authorChoiceSchema = z.union([z.enum(['auto', 'new', 'none']), z.coerce.number().int().positive()], {
  error: 'Choisissez un profil d’auteur dans la liste.',
});

/** What an invitation needs: an address, a role, optionally the person's name and author profile. */
export const inviteInputSchema = z.object({
  email: z.string().trim().max(254, 'Cette adresse est trop longue.').pipe(z.email('Cette adresse électronique n’est pas valide.')),
  role: z.enum(ROLES, 'Choisissez un rôle.'),
  name: z.string().trim().max(120, 'Ce nom est trop long (120 caractères au plus).').optional(),
  author: authorChoiceSchema.default('auto'),
});

/**
 * Invites someone (or invites again an account not yet activated): returns the single-use link
 * (7 days). The account is linked to its author profile at once (see authorChoiceSchema), so a
 * new journalist can sign articles from the first day.
 */
export async function inviteUser(
  ctx: Pick<AppContext, 'db' | 'config'>,
  actor: Actor,
  input: z.input<typeof inviteInputSchema>,
): Promise<{ userId: number; url: string; reinvited: boolean; personId: number | null }> {
  assertCan(actor, 'user:manage');
  const parsed = inviteInputSchema.parse(input);
  const email = normalizeEmail(parsed.email);
  const name = parsed.name || email.split('@')[0];
  const existing = await findUserByEmail(ctx.db, email);
  if (existing && existing.status !== 'invited') {
    throw new AppError('conflict', 409, 'Un compte existe déjà pour cette adresse.', { details: { field: 'email' } });
  }
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const personId = await authorProfileFor(trx, {
      choice: parsed.author,
      role: parsed.role,
      name,
      current: existing?.person_id ?? null,
      now,
    });
    let userId: number;
    if (existing) {
      userId = existing.id;
      await updateUser(trx, userId, { role: parsed.role, name, person_id: personId }, now);
      await revokeAccountTokens(trx, userId, 'invitation', now);
    } else {
      userId = await insertUser(trx, { email, name, role: parsed.role, status: 'invited', personId, now });
    }
    const token = await createAccountToken(trx, userId, 'invitation', now);
    await recordAudit(
      trx,
      actor,
      'user.invite',
      { type: 'user', id: userId },
      { email, role: parsed.role, reinvited: Boolean(existing), personId },
    );
    return { userId, url: `${ctx.config.publicUrl}/admin/invitation/${token}`, reinvited: Boolean(existing), personId };
  });
}

// The profile an invitation links: an existing one (not another account's), a new one, or none.
async function authorProfileFor(
  db: Db,
  input: { choice: z.infer<typeof authorChoiceSchema>; role: Role; name: string; current: number | null; now: Date },
): Promise<number | null> {
  const { choice } = input;
  if (choice === 'none') return null;
  if (typeof choice === 'number') {
    const person = await db.selectFrom('people').select('id').where('id', '=', choice).executeTakeFirst();
    if (!person) throw new AppError('validation_failed', 422, 'Ce profil d’auteur n’existe pas.', { details: { field: 'author' } });
    return choice;
  }
  // Invited again: the profile made the first time is kept.
  if (input.current !== null) return input.current;
  if (choice === 'auto' && !SIGNING_ROLES.includes(input.role)) return null;
  return createAuthorProfile(db, { name: input.name, kind: input.role === 'contributeur' ? 'contributor' : 'staff', now: input.now });
}

async function loadTarget(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw AppError.notFound('Ce compte n’existe pas.');
  return user;
}

// An administrator may not lock the publication out: the last active administrator keeps that role.
async function assertNotLastAdministrator(db: Db, userId: number): Promise<void> {
  if ((await countOtherActiveAdministrators(db, userId)) === 0)
    throw new AppError('conflict', 409, 'C’est le dernier compte administrateur actif : nommez d’abord un autre administrateur.');
}

/** Changes an account's role (audited). */
export async function changeUserRole(ctx: Pick<AppContext, 'db'>, actor: Actor, userId: number, role: Role): Promise<void> {
  assertCan(actor, 'user:manage');
  const user = await loadTarget(ctx.db, userId);
  if (user.role === role) return;
  if (user.role === 'administrateur' && user.status === 'active') await assertNotLastAdministrator(ctx.db, userId);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { role });
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
    await updateUser(trx, userId, { status });
    await recordAudit(trx, actor, enabled ? 'user.enable' : 'user.disable', { type: 'user', id: userId }, { name: user.name });
  });
  if (!enabled) {
    await deleteUserSessions(ctx.db, userId);
    await revokeAllApiTokensOf(ctx.db, userId, new Date().toISOString());
  }
}

/** Links an account to the author profile it signs as (or unlinks it with null). */
export async function linkUserToPerson(ctx: Pick<AppContext, 'db'>, actor: Actor, userId: number, personId: number | null): Promise<void> {
  assertCan(actor, 'user:manage');
  const user = await loadTarget(ctx.db, userId);
  if (personId !== null) {
    const person = await ctx.db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new AppError('validation_failed', 422, 'Cet auteur n’existe pas.', { details: { field: 'personId' } });
  }
  if (user.person_id === personId) return;
  await updateUser(ctx.db, userId, { person_id: personId });
}
