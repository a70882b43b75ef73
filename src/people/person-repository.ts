import { z } from 'zod';
import type { Db } from '../core/db/database.ts';
import type { PersonKind } from '../core/db/schema.ts';
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
  const row = await db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
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
