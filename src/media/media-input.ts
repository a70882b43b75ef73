import { z } from 'zod';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';

// Form values arrive as strings; these schemas are the one place they become typed input.

/** A focal coordinate typed by a person: "0.5" or "0,5", between 0 and 1; empty means the centre. */
const focalField = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (value === '') return 0.5;
    const n = Number(value.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      ctx.addIssue({ code: 'custom', message: 'Indiquez un nombre entre 0 et 1 (0,5 pour le centre).' });
      return z.NEVER;
    }
    return Math.round(n * 1000) / 1000;
  });

const credit = z
  .string()
  .trim()
  .default('')
  .pipe(
    z
      .string()
      .min(1, 'Le crédit est obligatoire : qui a pris ou fourni ce média (ex. « AFP / Jeanne Martin »).')
      .max(300, 'Le crédit est trop long (300 caractères au plus).'),
  );

/** Alt text, caption, credit and focal point of an image. */
export const imageMetaSchema = z.object({
  alt: z.string().trim().max(500, 'Le texte alternatif est trop long (500 caractères au plus).').default(''),
  caption: z.string().trim().max(1000, 'La légende est trop longue (1 000 caractères au plus).').default(''),
  credit,
  focalX: focalField,
  focalY: focalField,
});

export type ImageMetaInput = z.infer<typeof imageMetaSchema>;

/**
 * The same with the alt text required: the editor's in-place upload (field `altRequired=1`) adds
 * an image to illustrate an article, never a decorative one.
 */
export const imageMetaWithAltSchema = imageMetaSchema.extend({
  alt: z
    .string()
    .trim()
    .default('')
    .pipe(
      z
        .string()
        .min(1, 'Le texte alternatif est obligatoire : décrivez ce que montre l’image pour qui ne la voit pas.')
        .max(500, 'Le texte alternatif est trop long (500 caractères au plus).'),
    ),
});

/** Title and credit of a sound or video. */
export const mediaFileMetaSchema = z.object({
  title: z
    .string()
    .trim()
    .default('')
    .pipe(z.string().min(1, 'Le titre est obligatoire.').max(300, 'Le titre est trop long (300 caractères au plus).')),
  credit,
});

export type MediaFileMetaInput = z.infer<typeof mediaFileMetaSchema>;

/** Field name → French message, as forms show them beside each field. */
export type FieldErrors = Record<string, string>;

/**
 * Parses form fields with a schema; on failure throws a 422 AppError whose details carry one
 * message per field (`{ fields: { credit: '…' } }`), which forms and fetch clients both show.
 */
export function parseFields<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  const first = Object.values(fields)[0] ?? 'Le formulaire contient des erreurs.';
  throw AppError.invalid(
    first,
    Object.entries(fields).map(([path, message]) => ({ path, message })),
  );
}

/** The per-field messages of an AppError raised by parseFields (empty for other errors). */
export function fieldErrorsOf(error: AppError): FieldErrors {
  const fields: FieldErrors = {};
  for (const problem of AppError.problemsOf(error)) fields[problem.path.split('.')[0] || 'form'] ??= problem.message;
  return fields;
}

/** Library query string: search text, kind filter, page. */
export const libraryQuerySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  type: z.enum(['images', 'audio', 'video']).catch('images'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/** Picker query string (`/admin/medias.json`). */
export const pickerQuerySchema = z.object({
  q: z.string().trim().max(200).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A positive integer id from a URL segment, else a 404. */
export function parseId(value: string): number {
  return pathId(value, 'Média introuvable');
}
