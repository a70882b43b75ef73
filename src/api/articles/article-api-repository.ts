import { sql } from 'kysely';
import type { Actor } from '../../accounts/policy.ts';
import { visibleArticles } from '../../articles/visibility.ts';
import type { Db } from '../../core/db/database.ts';
import { matchesText } from '../../core/db/text-match.ts';
import type { ArticleListQuery } from './article-api-view.ts';

// The SQL of the API's article list. Which articles: the same rule as the back office and the
// API read (articles/visibility.ts), so the list never names an article that reading refuses.

/** Articles the actor may read, newest edit first, filtered and paginated. */
export async function listArticlesForApi(db: Db, actor: Actor, filters: ArticleListQuery) {
  let query = db.selectFrom('articles').where((eb) => visibleArticles(eb, actor));
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
