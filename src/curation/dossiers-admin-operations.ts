import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { DossierTable } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import { type ArticleChoice, articleChoicesByIds } from './article-search.ts';
import {
  assertImageExists,
  assertSectionExists,
  assertSlugFree,
  type FieldErrors,
  fieldErrorsOf,
  FormError,
  formId,
  optionalId,
  optionalText,
  parseForm,
  requiredText,
  slugSchema,
} from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;
export type DossierRow = Selectable<DossierTable>;

export const DOSSIER_MAX_ARTICLES = 50;

/** The dossier form as typed; `visible` is the checkbox ("on" when ticked). */
export interface DossierValues {
  title: string;
  slug: string;
  sectionId: string;
  introduction: string;
  heroImageId: string;
  visible: string;
}

/** What creating or changing a dossier takes. */
const dossierInputSchema = z.object({
  title: requiredText('Le titre', 160),
  // Left empty, the address is made from the title.
  slug: z.string().trim().default(''),
  sectionId: optionalId('La rubrique'),
  introduction: optionalText('L’introduction', 2000),
  heroImageId: optionalId('L’image'),
  /** Shown on the site (dated when it first becomes visible). */
  visible: z.boolean().default(false),
});

export type DossierInput = z.input<typeof dossierInputSchema>;

/** The form's strings as a dossier input (the checkbox sends "on" when ticked). */
export function dossierInputFromForm(values: DossierValues): DossierInput {
  return {
    ...values,
    sectionId: formId(values.sectionId),
    heroImageId: formId(values.heroImageId),
    visible: values.visible === 'on' || values.visible === '1' || values.visible === 'true',
  };
}

async function parseDossier(db: Db, input: DossierInput, exceptId?: number) {
  const errors: FieldErrors = {};
  const main = dossierInputSchema.safeParse(input);
  if (!main.success) Object.assign(errors, fieldErrorsOf(main.error));
  const typedSlug = (input.slug ?? '').trim();
  const slug = slugSchema.safeParse(typedSlug || (main.success ? slugify(main.data.title, 60) : ''));
  if (!slug.success && (typedSlug || main.success)) errors.slug = slug.error.issues[0].message;
  if (!main.success || !slug.success || Object.keys(errors).length) throw new FormError(errors);
  await Promise.all([
    assertSlugFree(db, 'dossiers', slug.data, exceptId),
    assertSectionExists(db, main.data.sectionId, 'sectionId'),
    assertImageExists(db, main.data.heroImageId, 'heroImageId'),
  ]);
  return { ...main.data, slug: slug.data };
}

/** The stored dossier as form values. */
export function dossierValues(d: DossierRow): DossierValues {
  return {
    title: d.title,
    slug: d.slug,
    sectionId: d.section_id === null ? '' : String(d.section_id),
    introduction: d.introduction,
    heroImageId: d.hero_image_id === null ? '' : String(d.hero_image_id),
    visible: d.published_at === null ? '' : 'on',
  };
}

/** Every dossier, newest first, with its section name and number of articles. */
export async function listAllDossiers(db: Db): Promise<(DossierRow & { sectionName: string | null; articleCount: number })[]> {
  const rows = await db
    .selectFrom('dossiers')
    .leftJoin('sections', 'sections.id', 'dossiers.section_id')
    .selectAll('dossiers')
    .select('sections.name as section_name')
    .select((eb) =>
      eb
        .selectFrom('dossier_articles')
        .whereRef('dossier_articles.dossier_id', '=', 'dossiers.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('article_count'),
    )
    .orderBy('dossiers.created_at', 'desc')
    .orderBy('dossiers.id', 'desc')
    .execute();
  return rows.map(({ section_name, article_count, ...d }) => ({
    ...d,
    sectionName: section_name,
    articleCount: Number(article_count ?? 0),
  }));
}

/** The dossier with this id, or undefined. */
export function getDossier(db: Db, id: number): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The dossier's articles in their order. */
export async function listDossierArticles(db: Db, dossierId: number): Promise<ArticleChoice[]> {
  const rows = await db
    .selectFrom('dossier_articles')
    .select('article_id')
    .where('dossier_id', '=', dossierId)
    .orderBy('position')
    .execute();
  return articleChoicesByIds(
    db,
    rows.map((r) => r.article_id),
  );
}

// A dossier shows on its page, on the front page and on its section's page.
function dossierChanged(ctx: Ctx, id: number, sectionIds: (number | null)[]): void {
  ctx.pageCache.invalidate([
    `dossier:${id}`,
    'home',
    ...[...new Set(sectionIds)].filter((s): s is number => s !== null).map((s) => `section:${s}`),
  ]);
}

/** Creates a dossier (visible at once if asked); returns its id. */
export async function createDossier(ctx: Ctx, actor: Actor, input: DossierInput): Promise<number> {
  assertCan(actor, 'curation:dossiers');
  const data = await parseDossier(ctx.db, input);
  const now = new Date().toISOString();
  const { id } = await ctx.db
    .insertInto('dossiers')
    .values({
      title: data.title,
      slug: data.slug,
      section_id: data.sectionId,
      introduction: data.introduction,
      hero_image_id: data.heroImageId,
      published_at: data.visible ? now : null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  dossierChanged(ctx, id, [data.sectionId]);
  return id;
}

/** Updates a dossier; making it visible dates it now, a dossier already visible keeps its date. */
export async function updateDossier(ctx: Ctx, actor: Actor, id: number, input: DossierInput): Promise<void> {
  assertCan(actor, 'curation:dossiers');
  const before = await getDossier(ctx.db, id);
  if (!before) throw AppError.notFound('Dossier introuvable.');
  const data = await parseDossier(ctx.db, input, id);
  const publishedAt = data.visible ? (before.published_at ?? new Date().toISOString()) : null;
  await ctx.db
    .updateTable('dossiers')
    .set({
      title: data.title,
      slug: data.slug,
      section_id: data.sectionId,
      introduction: data.introduction,
      hero_image_id: data.heroImageId,
      published_at: publishedAt,
    })
    .where('id', '=', id)
    .execute();
  dossierChanged(ctx, id, [before.section_id, data.sectionId]);
}

/** Deletes a dossier (its articles stay, only the collection goes). */
export async function deleteDossier(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:dossiers');
  const dossier = await getDossier(ctx.db, id);
  if (!dossier) return;
  await ctx.db.deleteFrom('dossiers').where('id', '=', id).execute();
  dossierChanged(ctx, id, [dossier.section_id]);
}

export const dossierArticlesSchema = z.object({
  articleIds: z
    .array(z.int({ error: 'Liste d’articles invalide.' }).positive({ error: 'Liste d’articles invalide.' }), {
      error: 'Liste d’articles invalide.',
    })
    .max(DOSSIER_MAX_ARTICLES, `Un dossier compte au plus ${DOSSIER_MAX_ARTICLES} articles.`)
    .refine((ids) => new Set(ids).size === ids.length, 'Un article ne peut figurer qu’une fois dans le dossier.'),
});

/** Replaces the dossier's ordered articles (one transaction). */
export async function saveDossierArticles(ctx: Ctx, actor: Actor, id: number, input: { articleIds: number[] }): Promise<void> {
  assertCan(actor, 'curation:dossiers');
  const dossier = await getDossier(ctx.db, id);
  if (!dossier) throw AppError.notFound('Dossier introuvable.');
  const { articleIds } = parseForm(dossierArticlesSchema, input);
  await ctx.db.transaction().execute(async (trx) => {
    const found = new Set((await articleChoicesByIds(trx, articleIds)).map((a) => a.id));
    const missing = articleIds.find((a) => !found.has(a));
    if (missing !== undefined) throw new FormError({ articleIds: `L’article n° ${missing} n’existe pas.` });
    await trx.deleteFrom('dossier_articles').where('dossier_id', '=', id).execute();
    if (articleIds.length)
      await trx
        .insertInto('dossier_articles')
        .values(articleIds.map((article_id, i) => ({ dossier_id: id, article_id, position: i + 1 })))
        .execute();
  });
  dossierChanged(ctx, id, [dossier.section_id]);
}
