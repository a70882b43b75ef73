import { z } from 'zod';
import { AppError } from '../core/http/app-error.ts';
import type { Db } from '../core/db/database.ts';
import { isValidSlug, SLUG_MAX_LENGTH } from '../core/text/slug.ts';
import { RESERVED_SLUGS } from '../routes.ts';

/** Field name → French message, shown next to the field. */
export type FieldErrors = Record<string, string>;

/** Bad input to a curation form: a 422 carrying one message per field; nothing was stored. */
export class FormError extends AppError {
  readonly fields: FieldErrors;

  constructor(fields: FieldErrors) {
    super('validation_failed', 422, 'Le formulaire contient des erreurs.', { details: { fields } });
    this.fields = fields;
  }
}

/** The first message for each field of a zod error (nested paths joined by dots: "links.2.url"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses input with a schema, throwing a FormError with French messages per field. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new FormError(fieldErrorsOf(result.error));
  return result.data;
}

/** A required single-line text, trimmed, with a French message naming the field. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, `${label} est obligatoire.`)
    .max(max, `${label} ne doit pas dépasser ${max} caractères.`);
}

/** An optional text (empty allowed), trimmed, bounded. */
export function optionalText(label: string, max: number) {
  return z.string().trim().max(max, `${label} ne doit pas dépasser ${max} caractères.`).default('');
}

/** A URL slug: lowercase ASCII words joined by dashes. */
export const slugSchema = z
  .string({ error: 'L’adresse (slug) est obligatoire.' })
  .trim()
  .toLowerCase()
  .min(1, 'L’adresse (slug) est obligatoire.')
  .max(SLUG_MAX_LENGTH, `L’adresse ne doit pas dépasser ${SLUG_MAX_LENGTH} caractères.`)
  .refine(
    isValidSlug,
    'L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (ex. « politique-etrangere »).',
  );

/** An optional database id of an operation's typed input. */
export function optionalId(label: string) {
  return z.int(`${label} : identifiant invalide.`).positive(`${label} : identifiant invalide.`).nullable().default(null);
}

/** A database id typed in a form field: '' is none; text that is not a number stays NaN, for the input schema to refuse with the other fields. */
export function formId(text: string): number | null {
  const typed = text.trim();
  return typed === '' ? null : Number(typed);
}

/** A required database id from a form field. */
export function requiredId(label: string) {
  return z.coerce
    .number({ error: `${label} est obligatoire.` })
    .int(`${label} : identifiant invalide.`)
    .positive(`${label} est obligatoire.`);
}

/** Throws a FormError on `field` unless the image exists in the library. */
export async function assertImageExists(db: Db, imageId: number | null, field: string): Promise<void> {
  if (imageId === null) return;
  const row = await db.selectFrom('images').select('id').where('id', '=', imageId).executeTakeFirst();
  if (!row) throw new FormError({ [field]: `Aucune image n° ${imageId} dans la médiathèque.` });
}

/** Throws a FormError on `field` unless the section exists. */
export async function assertSectionExists(db: Db, sectionId: number | null, field: string): Promise<void> {
  if (sectionId === null) return;
  const row = await db.selectFrom('sections').select('id').where('id', '=', sectionId).executeTakeFirst();
  if (!row) throw new FormError({ [field]: 'Cette rubrique n’existe pas.' });
}

/**
 * Sections and static pages share the first path segment (/politique, /a-propos): a slug must be
 * free of fixed routes (RESERVED_SLUGS) and of every other section and page.
 */
export async function assertTopLevelSlugFree(db: Db, slug: string, except: { sectionId?: number; pageId?: number } = {}): Promise<void> {
  if ((RESERVED_SLUGS as readonly string[]).includes(slug)) {
    throw new FormError({ slug: `L’adresse « ${slug} » est réservée par le site : choisissez-en une autre.` });
  }
  let sections = db.selectFrom('sections').select('id').where('slug', '=', slug);
  if (except.sectionId !== undefined) sections = sections.where('id', '!=', except.sectionId);
  let pages = db.selectFrom('pages').select('id').where('slug', '=', slug);
  if (except.pageId !== undefined) pages = pages.where('id', '!=', except.pageId);
  const [section, page] = await Promise.all([sections.executeTakeFirst(), pages.executeTakeFirst()]);
  if (section) throw new FormError({ slug: `L’adresse « ${slug} » est déjà celle d’une rubrique.` });
  if (page) throw new FormError({ slug: `L’adresse « ${slug} » est déjà celle d’une page.` });
}

/** Throws a FormError on slug unless no other row of the table uses it (dossiers, series, people). */
export async function assertSlugFree(db: Db, table: 'dossiers' | 'series' | 'people', slug: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom(table).select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new FormError({ slug: `L’adresse « ${slug} » est déjà utilisée.` });
}

/** Throws 404 when a row to edit does not exist. */
export function notFoundUnless<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw AppError.notFound(`${what} introuvable.`);
  return row;
}
