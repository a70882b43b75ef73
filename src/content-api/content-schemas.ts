import { z } from 'zod';
import { ARTICLE_FORMATS } from '../articles/operations/article-input.ts';

// The parameters of the Content API, validated at the boundary and described in its OpenAPI document.

export const ARTICLE_FIELDS = [
  'id',
  'slug',
  'url',
  'format',
  'kicker',
  'headline',
  'lead',
  'section',
  'authors',
  'tags',
  'published_at',
  'updated_at',
  'hero_image',
  'source',
  'body',
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];
/** Fields of a list entry unless `fields` asks otherwise: everything but the body. */
export const LIST_FIELDS: ArticleField[] = ARTICLE_FIELDS.filter((f) => f !== 'body');

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant (slug) invalide')
  .max(120);
const cursorSchema = z
  .string()
  .max(200)
  .transform((value, issue) => {
    try {
      const parsed = z
        .object({ p: z.iso.datetime(), i: z.number().int().positive() })
        .parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
      return { publishedAt: parsed.p, id: parsed.i };
    } catch {
      issue.addIssue({ code: 'custom', message: 'curseur invalide : reprenez celui de meta.next_cursor' });
      return z.NEVER;
    }
  });

export const articlesQuerySchema = z.strictObject({
  key: z.string().optional().describe('La clé de l’API de contenu (ou l’en-tête X-Kiosque-Key).'),
  section: slug.optional().describe('Slug d’une rubrique.'),
  tag: slug.optional().describe('Slug d’un sujet.'),
  author: slug.optional().describe('Slug d’un auteur.'),
  format: z.enum(ARTICLE_FORMATS).optional().describe('Format d’article.'),
  limit: z.coerce.number().int().min(1).max(100).default(15).describe('Articles par page, 1 à 100.'),
  cursor: cursorSchema.optional().describe('La page suivante : meta.next_cursor de la réponse précédente.'),
  fields: z
    .string()
    .max(300)
    .transform((value, issue) => {
      const list = value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const unknown = list.filter((f) => !(ARTICLE_FIELDS as readonly string[]).includes(f));
      if (unknown.length)
        issue.addIssue({ code: 'custom', message: `champ inconnu : ${unknown.join(', ')} (champs : ${ARTICLE_FIELDS.join(', ')})` });
      return list as ArticleField[];
    })
    .optional()
    .describe(`Champs à renvoyer, séparés par des virgules, parmi : ${ARTICLE_FIELDS.join(', ')}.`),
});
export const keyOnlySchema = z.strictObject({ key: z.string().optional() });
export const slugParams = z.object({ slug });
