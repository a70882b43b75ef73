import { z } from 'zod';
import type { Actor } from '../../accounts/policy.ts';
import { bodyDocSchema } from '../../articles/body/body-schema.ts';
import { ARTICLE_FORMATS, COMMENTS_SETTINGS } from '../../articles/operations/article-input.ts';
import { ARTICLE_STATUSES } from '../../articles/operations/article-status.ts';
import { type ArticleState, inputOf, loadArticleState, policySubject } from '../../articles/operations/article-store.ts';
import { canSeeArticle } from '../../articles/visibility.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/app-error.ts';
import { textId } from '../../core/input/ids.ts';
import { findSectionById } from '../../sections/section-repository.ts';
import { pageQuerySchema } from '../catalogue/catalogue-schemas.ts';

// How the API shows articles: the same fields it accepts (so GET → edit → PUT round-trips),
// plus the workflow state. Reading is limited to what the actor may see in the back office; the
// list's SQL is in article-api-repository.ts.

/** Loads an article the actor may see in the back office (articles/visibility.ts); 404 otherwise (an article one may not see is not confirmed to exist). */
export async function loadReadableArticle(db: Db, actor: Actor, id: number): Promise<ArticleState> {
  const state = await loadArticleState(db, id);
  if (!canSeeArticle(actor, policySubject(state))) throw AppError.notFound('Cet article n’existe pas (ou plus).');
  return state;
}

/** The API's full view of an article. */
export async function articleView(db: Db, state: ArticleState) {
  const section = await findSectionById(db, state.row.section_id);
  const r = state.row;
  return {
    id: r.id,
    revision: r.revision,
    status: r.status,
    ...inputOf(state),
    createdAt: r.created_at,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    editedAt: r.edited_at,
    url: section ? `/${section.slug}/${r.slug}` : null,
  };
}

const articleFields = {
  id: z.int(),
  revision: z.int().describe('À renvoyer avec chaque modification (verrou optimiste).'),
  status: z.enum(ARTICLE_STATUSES),
  format: z.enum(ARTICLE_FORMATS),
  sectionId: z.int(),
  headline: z.string(),
  slug: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable().describe('Date « mis à jour » publique.'),
  editedAt: z.string().nullable(),
};

export const articleSummarySchema = z.object(articleFields);

export const articleOutputSchema = z.object({
  ...articleFields,
  seriesId: z.int().nullable(),
  kicker: z.string(),
  lead: z.string(),
  body: bodyDocSchema,
  heroImageId: z.int().nullable(),
  authorPersonIds: z.array(z.int()),
  tags: z.array(z.string()),
  source: z.object({ outlet: z.string(), url: z.string(), headline: z.string() }).nullable(),
  corrections: z.array(z.object({ notedAt: z.string().optional(), text: z.string() })),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  commentsSetting: z.enum(COMMENTS_SETTINGS),
  url: z.string().nullable().describe('Adresse publique (répond seulement une fois publié).'),
});

export const articleListQuerySchema = z.object({
  status: z.enum(ARTICLE_STATUSES, { error: `status : une valeur parmi ${ARTICLE_STATUSES.join(', ')}` }).optional(),
  format: z.enum(ARTICLE_FORMATS, { error: `format : une valeur parmi ${ARTICLE_FORMATS.join(', ')}` }).optional(),
  sectionId: textId('sectionId : identifiant attendu').optional(),
  authorPersonId: textId('authorPersonId : identifiant attendu').optional(),
  q: z.string().trim().max(200, { error: 'q : 200 caractères au plus' }).optional().describe('Fragment du titre.'),
  slug: z.string().trim().max(200).optional().describe('Adresse exacte.'),
  editedSince: z.iso.datetime({ offset: true, error: 'editedSince : date ISO 8601 attendue' }).optional(),
  ...pageQuerySchema.shape,
});

export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;
