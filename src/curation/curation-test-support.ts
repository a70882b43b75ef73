import type { Actor } from '../accounts/policy.ts';
import { PageCache } from '../core/cache/page-cache.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';

// Shared by the curation tests: actors of each role (backed by a users row, which the audit log
// references) and a context with a real page cache whose invalidations the tests can watch.

let counter = 0;

/** Creates a user of the role and returns the actor a signed-in session of theirs would give. */
export async function makeActor(db: Db, role: Role): Promise<Actor> {
  counter += 1;
  const now = new Date().toISOString();
  const name = `Test ${role} ${counter}`;
  const { id } = await db
    .insertInto('users')
    .values({
      email: `curation-${role}-${counter}-${Date.now()}@exemple.test`,
      name,
      role,
      status: 'active',
      person_id: null,
      password_hash: null,
      totp_secret: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: id, name, role, personId: null };
}

/** The operations' context: the database and a page cache recording what is invalidated. */
export function operationContext(db: Db): { db: Db; pageCache: PageCache; invalidated: string[][] } {
  const pageCache = new PageCache({ enabled: true });
  const invalidated: string[][] = [];
  const original = pageCache.invalidate.bind(pageCache);
  pageCache.invalidate = (tags: Iterable<string>) => {
    invalidated.push([...tags]);
    return original(tags);
  };
  return { db, pageCache, invalidated };
}

/** The urlencoded body of a form post: repeated names for lists. */
export function form(fields: Record<string, string | number | (string | number)[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  return params.toString();
}
