import { sql } from 'kysely';
import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { slugify } from '../core/text/slug.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import type { Section } from '../sections/section-repository.ts';
import { assertTopLevelSlugFree, fieldErrorsOf, FormError, optionalText, requiredText, slugSchema } from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;

/** The section form as typed (strings), kept to re-render it on an error. */
export interface SectionValues {
  name: string;
  slug: string;
  description: string;
  position: string;
}

const position = z
  .int('L’ordre doit être un nombre entier.')
  .min(0, 'L’ordre doit être positif.')
  .max(9999, 'L’ordre doit être inférieur à 10 000.');

/** What creating or changing a section takes (the screen's form and the API alike). */
export const sectionInputSchema = z.object({
  name: requiredText('Le nom', 60),
  // Left empty, the address is made from the name.
  slug: z.string().trim().default(''),
  description: optionalText('La description', 300),
  /** Left out: after the last section. */
  position: position.optional(),
});

export type SectionInput = z.input<typeof sectionInputSchema>;

/** The form's strings as a section input: an empty order is 0 (a non-number is refused with the other fields). */
export function sectionInputFromForm(values: SectionValues): SectionInput {
  const typed = values.position.trim();
  return { name: values.name, slug: values.slug, description: values.description, position: typed === '' ? 0 : Number(typed) };
}

async function parseSection(db: Db, input: SectionInput, exceptId?: number) {
  // Every field is checked before answering, so the editor sees all the errors at once.
  const main = sectionInputSchema.safeParse(input);
  const typedSlug = (input.slug ?? '').trim() || (main.success ? slugify(main.data.name, 60) : '');
  const slug = typedSlug ? slugSchema.safeParse(typedSlug) : null;
  const errors = {
    ...(main.success ? {} : fieldErrorsOf(main.error)),
    ...(slug && !slug.success ? { slug: slug.error.issues[0].message } : {}),
  };
  if (!main.success || !slug?.success || Object.keys(errors).length) throw new FormError(errors);
  await assertTopLevelSlugFree(db, slug.data, exceptId === undefined ? {} : { sectionId: exceptId });
  const last = main.data.position === undefined ? await lastPosition(db) : 0;
  return { ...main.data, slug: slug.data, position: main.data.position ?? last + 1 };
}

async function lastPosition(db: Db): Promise<number> {
  const row = await db.selectFrom('sections').select(sql<number>`coalesce(max(position), 0)`.as('max')).executeTakeFirstOrThrow();
  return Number(row.max);
}

/** A section with how many articles (any state) belong to it. */
export interface SectionWithCount extends Section {
  articleCount: number;
}

/** Every section in the editors' order, with its number of articles. */
export async function listSectionsWithCounts(db: Db): Promise<SectionWithCount[]> {
  const rows = await db
    .selectFrom('sections')
    .selectAll('sections')
    .select((eb) =>
      eb
        .selectFrom('articles')
        .whereRef('articles.section_id', '=', 'sections.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('article_count'),
    )
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(({ article_count, ...s }) => ({ ...s, articleCount: Number(article_count ?? 0) }));
}

/** The section with this id, or undefined. */
export function getSection(db: Db, id: number): Promise<Section | undefined> {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates a section; refuses reserved and taken addresses. Returns its id. */
export async function createSection(ctx: Ctx, actor: Actor, input: SectionInput): Promise<number> {
  assertCan(actor, 'curation:sections');
  const data = await parseSection(ctx.db, input);
  const { id } = await ctx.db
    .insertInto('sections')
    .values({
      name: data.name,
      slug: data.slug,
      description: data.description,
      position: data.position,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The front page has a block for some section addresses.
  ctx.pageCache.invalidate(['home']);
  return id;
}

/**
 * Updates a section. A new address also moves the navigation entries that pointed at the old one
 * (every page shows the navigation) and the URLs of its articles.
 */
export async function updateSection(ctx: Ctx, actor: Actor, id: number, input: SectionInput): Promise<void> {
  assertCan(actor, 'curation:sections');
  const before = await getSection(ctx.db, id);
  if (!before) throw new FormError({ _form: 'Cette rubrique n’existe plus.' });
  const data = await parseSection(ctx.db, { ...input, position: input.position ?? before.position }, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sections')
      .set({ name: data.name, slug: data.slug, description: data.description, position: data.position })
      .where('id', '=', id)
      .execute();
    if (data.slug !== before.slug)
      await trx
        .updateTable('nav_items')
        .set({ target: data.slug })
        .where('kind', '=', 'section')
        .where('target', '=', before.slug)
        .execute();
  });
  const tags = [`section:${id}`, 'home'];
  if (data.slug !== before.slug) {
    forgetSiteChrome(ctx.db);
    tags.push('site');
  }
  ctx.pageCache.invalidate(tags);
}

/** Deletes a section that holds no article; its navigation entries go with it. */
export async function deleteSection(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:sections');
  const section = await getSection(ctx.db, id);
  if (!section) return;
  const row = await ctx.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('section_id', '=', id).executeTakeFirst();
  const count = Number(row?.n ?? 0);
  if (count > 0) {
    throw new FormError({
      _form: `Impossible de supprimer « ${section.name} » : ${count === 1 ? 'un article y est classé' : `${count} articles y sont classés`}. Déplacez-les d’abord dans une autre rubrique.`,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('nav_items').where('kind', '=', 'section').where('target', '=', section.slug).execute();
    await trx.deleteFrom('sections').where('id', '=', id).execute();
  });
  forgetSiteChrome(ctx.db);
  ctx.pageCache.invalidate([`section:${id}`, 'home', 'site']);
}
