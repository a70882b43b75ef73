import { sql } from 'kysely';
import { assertCan, type Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import type { Selectable } from 'kysely';
import type { PersonTable, SectionTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { slugify } from '../../core/text/slug.ts';
import { parsePersonLinks } from '../../people/person-repository.ts';
import { RESERVED_SLUGS } from '../../routes.ts';
import type { PersonInput, PersonPatch, SectionInput } from './catalogue-schemas.ts';

// Sections, people and tags through the API. The curation screens own the richer editing
// (navigation order, photos); these are the few operations a script needs, under the same permissions.

function slugTaken(field: string, message: string): AppError {
  return new AppError('validation_failed', 422, message, { details: [{ path: field, message }] });
}

/** The API's view of a section. */
export function sectionView(row: Selectable<SectionTable>) {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, position: row.position, url: `/${row.slug}` };
}

/** The API's view of a person. */
export function personView(row: Selectable<PersonTable>) {
  return {
    id: row.id, slug: row.slug, name: row.name, kind: row.kind, roleLine: row.role_line, bio: row.bio,
    photoImageId: row.photo_image_id, links: parsePersonLinks(row.links), url: `/auteur/${row.slug}`,
  };
}

/** Creates a section at the end of the list (curation:sections). Its slug must be free of fixed routes, sections and pages. */
export async function createSectionFromApi(ctx: AppContext, actor: Actor, input: SectionInput) {
  assertCan(actor, 'curation:sections');
  const slug = input.slug ?? slugify(input.name, 80);
  if ((RESERVED_SLUGS as readonly string[]).includes(slug)) throw slugTaken('slug', `Adresse : « ${slug} » est réservée par le site`);
  const [section, page] = await Promise.all([
    ctx.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst(),
    ctx.db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst(),
  ]);
  if (section || page) throw slugTaken('slug', `Adresse : « ${slug} » est déjà celle d’une ${section ? 'rubrique' : 'page'}`);
  const last = await ctx.db.selectFrom('sections').select(sql<number>`coalesce(max(position), 0)`.as('max')).executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('sections')
    .values({ slug, name: input.name, description: input.description, position: Number(last.max) + 1, created_at: new Date().toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return sectionView(row);
}

async function assertPhotoExists(db: Db, imageId: number | null | undefined): Promise<void> {
  if (imageId === null || imageId === undefined) return;
  if (!(await db.selectFrom('images').select('id').where('id', '=', imageId).executeTakeFirst())) {
    throw new AppError('validation_failed', 422, `Photo : aucune image n° ${imageId} dans la médiathèque`, { details: [{ path: 'photoImageId', message: `Photo : aucune image n° ${imageId} dans la médiathèque` }] });
  }
}

async function assertPersonSlugFree(db: Db, slug: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('people').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw slugTaken('slug', `Adresse : « ${slug} » est déjà celle d’une autre personne`);
}

/** Creates an author profile (curation:people). */
export async function createPersonFromApi(ctx: AppContext, actor: Actor, input: PersonInput) {
  assertCan(actor, 'curation:people');
  const slug = input.slug ?? slugify(input.name, 80);
  await assertPersonSlugFree(ctx.db, slug);
  await assertPhotoExists(ctx.db, input.photoImageId);
  const row = await ctx.db
    .insertInto('people')
    .values({
      slug, name: input.name, kind: input.kind, role_line: input.roleLine, bio: input.bio,
      photo_image_id: input.photoImageId, links: JSON.stringify(input.links), created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return personView(row);
}

/** Changes the fields sent of an author profile (curation:people); the pages that show the person are refreshed. */
export async function updatePersonFromApi(ctx: AppContext, actor: Actor, id: number, patch: PersonPatch) {
  assertCan(actor, 'curation:people');
  const current = await ctx.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw AppError.notFound('Cette personne n’existe pas.');
  if (patch.slug !== undefined) await assertPersonSlugFree(ctx.db, patch.slug, id);
  await assertPhotoExists(ctx.db, patch.photoImageId);
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.roleLine !== undefined ? { role_line: patch.roleLine } : {}),
    ...(patch.bio !== undefined ? { bio: patch.bio } : {}),
    ...(patch.photoImageId !== undefined ? { photo_image_id: patch.photoImageId } : {}),
    ...(patch.links !== undefined ? { links: JSON.stringify(patch.links) } : {}),
  };
  if (Object.keys(changes).length === 0) return personView(current);
  const row = await ctx.db.updateTable('people').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  // Bylines on articles, listings and the author page all show the person.
  ctx.pageCache.invalidate([`person:${id}`]);
  return personView(row);
}

/** Sections in navigation order. */
export async function listSectionsForApi(db: Db) {
  const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(sectionView);
}

/** People by name, optionally filtered by kind or a name fragment, one page at a time. */
export async function listPeopleForApi(db: Db, filters: { q?: string; kind?: 'staff' | 'contributor'; page: number; perPage: number }) {
  let query = db.selectFrom('people');
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.q) query = query.where(sql<boolean>`lower(name) like ${`%${escapeLike(filters.q.toLowerCase())}%`} escape '\\'`);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('name').orderBy('id').limit(filters.perPage).offset((filters.page - 1) * filters.perPage).execute(),
  ]);
  return { items: rows.map(personView), page: filters.page, perPage: filters.perPage, total: Number(total) };
}

/** Tags by name with how many articles carry each, optionally filtered by a name fragment. */
export async function listTagsForApi(db: Db, filters: { q?: string; page: number; perPage: number }) {
  let query = db.selectFrom('tags');
  if (filters.q) query = query.where(sql<boolean>`lower(tags.name) like ${`%${escapeLike(filters.q.toLowerCase())}%`} escape '\\'`);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.count<number>('article_tags.article_id').as('articleCount')])
      .groupBy(['tags.id', 'tags.slug', 'tags.name'])
      .orderBy('tags.name')
      .orderBy('tags.id')
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, articleCount: Number(r.articleCount), url: `/sujet/${r.slug}` })),
    page: filters.page,
    perPage: filters.perPage,
    total: Number(total),
  };
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
