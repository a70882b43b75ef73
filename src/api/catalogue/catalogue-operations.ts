import { assertCan, type Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { matchesText } from '../../core/db/text-match.ts';
import type { Selectable } from 'kysely';
import type { PersonTable, SectionTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { parsePersonLinks } from '../../people/person-repository.ts';
import { FormError } from '../../curation/curation-validation.ts';
import { createPerson, getPerson, personInput, updatePerson } from '../../curation/people-admin-operations.ts';
import { createSection, getSection } from '../../curation/sections-admin-operations.ts';
import type { PersonInput, PersonPatch, SectionInput } from './catalogue-schemas.ts';

// Sections, people and tags through the API: writes go through the curation screens' operations
// (same validation, permissions and cache refreshes); reads and the API's JSON shapes live here.

/** The API's view of a section. */
export function sectionView(row: Selectable<SectionTable>) {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, position: row.position, url: `/${row.slug}` };
}

/** The API's view of a person. */
export function personView(row: Selectable<PersonTable>) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    roleLine: row.role_line,
    bio: row.bio,
    photoImageId: row.photo_image_id,
    links: parsePersonLinks(row.links),
    url: `/auteur/${row.slug}`,
  };
}

/** The curation screens' form errors ({ field: message }) as the API's 422 details. */
function asApiError(error: unknown): unknown {
  if (error instanceof FormError) {
    const details = Object.entries(error.fields).map(([path, message]) => ({ path: path === '_form' ? '' : path, message }));
    return new AppError('validation_failed', 422, details.map((d) => d.message).join(' '), { details });
  }
  return error;
}

/** Creates a section at the end of the list, through the curation screen's operation (curation:sections). */
export async function createSectionFromApi(ctx: AppContext, actor: Actor, input: SectionInput) {
  const id = await createSection(ctx, actor, input).catch((e: unknown) => {
    throw asApiError(e);
  });
  return sectionView((await getSection(ctx.db, id))!);
}

/** Creates an author profile through the curation screen's operation (curation:people). */
export async function createPersonFromApi(ctx: AppContext, actor: Actor, input: PersonInput) {
  const id = await createPerson(ctx, actor, input).catch((e: unknown) => {
    throw asApiError(e);
  });
  return personView((await getPerson(ctx.db, id))!);
}

/** Changes the fields sent of an author profile (curation:people): the stored person, with the fields sent, goes through the screen's operation. */
export async function updatePersonFromApi(ctx: AppContext, actor: Actor, id: number, patch: PersonPatch) {
  assertCan(actor, 'curation:people');
  const current = await getPerson(ctx.db, id);
  if (!current) throw AppError.notFound('Cette personne n’existe pas.');
  const sent = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  await updatePerson(ctx, actor, id, { ...personInput(current), ...sent }).catch((e: unknown) => {
    throw asApiError(e);
  });
  return personView((await getPerson(ctx.db, id))!);
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
  if (filters.q) query = query.where(matchesText('name', filters.q));
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage)
      .execute(),
  ]);
  return { items: rows.map(personView), page: filters.page, perPage: filters.perPage, total: Number(total) };
}

/** Tags by name with how many articles carry each, optionally filtered by a name fragment. */
export async function listTagsForApi(db: Db, filters: { q?: string; page: number; perPage: number }) {
  let query = db.selectFrom('tags');
  if (filters.q) query = query.where(matchesText('tags.name', filters.q));
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
