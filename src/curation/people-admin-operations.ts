import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { matchesText } from '../core/db/text-match.ts';
import type { PersonKind, PersonTable } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import { parsePersonLinks } from '../people/person-repository.ts';
import {
  assertImageExists,
  assertSlugFree,
  type FieldErrors,
  fieldErrorsOf,
  FormError,
  formId,
  optionalId,
  optionalText,
  requiredText,
  slugSchema,
} from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;
export type PersonRow = Selectable<PersonTable>;

export const PERSON_KINDS: { value: PersonKind; label: string }[] = [
  { value: 'staff', label: 'Membre de la rédaction' },
  { value: 'contributor', label: 'Contributeur extérieur' },
];
export const MAX_LINKS = 8;

/** The person form as typed; links as parallel rows of label and address. */
export interface PersonValues {
  name: string;
  slug: string;
  kind: string;
  roleLine: string;
  bio: string;
  photoImageId: string;
  links: { label: string; url: string }[];
}

/** What creating or changing a person takes (the screen's form and the API alike). */
const personInputSchema = z.object({
  name: requiredText('Le nom', 100),
  // Left empty, the address is made from the name.
  slug: z.string().trim().default(''),
  kind: z.enum(['staff', 'contributor'], { error: 'Choisissez membre de la rédaction ou contributeur extérieur.' }),
  roleLine: optionalText('La fonction', 160),
  bio: optionalText('La biographie', 3000),
  photoImageId: optionalId('La photo'),
  /** Rows with neither label nor address are ignored (the form's spare rows). */
  links: z.array(z.object({ label: z.string(), url: z.string() })).default([]),
});

export type PersonInput = z.input<typeof personInputSchema>;

/** The form's strings as a person input (a kind or photo number that does not parse is refused with the other fields). */
export function personInputFromForm(values: PersonValues): PersonInput {
  return { ...values, kind: values.kind as PersonInput['kind'], photoImageId: formId(values.photoImageId) };
}

/** The stored person as an input (what a partial change starts from). */
export function personInput(p: PersonRow): PersonInput {
  return {
    name: p.name,
    slug: p.slug,
    kind: p.kind,
    roleLine: p.role_line,
    bio: p.bio,
    photoImageId: p.photo_image_id,
    links: parsePersonLinks(p.links),
  };
}

const linkSchema = z.object({
  label: requiredText('Le libellé du lien', 60),
  url: z
    .string()
    .trim()
    .max(500, 'L’adresse ne doit pas dépasser 500 caractères.')
    .pipe(z.url({ protocol: /^https?$/, error: 'Adresse invalide : elle doit commencer par https:// (ou http://).' })),
});

async function parsePerson(db: Db, input: PersonInput, exceptId?: number) {
  const errors: FieldErrors = {};
  const main = personInputSchema.safeParse(input);
  if (!main.success) Object.assign(errors, fieldErrorsOf(main.error));
  const typedSlug = (input.slug ?? '').trim();
  const slug = slugSchema.safeParse(typedSlug || (main.success ? slugify(main.data.name, 60) : ''));
  if (!slug.success && (typedSlug || main.success)) errors.slug = slug.error.issues[0].message;
  // Blank rows are the form's spare rows: ignored. Errors keep the row's index on screen.
  const rows = (main.success ? main.data.links : (input.links ?? []))
    .map((link, index) => ({ link, index }))
    .filter(({ link }) => link.label.trim() || link.url.trim());
  if (rows.length > MAX_LINKS) errors.links = `${MAX_LINKS} liens au plus.`;
  const links = rows.flatMap(({ link, index }) => {
    const parsed = linkSchema.safeParse(link);
    if (parsed.success) return [parsed.data];
    for (const issue of parsed.error.issues) errors[`links.${index}.${String(issue.path[0])}`] ??= issue.message;
    return [];
  });
  if (!main.success || !slug.success || Object.keys(errors).length) throw new FormError(errors);
  await Promise.all([assertSlugFree(db, 'people', slug.data, exceptId), assertImageExists(db, main.data.photoImageId, 'photoImageId')]);
  return { ...main.data, slug: slug.data, links };
}

/** The stored person as form values. */
export function personValues(p: PersonRow): PersonValues {
  return {
    name: p.name,
    slug: p.slug,
    kind: p.kind,
    roleLine: p.role_line,
    bio: p.bio,
    photoImageId: p.photo_image_id === null ? '' : String(p.photo_image_id),
    links: parsePersonLinks(p.links),
  };
}

/** A person with how many articles carry their byline. */
export interface PersonWithCount extends PersonRow {
  articleCount: number;
}

/** People whose name contains the words (all when empty), by name, with their article counts. */
export async function listPeople(db: Db, query = '', limit = 200): Promise<PersonWithCount[]> {
  let q = db
    .selectFrom('people')
    .selectAll('people')
    .select((eb) =>
      eb
        .selectFrom('article_authors')
        .whereRef('article_authors.person_id', '=', 'people.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('article_count'),
    );
  if (query.trim()) q = q.where(matchesText('people.name', query));
  const rows = await q.orderBy('name').orderBy('id').limit(limit).execute();
  return rows.map(({ article_count, ...p }) => ({ ...p, articleCount: Number(article_count ?? 0) }));
}

/** The person with this id, or undefined. */
export function getPerson(db: Db, id: number): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

// A person shows on their page and in the byline of every article (and teaser) they signed.
async function personChanged(ctx: Ctx, id: number): Promise<void> {
  const articles = await ctx.db.selectFrom('article_authors').select('article_id').where('person_id', '=', id).execute();
  ctx.pageCache.invalidate([`person:${id}`, ...articles.map((a) => `article:${a.article_id}`)]);
}

/** Creates a person (staff or contributor); returns their id. */
export async function createPerson(ctx: Ctx, actor: Actor, input: PersonInput): Promise<number> {
  assertCan(actor, 'curation:people');
  const data = await parsePerson(ctx.db, input);
  const { id } = await ctx.db
    .insertInto('people')
    .values({
      name: data.name,
      slug: data.slug,
      kind: data.kind,
      role_line: data.roleLine,
      bio: data.bio,
      photo_image_id: data.photoImageId,
      links: JSON.stringify(data.links),
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates a person; their page and every article they signed are refreshed. */
export async function updatePerson(ctx: Ctx, actor: Actor, id: number, input: PersonInput): Promise<void> {
  assertCan(actor, 'curation:people');
  if (!(await getPerson(ctx.db, id))) throw AppError.notFound('Personne introuvable.');
  const data = await parsePerson(ctx.db, input, id);
  await ctx.db
    .updateTable('people')
    .set({
      name: data.name,
      slug: data.slug,
      kind: data.kind,
      role_line: data.roleLine,
      bio: data.bio,
      photo_image_id: data.photoImageId,
      links: JSON.stringify(data.links),
    })
    .where('id', '=', id)
    .execute();
  await personChanged(ctx, id);
}

/** Deletes a person who signed nothing and whom no account signs as. */
export async function deletePerson(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:people');
  const person = await getPerson(ctx.db, id);
  if (!person) return;
  const [articles, account] = await Promise.all([
    ctx.db.selectFrom('article_authors').select(sql<number>`count(*)`.as('n')).where('person_id', '=', id).executeTakeFirst(),
    ctx.db.selectFrom('users').select('name').where('person_id', '=', id).executeTakeFirst(),
  ]);
  const count = Number(articles?.n ?? 0);
  if (count > 0)
    throw new FormError({
      _form: `Impossible de supprimer ${person.name} : ${count === 1 ? 'un article porte sa signature' : `${count} articles portent sa signature`}.`,
    });
  if (account)
    throw new FormError({ _form: `Impossible de supprimer ${person.name} : le compte « ${account.name} » signe sous ce profil.` });
  await ctx.db.deleteFrom('people').where('id', '=', id).execute();
  ctx.pageCache.invalidate([`person:${id}`]);
}
