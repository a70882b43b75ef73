import type { Db } from '../core/db/database.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { isPublic } from '../articles/published.ts';

// All the SQL of the public Content API: published content only (articles/published.ts decides),
// in pages ordered by a key that never moves (keyset pagination), with their relations in one
// query per relation whatever the page size.

export interface ArticleFilters {
  section?: string;
  tag?: string;
  author?: string;
  format?: ArticleFormat;
  /** Only articles published before this key (the previous page's last). */
  after?: { publishedAt: string; id: number };
  limit: number;
}

export interface ContentArticleRow {
  id: number;
  slug: string;
  format: ArticleFormat;
  kicker: string;
  headline: string;
  lead: string;
  body: string;
  publishedAt: string;
  updatedAt: string | null;
  sectionId: number;
  sectionSlug: string;
  sectionName: string;
  heroImageId: number | null;
  sourceOutlet: string | null;
  sourceUrl: string | null;
}

export interface ArticleRelations {
  authors: Map<number, { id: number; slug: string; name: string }[]>;
  tags: Map<number, { id: number; slug: string; name: string }[]>;
  images: Map<number, ImageRecord>;
}

function articleQuery(db: Db, now: string) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.format',
      'articles.kicker',
      'articles.headline',
      'articles.lead',
      'articles.body',
      'articles.published_at as publishedAt',
      'articles.updated_at as updatedAt',
      'articles.section_id as sectionId',
      'sections.slug as sectionSlug',
      'sections.name as sectionName',
      'articles.hero_image_id as heroImageId',
      'articles.source_outlet as sourceOutlet',
      'articles.source_url as sourceUrl',
    ])
    .where((eb) => isPublic(eb, now));
}

/** One page of published articles, newest first; one more row than asked tells whether a next page exists. */
export async function listPublishedArticles(db: Db, filters: ArticleFilters, now: string): Promise<ContentArticleRow[]> {
  let query = articleQuery(db, now);
  if (filters.section) query = query.where('sections.slug', '=', filters.section);
  if (filters.format) query = query.where('articles.format', '=', filters.format);
  if (filters.tag) {
    const tag = filters.tag;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('tags.slug', '=', tag),
      ),
    );
  }
  if (filters.author) {
    const author = filters.author;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_authors')
          .innerJoin('people', 'people.id', 'article_authors.person_id')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('people.slug', '=', author),
      ),
    );
  }
  if (filters.after) {
    const { publishedAt, id } = filters.after;
    query = query.where((eb) =>
      eb.or([
        eb('articles.published_at', '<', publishedAt),
        eb.and([eb('articles.published_at', '=', publishedAt), eb('articles.id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(filters.limit + 1)
    .execute();
  return rows as ContentArticleRow[];
}

/** A published article by slug, or undefined. */
export async function findPublishedArticle(db: Db, slug: string, now: string): Promise<ContentArticleRow | undefined> {
  return (await articleQuery(db, now).where('articles.slug', '=', slug).executeTakeFirst()) as ContentArticleRow | undefined;
}

/** Authors, tags and hero images of a page of articles: three queries whatever its size. */
export async function loadRelations(db: Db, rows: ContentArticleRow[]): Promise<ArticleRelations> {
  const ids = rows.map((r) => r.id);
  const empty: ArticleRelations = { authors: new Map(), tags: new Map(), images: new Map() };
  if (ids.length === 0) return empty;
  const [authors, tags, images] = await Promise.all([
    db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_authors.article_id', 'people.id', 'people.slug', 'people.name'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.position')
      .execute(),
    getImagesByIds(
      db,
      rows.flatMap((r) => (r.heroImageId === null ? [] : [r.heroImageId])),
    ),
  ]);
  const group = <T extends { article_id: number }>(list: T[]) => {
    const map = new Map<number, Omit<T, 'article_id'>[]>();
    for (const { article_id, ...rest } of list) {
      const entry = map.get(article_id) ?? [];
      entry.push(rest);
      map.set(article_id, entry);
    }
    return map;
  };
  return { authors: group(authors), tags: group(tags), images };
}

/** Sections, in the navigation's order. */
export function listSections(db: Db) {
  return db.selectFrom('sections').select(['id', 'slug', 'name', 'description']).orderBy('position').orderBy('id').execute();
}

/** People who signed at least one published article. */
export function listAuthors(db: Db, now: string) {
  return db
    .selectFrom('people')
    .select(['id', 'slug', 'name', 'kind', 'role_line as roleLine', 'bio'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select('article_authors.article_id')
          .whereRef('article_authors.person_id', '=', 'people.id')
          .where((eb) => isPublic(eb, now)),
      ),
    )
    .orderBy('name')
    .execute();
}

/** Tags of at least one published article. */
export function listTags(db: Db, now: string) {
  return db
    .selectFrom('tags')
    .select(['id', 'slug', 'name'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_tags')
          .innerJoin('articles', 'articles.id', 'article_tags.article_id')
          .select('article_tags.article_id')
          .whereRef('article_tags.tag_id', '=', 'tags.id')
          .where((eb) => isPublic(eb, now)),
      ),
    )
    .orderBy('name')
    .execute();
}

/** Dossiers whose publication date has come. */
export function listDossiers(db: Db, now: string) {
  return db
    .selectFrom('dossiers')
    .select(['id', 'slug', 'title', 'introduction', 'published_at as publishedAt'])
    .where('published_at', 'is not', null)
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .execute();
}

export function listSeries(db: Db) {
  return db.selectFrom('series').select(['id', 'slug', 'title', 'description', 'cadence']).orderBy('title').execute();
}
