import type { Actor } from '../accounts/policy.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';

let counter = 0;

/** Test data for the API tests: an active account of the given role, and its actor (as a browser session would have it). */
export async function insertTestUser(
  db: Db,
  role: Role,
  over: { name?: string; personId?: number | null; status?: 'active' | 'disabled' } = {},
): Promise<Actor & { userId: number }> {
  counter += 1;
  const now = new Date().toISOString();
  const name = over.name ?? `Compte ${role} ${counter}`;
  const { id } = await db
    .insertInto('users')
    .values({
      email: `api-${role}-${counter}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
      name,
      role,
      status: over.status ?? 'active',
      person_id: over.personId ?? null,
      password_hash: null,
      totp_secret: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: id, name, role, personId: over.personId ?? null };
}
