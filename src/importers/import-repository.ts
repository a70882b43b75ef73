import { RESERVED_SLUGS } from '../routes.ts';
import type { Db } from '../core/db/database.ts';
import type { ImportSourceTable } from '../core/db/schema.ts';
import { slugify } from '../core/text/slug.ts';

// All the SQL of the importers: what each imported thing became, and the sections, people, pages
// and old comments an import creates.

export type SourceKind = ImportSourceTable['kind'];

export async function findImported(
  db: Db,
  source: string,
  kind: SourceKind,
  key: string,
): Promise<{ targetId: number; fingerprint: string } | null> {
  const row = await db
    .selectFrom('import_sources')
    .select(['target_id', 'fingerprint'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_key', '=', key)
    .executeTakeFirst();
  return row ? { targetId: row.target_id, fingerprint: row.fingerprint } : null;
}

export async function rememberImported(
  db: Db,
  source: string,
  kind: SourceKind,
  key: string,
  targetId: number,
  fingerprint = '',
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('import_sources')
    .values({ source, kind, source_key: key, target_id: targetId, fingerprint, imported_at: now })
    .onConflict((oc) => oc.columns(['source', 'kind', 'source_key']).doUpdateSet({ target_id: targetId, fingerprint, imported_at: now }))
    .execute();
}

/** A slug for the first path segment (sections, pages) that no fixed route, section or page holds. */
async function freeTopLevelSlug(db: Db, wanted: string): Promise<string> {
  const base = slugify(wanted);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if ((RESERVED_SLUGS as readonly string[]).includes(slug)) continue;
    const [section, page] = await Promise.all([
      db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst(),
      db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst(),
    ]);
    if (!section && !page) return slug;
  }
}

/** The section of that slug, or a new one after the others; returns its id and whether it was made. */
export async function sectionFor(
  db: Db,
  wanted: { slug: string; name: string; description: string },
): Promise<{ id: number; created: boolean }> {
  const slug = slugify(wanted.slug || wanted.name);
  const existing = await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const last = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  const row = await db
    .insertInto('sections')
    .values({
      slug: await freeTopLevelSlug(db, slug),
      name: wanted.name.slice(0, 100) || slug,
      description: wanted.description.slice(0, 500),
      position: Number(last?.position ?? 0) + 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), created: true };
}

/** An author profile as an import knows it. */
interface ImportedPerson {
  name: string;
  bio: string;
  photoImageId: number | null;
}

/** A new author profile (staff: the authors of the old site wrote for it), with a free slug. */
export async function insertPerson(db: Db, person: ImportedPerson): Promise<number> {
  const base = slugify(person.name);
  let slug = base;
  for (let n = 2; await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst(); n++) slug = `${base}-${n}`;
  const row = await db
    .insertInto('people')
    .values({
      slug,
      name: person.name.slice(0, 200),
      kind: 'staff',
      role_line: '',
      bio: person.bio,
      photo_image_id: person.photoImageId,
      links: '[]',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Brings an imported profile's bio and portrait up to date (a portrait that could not be had keeps the old one). */
export async function updatePersonProfile(db: Db, id: number, person: ImportedPerson): Promise<void> {
  await db
    .updateTable('people')
    .set({ bio: person.bio, ...(person.photoImageId === null ? {} : { photo_image_id: person.photoImageId }) })
    .where('id', '=', id)
    .execute();
}

/** Creates or rewrites a static page; returns its id. */
export async function savePage(
  db: Db,
  existingId: number | null,
  page: { slug: string; title: string; body: string; updatedAt: string },
): Promise<number> {
  if (existingId !== null) {
    const updated = await db
      .updateTable('pages')
      .set({ title: page.title, body: page.body, updated_at: page.updatedAt })
      .where('id', '=', existingId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) return existingId;
  }
  const row = await db
    .insertInto('pages')
    .values({
      slug: await freeTopLevelSlug(db, page.slug),
      kind: 'other',
      title: page.title,
      lead: '',
      body: page.body,
      updated_at: page.updatedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Keeps an old comment with its article (a second import updates it). */
export async function saveImportedComment(
  db: Db,
  comment: {
    articleId: number;
    source: string;
    sourceId: string;
    parentSourceId: string | null;
    authorName: string;
    authorEmail: string;
    authorUrl: string;
    content: string;
    approved: boolean;
    writtenAt: string;
  },
): Promise<void> {
  const values = {
    article_id: comment.articleId,
    source: comment.source,
    source_id: comment.sourceId,
    parent_source_id: comment.parentSourceId,
    author_name: comment.authorName,
    author_email: comment.authorEmail,
    author_url: comment.authorUrl,
    content: comment.content,
    approved: comment.approved ? 1 : 0,
    written_at: comment.writtenAt,
  };
  await db
    .insertInto('imported_comments')
    .values(values)
    .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet({ ...values }))
    .execute();
}

/** Puts articles on la une after the stories already there (sticky posts), skipping those already on it. */
export async function appendToHome(db: Db, articleIds: number[]): Promise<number> {
  const slots = await db.selectFrom('home_slots').select(['position', 'article_id']).execute();
  const present = new Set(slots.map((s) => s.article_id));
  let position = slots.reduce((max, s) => Math.max(max, s.position), -1);
  let added = 0;
  for (const id of articleIds) {
    if (present.has(id)) continue;
    await db.insertInto('home_slots').values({ position: ++position, article_id: id }).execute();
    added++;
  }
  return added;
}
