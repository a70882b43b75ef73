import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Role, UserStatus, UserTable } from '../core/db/schema.ts';

export type UserRow = Selectable<UserTable>;

/** E-mail addresses are stored and compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Inserts an account; returns its id. The caller has hashed the password (or leaves it null for an invitation). */
export async function insertUser(
  db: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    status: UserStatus;
    personId?: number | null;
    passwordHash?: string | null;
    now?: Date;
  },
): Promise<number> {
  const now = (input.now ?? new Date()).toISOString();
  const row = await db
    .insertInto('users')
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      role: input.role,
      status: input.status,
      person_id: input.personId ?? null,
      password_hash: input.passwordHash ?? null,
      totp_secret: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes an account's columns (and its updated_at). */
export async function updateUser(
  db: Db,
  id: number,
  changes: Omit<Updateable<UserTable>, 'id' | 'created_at' | 'updated_at'>,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Records a successful sign-in (shown on the users screen). */
export async function touchLastLogin(db: Db, id: number, now = new Date()): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', id).execute();
}

/** How many active administrators there are besides this account. */
export async function countOtherActiveAdministrators(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrateur')
    .where('status', '=', 'active')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One account by id. */
export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One account by e-mail address (any case). */
export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

/** How many accounts can sign in. */
export async function countActiveUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every account, administrators first, then by name (the users screen). */
export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.status',
      'users.person_id',
      'users.totp_enabled',
      'users.last_login_at',
      'users.created_at',
      'people.name as person_name',
    ])
    .orderBy('users.status')
    .orderBy('users.name')
    .execute();
}
