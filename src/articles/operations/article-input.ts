import { z } from 'zod';
import type { ArticleFormat, CommentsSetting } from '../../core/db/schema.ts';
import { AppError, type FieldProblem } from '../../core/http/app-error.ts';
import { isValidSlug, SLUG_MAX_LENGTH } from '../../core/text/slug.ts';
import { type BodyDoc, EMPTY_BODY, parseBody } from '../body/body-schema.ts';
import { jsonId } from '../../core/input/ids.ts';

/** Field limits, shared with the editor's counters. */
export const ARTICLE_LIMITS = {
  headline: 200,
  kicker: 120,
  lead: 600,
  seoTitle: 70,
  seoDescription: 200,
  tags: 12,
  tagName: 60,
  correction: 1000,
  corrections: 50,
  authors: 20,
  sourceOutlet: 120,
  sourceHeadline: 300,
  url: 2000,
} as const;

export const ARTICLE_FORMATS = [
  'actualite',
  'decryptage',
  'pepite',
  'depeche',
  'video',
  'podcast',
  'chronique',
] as const satisfies readonly ArticleFormat[];
export const COMMENTS_SETTINGS = ['inherit', 'open', 'premoderation', 'closed'] as const satisfies readonly CommentsSetting[];

/** One problem with the input, named by its field path ("headline", "source.url", "tags.3"): the shared FieldProblem. */
export type FieldIssue = FieldProblem;

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} : texte attendu` })
    .trim()
    .max(max, { error: `${what} : ${max} caractères au plus` })
    .refine((v) => !CONTROL_CHARACTERS.test(v), { error: `${what} : caractère de contrôle interdit` });

/** Empty text means "none": stored as null. */
const optionalText = (max: number, what: string) =>
  text(max, what)
    .nullish()
    .transform((v) => (v ? v : null));

const id = (what: string) => jsonId(`${what} : identifiant attendu`);

const httpUrl = z
  .string({ error: 'Adresse de la source : texte attendu' })
  .trim()
  .max(ARTICLE_LIMITS.url, { error: `Adresse de la source : ${ARTICLE_LIMITS.url} caractères au plus` })
  .refine((v) => v === '' || (/^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v)), {
    error: 'Adresse de la source : une adresse web complète est attendue (https://…)',
  });

/** The body arrives as the editor's JSON document (or its text); validated by the body allow-list. */
const bodySchema = z
  .unknown()
  .optional()
  .transform((value, ctx): BodyDoc => {
    if (value === undefined || value === null || value === '') return EMPTY_BODY;
    try {
      return parseBody(typeof value === 'string' ? JSON.parse(value) : value);
    } catch (error) {
      const issues = error instanceof AppError && Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
      const message = error instanceof AppError ? error.message : 'Le corps de l’article n’est pas un document lisible.';
      ctx.issues.push({ code: 'custom', message, input: value, path: issues[0]?.path ? issues[0].path.split('.') : [] });
      return z.NEVER;
    }
  });

const sourceSchema = z
  .strictObject({
    outlet: text(ARTICLE_LIMITS.sourceOutlet, 'Média source')
      .nullish()
      .transform((v) => v ?? ''),
    // Optional outside curated picks: a source may be an outlet's name alone (shown unlinked, no isBasedOn).
    url: httpUrl.nullish().transform((v) => v ?? ''),
    headline: text(ARTICLE_LIMITS.sourceHeadline, 'Titre original')
      .nullish()
      .transform((v) => v ?? ''),
  })
  .nullish()
  .transform((s) => (s && (s.outlet || s.url || s.headline) ? s : null));

const correctionSchema = z.strictObject({
  notedAt: z.iso.datetime({ offset: true, error: 'Correction : date invalide' }).optional(),
  text: text(ARTICLE_LIMITS.correction, 'Correction').min(1, { error: 'Correction : le texte est vide' }),
});

/**
 * What the editor (or the API, or the importer) sends to create or save an article. Strict:
 * an unknown field is an error, not silently dropped. Drafts may be incomplete; what publishing
 * additionally needs is checked by `publishProblems`.
 */
export const articleInputSchema = z
  .strictObject(
    {
      format: z.enum(ARTICLE_FORMATS, { error: 'Format : valeur inconnue' }).default('actualite'),
      sectionId: id('Rubrique'),
      seriesId: id('Série')
        .nullish()
        .transform((v) => v ?? null),
      kicker: text(ARTICLE_LIMITS.kicker, 'Surtitre').default(''),
      headline: text(ARTICLE_LIMITS.headline, 'Titre').min(1, { error: 'Titre : obligatoire' }),
      slug: z
        .string({ error: 'Adresse : texte attendu' })
        .trim()
        .refine((v) => v === '' || isValidSlug(v), {
          error: `Adresse : lettres minuscules sans accents, chiffres et tirets, ${SLUG_MAX_LENGTH} caractères au plus`,
        })
        .nullish()
        .transform((v) => (v ? v : null)),
      lead: text(ARTICLE_LIMITS.lead, 'Chapô').default(''),
      body: bodySchema,
      heroImageId: id('Image principale')
        .nullish()
        .transform((v) => v ?? null),
      authorPersonIds: z
        .array(id('Auteur'), { error: 'Auteurs : liste attendue' })
        .max(ARTICLE_LIMITS.authors, { error: `Auteurs : ${ARTICLE_LIMITS.authors} au plus` })
        .refine((ids) => new Set(ids).size === ids.length, { error: 'Auteurs : une même personne figure deux fois' })
        .optional(),
      tags: z
        .array(text(ARTICLE_LIMITS.tagName, 'Mot-clé').min(1, { error: 'Mot-clé : vide' }), { error: 'Mots-clés : liste attendue' })
        .max(ARTICLE_LIMITS.tags, { error: `Mots-clés : ${ARTICLE_LIMITS.tags} au plus` })
        .default([]),
      source: sourceSchema,
      corrections: z
        .array(correctionSchema, { error: 'Corrections : liste attendue' })
        .max(ARTICLE_LIMITS.corrections, { error: `Corrections : ${ARTICLE_LIMITS.corrections} au plus` })
        .default([]),
      seoTitle: optionalText(ARTICLE_LIMITS.seoTitle, 'Titre pour les moteurs de recherche'),
      seoDescription: optionalText(ARTICLE_LIMITS.seoDescription, 'Description pour les moteurs de recherche'),
      commentsSetting: z.enum(COMMENTS_SETTINGS, { error: 'Commentaires : valeur inconnue' }).default('inherit'),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Champ inconnu : ${issue.keys.join(', ')}` : 'Article : objet attendu') },
  )
  .superRefine((input, ctx) => {
    // A curated pick exists to point at another outlet's story: it must say which and link to it.
    if (input.format === 'pepite') {
      if (!input.source?.outlet)
        ctx.addIssue({ code: 'custom', path: ['source', 'outlet'], message: 'Une pépite doit nommer le média source' });
      if (!input.source?.url)
        ctx.addIssue({ code: 'custom', path: ['source', 'url'], message: 'Une pépite doit donner l’adresse de l’article source' });
    }
  });

/** A validated article, as operations store it. */
export type ArticleInput = z.infer<typeof articleInputSchema>;
/** What callers may send (defaults not yet applied). */
export type ArticleInputData = z.input<typeof articleInputSchema>;

/** Validates article input; throws AppError 'validation_failed' (422) listing every problem by field. */
export function parseArticleInput(data: unknown): ArticleInput {
  const result = articleInputSchema.safeParse(data);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message:
      issue.code === 'invalid_type' && issue.input === undefined ? `${fieldLabel(issue.path.join('.'))} : obligatoire` : issue.message,
  }));
  throw validationError('L’article n’a pas été enregistré', issues);
}

/** A 422 AppError whose message lists every problem in French and whose details carry them by field. */
export function validationError(intro: string, issues: FieldIssue[]): AppError {
  const list = issues.map((i) => i.message).join(' ; ');
  return new AppError('validation_failed', 422, `${intro} : ${list}.`, { details: issues });
}

const FIELD_LABELS: Record<string, string> = {
  format: 'Format',
  sectionId: 'Rubrique',
  headline: 'Titre',
  kicker: 'Surtitre',
  lead: 'Chapô',
  body: 'Corps',
  heroImageId: 'Image principale',
  authorPersonIds: 'Auteurs',
  tags: 'Mots-clés',
  slug: 'Adresse',
};

function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? path;
}

/** The stored state publishing looks at. */
export interface PublishableState {
  format: ArticleFormat;
  headline: string;
  sectionExists: boolean;
  authorCount: number;
  heroImage: { alt: string; credit: string } | null;
  heroImageId: number | null;
  sourceOutlet: string | null;
  sourceUrl: string | null;
  /** A video article whose hosted video has no captions yet (src/podcasts/video-repository.ts). */
  hostedVideoWithoutCaptions?: boolean;
}

/** What is still missing before an article may go public (empty when it may). */
export function publishProblems(state: PublishableState): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!state.headline.trim()) issues.push({ path: 'headline', message: 'un titre' });
  if (!state.sectionExists) issues.push({ path: 'sectionId', message: 'une rubrique' });
  if (state.authorCount === 0) issues.push({ path: 'authorPersonIds', message: 'au moins un auteur' });
  if (state.heroImageId === null || !state.heroImage) {
    // A dépêche is a short wire item: it may go out without a picture (its photos, if any, are credited links).
    if (state.format !== 'depeche') issues.push({ path: 'heroImageId', message: 'une image principale' });
  } else {
    if (!state.heroImage.credit.trim()) issues.push({ path: 'heroImageId.credit', message: 'le crédit de l’image principale' });
    if (!state.heroImage.alt.trim()) issues.push({ path: 'heroImageId.alt', message: 'le texte alternatif de l’image principale' });
  }
  if (state.format === 'pepite') {
    if (!state.sourceOutlet?.trim()) issues.push({ path: 'source.outlet', message: 'le média source (pépite)' });
    if (!state.sourceUrl?.trim()) issues.push({ path: 'source.url', message: 'l’adresse de l’article source (pépite)' });
  }
  // RGAA: a video we host is published with its captions.
  if (state.format === 'video' && state.hostedVideoWithoutCaptions) {
    issues.push({
      path: 'video.captions',
      message: 'les sous-titres de la vidéo (fichier WebVTT, obligatoires pour une vidéo hébergée sur le site)',
    });
  }
  return issues;
}

/** The 422 error for an article that cannot be published yet: "Pour publier, il manque : …". */
export function notPublishableError(issues: FieldIssue[]): AppError {
  return validationError('Pour publier, il manque', issues);
}
