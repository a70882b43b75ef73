import { z } from 'zod';
import { ARTICLE_FORMATS } from '../articles/operations/article-input.ts';
import { AppError } from '../core/http/app-error.ts';
import { isValidSlug } from '../core/text/slug.ts';

// A repeated parameter (?q=a&q=b) counts once: the first.
const first = (schema: z.ZodType) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema);
const optionalSlug = first(
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isValidSlug(v), 'adresse invalide'),
);
const day = first(
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine(
      (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      'date attendue au format AAAA-MM-JJ',
    ),
);

const searchQuerySchema = z.object({
  q: first(z.string().optional().default('')),
  rubrique: optionalSlug,
  format: first(
    z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.enum(ARTICLE_FORMATS).optional()),
  ),
  auteur: optionalSlug,
  du: day,
  au: day,
  page: first(
    z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, 'un nombre entier positif')
      .optional(),
  ),
});

/** The search request: query text, filters and page, all validated. */
export interface SearchRequest {
  q: string;
  section?: string;
  format?: (typeof ARTICLE_FORMATS)[number];
  author?: string;
  from?: string;
  to?: string;
  page: number;
}

const FIELD_NAMES: Record<string, string> = {
  rubrique: 'Rubrique',
  format: 'Format',
  auteur: 'Auteur',
  du: 'Date de début',
  au: 'Date de fin',
  page: 'Page',
};

/** Reads /recherche's query string; a bad filter or page answers a 400 that names it, in French. */
export function parseSearchRequest(query: unknown): SearchRequest {
  const parsed = searchQuerySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => FIELD_NAMES[String(i.path[0])] ?? String(i.path[0])))];
    throw AppError.badRequest(`Recherche impossible : ${fields.join(', ')} — valeur non valide. Corrigez-la ou retirez-la de l’adresse.`);
  }
  const d = parsed.data as {
    q: string;
    rubrique?: string;
    format?: SearchRequest['format'];
    auteur?: string;
    du?: string;
    au?: string;
    page?: string;
  };
  return { q: d.q, section: d.rubrique, format: d.format, author: d.auteur, from: d.du, to: d.au, page: d.page ? Number(d.page) : 1 };
}
