import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import { parseBody } from '../articles/body/body-schema.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { PageKind } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import type { StaticPage } from '../pages/page-repository.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import {
  assertTopLevelSlugFree,
  type FieldErrors,
  fieldErrorsOf,
  FormError,
  optionalText,
  requiredText,
  slugSchema,
} from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;

export const PAGE_KINDS: { value: PageKind; label: string }[] = [
  { value: 'about', label: 'Qui sommes-nous' },
  { value: 'legal', label: 'Mentions légales' },
  { value: 'accessibility', label: 'Déclaration d’accessibilité' },
  { value: 'newsletter', label: 'Newsletter' },
  { value: 'other', label: 'Autre page' },
];

/** The page form as typed; `body` is the document as JSON text (the editor island keeps it filled). */
export interface PageValues {
  kind: string;
  title: string;
  slug: string;
  lead: string;
  body: string;
}

/** What creating or changing a static page takes; `body` is the body document (or its JSON text). */
const pageInputSchema = z.object({
  kind: z.enum(PAGE_KINDS.map((k) => k.value) as [PageKind, ...PageKind[]], { error: 'Choisissez un type de page.' }),
  title: requiredText('Le titre', 120),
  // Left empty, the address is made from the title.
  slug: z.string().trim().default(''),
  lead: optionalText('Le chapô', 500),
  body: z.unknown(),
});

export type PageInput = z.input<typeof pageInputSchema>;

/** The form's strings as a page input (a kind outside the list is refused with the other fields). */
export function pageInputFromForm(values: PageValues): PageInput {
  return { ...values, kind: values.kind as PageInput['kind'] };
}

/** Parses the body (a document, or its JSON text) with the article body schema; a French error on the `body` field otherwise. */
export function parsePageBody(body: unknown): string {
  if (body === undefined || body === null || (typeof body === 'string' && !body.trim()))
    return JSON.stringify({ type: 'doc', content: [] });
  let json: unknown = body;
  if (typeof body === 'string')
    try {
      json = JSON.parse(body);
    } catch {
      throw new FormError({ body: 'Le corps n’est pas un document JSON valide.' });
    }
  try {
    return JSON.stringify(parseBody(json));
  } catch (error) {
    if (error instanceof AppError) throw new FormError({ body: error.message.replace('Le corps de l’article', 'Le corps de la page') });
    throw error;
  }
}

async function parsePage(db: Db, input: PageInput, exceptId?: number) {
  const errors: FieldErrors = {};
  const main = pageInputSchema.safeParse(input);
  if (!main.success) Object.assign(errors, fieldErrorsOf(main.error));
  const typedSlug = (input.slug ?? '').trim();
  const slug = slugSchema.safeParse(typedSlug || (main.success ? slugify(main.data.title, 60) : ''));
  if (!slug.success && (typedSlug || main.success)) errors.slug = slug.error.issues[0].message;
  let body = '';
  try {
    body = parsePageBody(input.body);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    Object.assign(errors, error.fields);
  }
  if (!main.success || !slug.success || Object.keys(errors).length) throw new FormError(errors);
  await assertTopLevelSlugFree(db, slug.data, exceptId === undefined ? {} : { pageId: exceptId });
  return { ...main.data, slug: slug.data, body };
}

/** Every static page, by title. */
export function listPages(db: Db): Promise<StaticPage[]> {
  return db.selectFrom('pages').selectAll().orderBy('title').orderBy('id').execute();
}

/** The page with this id, or undefined. */
export function getPage(db: Db, id: number): Promise<StaticPage | undefined> {
  return db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
}

// Pages appear in the footer (site chrome) and the navigation: their changes reach every page.
function pagesChanged(ctx: Ctx, id: number): void {
  forgetSiteChrome(ctx.db);
  ctx.pageCache.invalidate([`page:${id}`, 'site']);
}

/** Creates a static page; returns its id. */
export async function createPage(ctx: Ctx, actor: Actor, input: PageInput): Promise<number> {
  assertCan(actor, 'curation:pages');
  const data = await parsePage(ctx.db, input);
  const { id } = await ctx.db
    .insertInto('pages')
    .values({ kind: data.kind, title: data.title, slug: data.slug, lead: data.lead, body: data.body, updated_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  pagesChanged(ctx, id);
  return id;
}

/** Updates a static page; a new address carries its navigation entries along. */
export async function updatePage(ctx: Ctx, actor: Actor, id: number, input: PageInput): Promise<void> {
  assertCan(actor, 'curation:pages');
  const before = await getPage(ctx.db, id);
  if (!before) throw AppError.notFound('Page introuvable.');
  const data = await parsePage(ctx.db, input, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pages')
      .set({ kind: data.kind, title: data.title, slug: data.slug, lead: data.lead, body: data.body, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    if (before.slug !== data.slug)
      await trx.updateTable('nav_items').set({ target: data.slug }).where('kind', '=', 'page').where('target', '=', before.slug).execute();
  });
  pagesChanged(ctx, id);
}

/** Deletes a static page and the navigation entries that led to it. */
export async function deletePage(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:pages');
  const page = await getPage(ctx.db, id);
  if (!page) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('nav_items').where('kind', '=', 'page').where('target', '=', page.slug).execute();
    await trx.deleteFrom('pages').where('id', '=', id).execute();
  });
  pagesChanged(ctx, id);
}
