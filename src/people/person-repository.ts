import { z } from 'zod';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';
import type { PersonKind } from '../core/db/schema.ts';
import { slugify } from '../core/text/slug.ts';
import { getImageById } from '../images/image-repository.ts';
import type { ImageRecord } from '../images/image-types.ts';

/** A link on an author's profile (personal site, social network). */
export interface PersonLink {
  label: string;
  url: string;
}

/** An author as the author page shows them. */
export interface Person {
  id: number;
  slug: string;
  name: string;
  kind: PersonKind;
  roleLine: string;
  bio: string;
  photo: ImageRecord | null;
  links: PersonLink[];
}

// Links are stored as JSON text: only well-formed http(s) links are shown, anything else is dropped.
const linksSchema = z.array(z.object({ label: z.string().trim().min(1), url: z.url({ protocol: /^https?$/ }) }));

/** Parses the stored links JSON, keeping the valid entries. */
export function parsePersonLinks(json: string): PersonLink[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = linksSchema.element.safeParse(entry);
    return parsed.success ? [{ label: parsed.data.label, url: parsed.data.url }] : [];
  });
}

/** The person with this slug, with photo and links, or undefined. */
export async function findPersonBySlug(db: Db, slug: string): Promise<Person | undefined> {
  // Built once (executeReusable): a crawler walks thousands of author pages.
  const [row] = await executeReusable(db, 'person:slug', { slug }, (value) =>
    db.selectFrom('people').selectAll().where('slug', '=', value('slug')),
  );
  if (!row) return undefined;
  const photo = row.photo_image_id === null ? null : ((await getImageById(db, row.photo_image_id)) ?? null);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    roleLine: row.role_line,
    bio: row.bio,
    photo,
    links: parsePersonLinks(row.links),
  };
}

// The slug itself if free, else the first free "-2", "-3"… (another person's only).
async function freePersonSlug(db: Db, base: string, exceptId?: number): Promise<string> {
  let query = db
    .selectFrom('people')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const taken = new Set((await query.execute()).map((row) => row.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Creates an author profile for a newsroom account (at invitation), with a free slug made from
 * the name (`jules-reporter`, then `jules-reporter-2`…). Returns its id.
 */
export async function createAuthorProfile(db: Db, input: { name: string; kind: PersonKind; now?: Date }): Promise<number> {
  const slug = await freePersonSlug(db, slugify(input.name, 60));
  const row = await db
    .insertInto('people')
    .values({
      slug,
      name: input.name,
      kind: input.kind,
      role_line: '',
      bio: '',
      photo_image_id: null,
      links: '[]',
      created_at: (input.now ?? new Date()).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Renames an author profile that still bears a provisional name (given at invitation) to the name
 * the person chose; its slug follows when it was made from the provisional name. Returns whether
 * it changed.
 */
export async function renameAuthorProfile(db: Db, id: number, from: string, to: string): Promise<boolean> {
  if (from === to) return false;
  const person = await db.selectFrom('people').select(['name', 'slug']).where('id', '=', id).executeTakeFirst();
  if (!person || person.name !== from) return false;
  const provisional = slugify(from, 60);
  const followsName = person.slug === provisional || new RegExp(`^${provisional}-\\d+$`).test(person.slug);
  const slug = followsName ? await freePersonSlug(db, slugify(to, 60), id) : person.slug;
  await db.updateTable('people').set({ name: to, slug }).where('id', '=', id).execute();
  return true;
}

/** Author profiles no account signs as yet, by name: the choices when inviting someone. */
export function listUnclaimedPeople(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.name'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'people.id'))),
    )
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
}

/** Every author profile, by name: the choices of an account's profile. */
export function listPeopleChoices(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('people').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
