import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Actor } from '../../src/accounts/policy.ts';
import { hashPassword } from '../../src/accounts/password-hash.ts';
import { createSession, sessionCookieName } from '../../src/accounts/session-store.ts';
import { insertUser } from '../../src/accounts/user-repository.ts';
import type { Db } from '../../src/core/db/database.ts';
import type { Role, UserStatus } from '../../src/core/db/schema.ts';

let counter = 0;

const ROLE_NAMES: Record<Role, string> = {
  contributeur: 'Claire Contributrice',
  journaliste: 'Julien Journaliste',
  editeur: 'Élise Éditrice',
  moderateur: 'Marc Modérateur',
  administrateur: 'Anne Administratrice',
};

export interface CreateUserInput {
  role: Role;
  email?: string;
  name?: string;
  /** An author profile to link; `true` creates one (named after the account). Default: none. */
  personId?: number | null | true;
  /** A password to hash and store (argon2id, ~50 ms); default none (sessions are made directly). */
  password?: string;
  status?: UserStatus;
}

export interface CreatedUser {
  userId: number;
  email: string;
  name: string;
  role: Role;
  personId: number | null;
}

/** Inserts an account (active unless told otherwise) with a unique e-mail address; optionally a linked author profile. */
export async function createUser(db: Db, input: CreateUserInput): Promise<CreatedUser> {
  counter += 1;
  const unique = `${process.pid}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const name = input.name ?? `${ROLE_NAMES[input.role]} ${counter}`;
  const email = (input.email ?? `${input.role}-${unique}@exemple.fr`).toLowerCase();
  let personId: number | null = null;
  if (input.personId === true) {
    const person = await db
      .insertInto('people')
      .values({
        slug: `compte-${unique}`,
        name,
        kind: input.role === 'contributeur' ? 'contributor' : 'staff',
        role_line: '',
        bio: '',
        photo_image_id: null,
        links: '[]',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    personId = person.id;
  } else if (typeof input.personId === 'number') {
    personId = input.personId;
  }
  const userId = await insertUser(db, {
    email,
    name,
    role: input.role,
    status: input.status ?? 'active',
    personId,
    passwordHash: input.password ? await hashPassword(input.password) : null,
  });
  return { userId, email, name, role: input.role, personId };
}

export interface SignInOptions {
  email?: string;
  name?: string;
  /**
   * The author profile: a person id, null for none, or true to create one. Default: created for
   * contributeur and journaliste (they sign what they write), none for the other roles.
   */
  personId?: number | null | true;
  password?: string;
}

export interface SignedIn {
  /** The Cookie header value for app.inject (session cookie and CSRF secret cookie). */
  cookie: string;
  /** A CSRF token valid with that cookie: `_csrf` form field or `x-csrf-token` header. */
  csrfToken: string;
  userId: number;
  personId: number | null;
  actor: Actor;
}

/** Creates an account of the role and a signed-in session for it, ready for app.inject. */
export async function signInAs(app: FastifyInstance, role: Role, options: SignInOptions = {}): Promise<SignedIn> {
  const ctx = app.kiosque;
  const personId = options.personId !== undefined ? options.personId : role === 'contributeur' || role === 'journaliste' ? true : null;
  const user = await createUser(ctx.db, { role, email: options.email, name: options.name, personId, password: options.password });
  const sessionId = await createSession(ctx.db, { userId: user.userId, secondFactorDone: true });
  const csrf = await csrfPair(app);
  return {
    cookie: `${sessionCookieName(ctx.config)}=${sessionId}; ${csrf.cookie}`,
    csrfToken: csrf.token,
    userId: user.userId,
    personId: user.personId,
    actor: { userId: user.userId, name: user.name, role, personId: user.personId },
  };
}

/** A CSRF secret cookie and a token for it, taken from the sign-in form as a browser would. */
export async function csrfPair(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const response = await app.inject({ method: 'GET', url: '/admin/connexion' });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  const cookie = cookiesFrom(response).find((c) => c.name.endsWith('kiosque_csrf'));
  if (!token || !cookie) throw new Error(`Pas de jeton CSRF sur /admin/connexion (statut ${response.statusCode})`);
  return { cookie: `${cookie.name}=${cookie.value}`, token };
}

/** The cookies a response sets, as name/value pairs. */
export function cookiesFrom(response: LightMyRequestResponse): { name: string; value: string }[] {
  return response.cookies.map((c) => ({ name: c.name, value: c.value }));
}

/** Merges Set-Cookie values of a response into a Cookie header (later values win), for multi-step flows. */
export function updateCookieHeader(header: string, response: LightMyRequestResponse): string {
  const jar = new Map(
    header
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as [string, string]),
  );
  for (const c of response.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() <= Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
