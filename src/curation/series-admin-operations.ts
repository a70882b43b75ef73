import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { isPublicNow } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import type { SeriesTable } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import type { ArticleChoice } from './article-search.ts';
import {
  assertSectionExists,
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
export type SeriesRow = Selectable<SeriesTable>;

/** The series form as typed. */
export interface SeriesValues {
  title: string;
  slug: string;
  sectionId: string;
  description: string;
  cadence: string;
}

/** What creating or changing a series takes. */
const seriesInputSchema = z.object({
  title: requiredText('Le titre', 120),
  // Left empty, the address is made from the title.
  slug: z.string().trim().default(''),
  sectionId: optionalId('La rubrique'),
  description: optionalText('La description', 1000),
  cadence: optionalText('La périodicité', 60),
});

export type SeriesInput = z.input<typeof seriesInputSchema>;

/** The form's strings as a series input. */
export function seriesInputFromForm(values: SeriesValues): SeriesInput {
  return { ...values, sectionId: formId(values.sectionId) };
}

async function parseSeries(db: Db, input: SeriesInput, exceptId?: number) {
  const errors: FieldErrors = {};
  const main = seriesInputSchema.safeParse(input);
  if (!main.success) Object.assign(errors, fieldErrorsOf(main.error));
  const typedSlug = (input.slug ?? '').trim();
  const slug = slugSchema.safeParse(typedSlug || (main.success ? slugify(main.data.title, 60) : ''));
  if (!slug.success && (typedSlug || main.success)) errors.slug = slug.error.issues[0].message;
  if (!main.success || !slug.success || Object.keys(errors).length) throw new FormError(errors);
  await Promise.all([assertSlugFree(db, 'series', slug.data, exceptId), assertSectionExists(db, main.data.sectionId, 'sectionId')]);
  return { ...main.data, slug: slug.data };
}

/** The stored series as form values. */
export function seriesValues(s: SeriesRow): SeriesValues {
  return {
    title: s.title,
    slug: s.slug,
    sectionId: s.section_id === null ? '' : String(s.section_id),
    description: s.description,
    cadence: s.cadence,
  };
}

/** Every series by title, with its section name and number of articles. */
export async function listAllSeries(db: Db): Promise<(SeriesRow & { sectionName: string | null; articleCount: number })[]> {
  const rows = await db
    .selectFrom('series')
    .leftJoin('sections', 'sections.id', 'series.section_id')
    .selectAll('series')
    .select('sections.name as section_name')
    .select((eb) =>
      eb.selectFrom('articles').whereRef('articles.series_id', '=', 'series.id').select(sql<number>`count(*)`.as('n')).as('article_count'),
    )
    .orderBy('series.title')
    .execute();
  return rows.map(({ section_name, article_count, ...s }) => ({
    ...s,
    sectionName: section_name,
    articleCount: Number(article_count ?? 0),
  }));
}

/** The series with this id, or undefined. */
export function getSeries(db: Db, id: number): Promise<SeriesRow | undefined> {
  return db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The articles of a series (any state), newest first, for its edit screen. */
export async function listSeriesArticles(db: Db, seriesId: number, now = new Date().toISOString()): Promise<ArticleChoice[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.headline', 'articles.status', 'articles.published_at', 'sections.name as section_name'])
    .where('articles.series_id', '=', seriesId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    sectionName: r.section_name,
    status: r.status,
    publishedAt: r.published_at,
    isPublic: isPublicNow(r, now),
  }));
}

// A series shows on its page, the front page, its section's page and its articles.
function seriesChanged(ctx: Ctx, id: number, sectionIds: (number | null)[]): void {
  ctx.pageCache.invalidate([`series:${id}`, 'home', ...sectionIds.filter((s): s is number => s !== null).map((s) => `section:${s}`)]);
}

/** Creates a series; returns its id. */
export async function createSeries(ctx: Ctx, actor: Actor, input: SeriesInput): Promise<number> {
  assertCan(actor, 'curation:series');
  const data = await parseSeries(ctx.db, input);
  const { id } = await ctx.db
    .insertInto('series')
    .values({
      title: data.title,
      slug: data.slug,
      section_id: data.sectionId,
      description: data.description,
      cadence: data.cadence,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  seriesChanged(ctx, id, [data.sectionId]);
  return id;
}

/** Updates a series. */
export async function updateSeries(ctx: Ctx, actor: Actor, id: number, input: SeriesInput): Promise<void> {
  assertCan(actor, 'curation:series');
  const before = await getSeries(ctx.db, id);
  if (!before) throw AppError.notFound('Série introuvable.');
  const data = await parseSeries(ctx.db, input, id);
  await ctx.db
    .updateTable('series')
    .set({ title: data.title, slug: data.slug, section_id: data.sectionId, description: data.description, cadence: data.cadence })
    .where('id', '=', id)
    .execute();
  seriesChanged(ctx, id, [before.section_id, data.sectionId]);
}

/** Deletes a series that has no article. */
export async function deleteSeries(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:series');
  const series = await getSeries(ctx.db, id);
  if (!series) return;
  const row = await ctx.db.selectFrom('articles').select(sql<number>`count(*)`.as('n')).where('series_id', '=', id).executeTakeFirst();
  const count = Number(row?.n ?? 0);
  if (count > 0)
    throw new FormError({
      _form: `Impossible de supprimer « ${series.title} » : ${count === 1 ? 'un article en fait partie' : `${count} articles en font partie`}. Retirez-les d’abord de la série.`,
    });
  await ctx.db.deleteFrom('series').where('id', '=', id).execute();
  seriesChanged(ctx, id, [series.section_id]);
}
