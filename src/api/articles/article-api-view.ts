import { sql } from 'kysely';
import { z } from 'zod';
import { can, type Actor } from '../../accounts/policy.ts';
import { canViewArticle } from '../../articles/operations/article-for-edit.ts';
import { ARTICLE_FORMATS, COMMENTS_SETTINGS } from '../../articles/operations/article-input.ts';
import { ARTICLE_STATUSES } from '../../articles/operations/article-status.ts';
import { type ArticleState, inputOf, loadArticleState } from '../../articles/operations/article-store.ts';
import type { Db } from '../../core/db/database.ts';
import { matchesText } from '../../core/db/text-match.ts';
import { AppError } from '../../core/http/app-error.ts';

// How the API shows articles: the same fields it accepts (so GET → edit → PUT round-trips),
// plus the workflow state. Reading is limited to what the actor may see in the back office.

/** Loads an article the actor may see in the back office (canViewArticle); 404 otherwise (an article one may not see is not confirmed to exist). */
export async function loadReadableArticle(db: Db, actor: Actor, id: number): Promise<ArticleState> {
  const state = await loadArticleState(db, id);
  if (!canViewArticle(actor, state)) throw AppError.notFound('Cet article n’existe pas (ou plus).');
  return state;
}

/** The API's full view of an article. */
export async function articleView(db: Db, state: ArticleState) {
  const section = await db.selectFrom('sections').select('slug').where('id', '=', state.row.section_id).executeTakeFirst();
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
  body: z.object({ type: z.literal('doc'), content: z.array(z.unknown()) }).describe('Document Tiptap/ProseMirror.'),
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
  sectionId: z.coerce.number({ error: 'sectionId : nombre attendu' }).int().positive().optional(),
  authorPersonId: z.coerce.number({ error: 'authorPersonId : nombre attendu' }).int().positive().optional(),
  q: z.string().trim().max(200, { error: 'q : 200 caractères au plus' }).optional().describe('Fragment du titre.'),
  slug: z.string().trim().max(200).optional().describe('Adresse exacte.'),
  editedSince: z.iso.datetime({ offset: true, error: 'editedSince : date ISO 8601 attendue' }).optional(),
  page: z.coerce
    .number({ error: 'page : nombre attendu' })
    .int({ error: 'page : entier attendu' })
    .min(1, { error: 'page : 1 au moins' })
    .max(100_000)
    .default(1),
  perPage: z.coerce
    .number({ error: 'perPage : nombre attendu' })
    .int({ error: 'perPage : entier attendu' })
    .min(1, { error: 'perPage : 1 au moins' })
    .max(100, { error: 'perPage : 100 au plus' })
    .default(20),
});

export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

/** Articles the actor may read, newest edit first, filtered and paginated. */
export async function listArticlesForApi(db: Db, actor: Actor, filters: ArticleListQuery) {
  let query = db.selectFrom('articles');
  if (!can(actor, 'article:edit-any')) {
    const userId = actor.userId ?? -1;
    const personId = actor.personId ?? -1;
    query = query.where((eb) =>
      eb.or([
        eb('articles.created_by_user_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('article_authors')
            .select('article_authors.person_id')
            .whereRef('article_authors.article_id', '=', 'articles.id')
            .where('article_authors.person_id', '=', personId),
        ),
        eb.exists(
          eb
            .selectFrom('article_shares')
            .select('article_shares.user_id')
            .whereRef('article_shares.article_id', '=', 'articles.id')
            .where('article_shares.user_id', '=', userId),
        ),
      ]),
    );
  }
  if (filters.status) query = query.where('articles.status', '=', filters.status);
  if (filters.format) query = query.where('articles.format', '=', filters.format);
  if (filters.sectionId) query = query.where('articles.section_id', '=', filters.sectionId);
  if (filters.slug) query = query.where('articles.slug', '=', filters.slug);
  if (filters.editedSince) query = query.where('articles.edited_at', '>=', new Date(filters.editedSince).toISOString());
  if (filters.authorPersonId) {
    const personId = filters.authorPersonId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.person_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.person_id', '=', personId),
      ),
    );
  }
  if (filters.q) query = query.where(matchesText('articles.headline', filters.q));

  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select([
        'id',
        'revision',
        'status',
        'format',
        'section_id',
        'headline',
        'slug',
        'created_at',
        'published_at',
        'updated_at',
        'edited_at',
      ])
      .orderBy(sql`coalesce(articles.edited_at, articles.created_at)`, 'desc')
      .orderBy('articles.id', 'desc')
      .limit(filters.perPage)
      .offset((filters.page - 1) * filters.perPage)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      format: r.format,
      sectionId: r.section_id,
      headline: r.headline,
      slug: r.slug,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      editedAt: r.edited_at,
    })),
    page: filters.page,
    perPage: filters.perPage,
    total: Number(total),
  };
}
