import type { TaggedMemo } from '../core/cache/tagged-memo.ts';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';
import type { ArticleFormat, CommentsSetting, PersonKind } from '../core/db/schema.ts';
import type { ImageRecord } from '../images/image-types.ts';
import type { BodyDoc } from './body/body-schema.ts';
import type { StoredBody } from './body/stored-body.ts';
import { articleRows, assembleFullArticle } from './full-article.ts';
import { isPublic, isPublicNow } from './published.ts';
import { type ArticleTeaser, hydrateTeaserLists, linkWalk, listTeaserRows, selectTeaserRows, type TeaserRow } from './teaser-repository.ts';

/** An author of an article, in byline order. */
export interface ArticleAuthor {
  id: number;
  slug: string;
  name: string;
  kind: PersonKind;
  roleLine: string;
  photo: ImageRecord | null;
}

export interface ArticleTag {
  id: number;
  slug: string;
  name: string;
}

/** A dated correction note. */
export interface ArticleCorrection {
  id: number;
  notedAt: string;
  text: string;
}

export interface ArticleSeries {
  id: number;
  slug: string;
  title: string;
  cadence: string;
}

/** The other outlet a curated pick (or a sourced article) is based on. */
export interface ArticleSource {
  outlet: string;
  url: string | null;
  headline: string | null;
}

/** Everything the article page shows. */
export interface FullArticle {
  id: number;
  slug: string;
  format: ArticleFormat;
  kicker: string;
  headline: string;
  lead: string;
  body: BodyDoc;
  /** The body as stored for the public page (images as placeholders), when read with the site's origin. */
  storedBody: StoredBody | null;
  /** Words of the body text, for the reading time and structured data. */
  wordCount: number;
  section: { id: number; slug: string; name: string };
  series: ArticleSeries | null;
  authors: ArticleAuthor[];
  tags: ArticleTag[];
  corrections: ArticleCorrection[];
  heroImage: ImageRecord | null;
  /** Images the body shows, by id. */
  bodyImages: Map<number, ImageRecord>;
  source: ArticleSource | null;
  publishedAt: string;
  updatedAt: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  commentsSetting: CommentsSetting;
}

/** The answer for a slug: the public article, a withdrawn one (410), or nothing public (404). */
export type ArticleLookup = { kind: 'found'; article: FullArticle } | { kind: 'gone' } | { kind: 'missing' };

/** Where an old slug leads: the article's current path, a withdrawn article, or nowhere. */
export type RedirectLookup = { kind: 'redirect'; sectionSlug: string; slug: string } | { kind: 'gone' } | { kind: 'missing' };

/**
 * The article with this slug as the public sees it: only published articles whose time has come
 * are found; an unpublished (withdrawn) one is "gone"; drafts and scheduled ones do not exist.
 * With the site's origin, its body comes rendered (FullArticle.storedBody).
 */
export async function findArticleBySlug(
  db: Db,
  slug: string,
  now: string = new Date().toISOString(),
  siteOrigin?: string,
  memo?: TaggedMemo,
): Promise<ArticleLookup> {
  const [row] = await executeReusable(db, 'article:by-slug', { slug }, (value) =>
    articleRows(db).where('articles.slug', '=', value('slug')),
  );
  if (!row) return { kind: 'missing' };
  if (row.status === 'unpublished') return { kind: 'gone' };
  if (!isPublicNow(row, now) || row.published_at === null) return { kind: 'missing' };

  return { kind: 'found', article: await assembleFullArticle(db, row, row.published_at, { siteOrigin, memo }) };
}

/** The article with this id in whatever state, as its public page would show it (previews); undefined if missing. */
export async function findArticleInAnyState(db: Db, id: number): Promise<FullArticle | undefined> {
  const row = await articleRows(db).where('articles.id', '=', id).executeTakeFirst();
  return row ? assembleFullArticle(db, row) : undefined;
}

/** Where an old slug (kept in slug_redirects when an article was renamed) leads now. */
export async function findRedirect(db: Db, oldSlug: string, now: string = new Date().toISOString()): Promise<RedirectLookup> {
  const row = await db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'articles.status', 'articles.published_at', 'sections.slug as section_slug'])
    .where('slug_redirects.old_slug', '=', oldSlug)
    .executeTakeFirst();
  if (!row) return { kind: 'missing' };
  if (row.status === 'unpublished') return { kind: 'gone' };
  if (!isPublicNow(row, now)) return { kind: 'missing' };
  return { kind: 'redirect', sectionSlug: row.section_slug, slug: row.slug };
}

/** Newest public articles looked at per tag for the related articles: bounds the work on an archive. */
const RELATED_CANDIDATES_PER_TAG = 40;

/**
 * Up to `limit` public articles to read next, as teasers: among the newest articles of each of its
 * tags (a bounded candidate set read from the tags' index), those sharing the most tags first
 * (newest first among equals), then the latest of the same section.
 */
export async function relatedTeasers(
  db: Db,
  article: Pick<FullArticle, 'id' | 'section' | 'tags'>,
  limit = 4,
  now: string = new Date().toISOString(),
  /** The app's memo: teasers kept since their last change are taken as they are. */
  memo?: TaggedMemo,
): Promise<ArticleTeaser[]> {
  let rows: TeaserRow[] = [];
  if (article.tags.length > 0) {
    // One statement: the per-tag walks (a UNION ALL), ranked by shared tags, and the winners' teaser
    // rows; built once per number of tags (executeReusable), the ids and time bound on each call.
    const values: Record<string, unknown> = { now, article: article.id, limit };
    for (const [i, tag] of article.tags.entries()) values[`tag${i}`] = tag.id;
    rows = await executeReusable(db, `related:${article.tags.length}`, values, (value) => {
      const [first, ...others] = article.tags.map((_, i) => {
        // The tag's public articles from its link index alone, no article row (as a tag's listing).
        const walk = linkWalk(db, 'tagId', value(`tag${i}`), value('now'));
        return db
          .selectFrom(
            walk.query
              .select([walk.id.as('id'), walk.publishedAt.as('public_at')])
              .where(walk.id, '!=', value('article'))
              .orderBy(walk.publishedAt, 'desc')
              .orderBy(walk.id, 'desc')
              .limit(RELATED_CANDIDATES_PER_TAG)
              .as(`tag_${i}`),
          )
          .select(['id', 'public_at']);
      });
      const candidates = others.reduce((union, next) => union.unionAll(next), first);
      const ranked = db
        .selectFrom(candidates.as('candidate'))
        .select((eb) => ['candidate.id', eb.fn.countAll<number>().as('shared'), eb.fn.max('candidate.public_at').as('at')])
        .groupBy('candidate.id')
        .orderBy('shared', 'desc')
        .orderBy('at', 'desc')
        .orderBy('candidate.id', 'desc')
        .limit(value('limit'));
      return selectTeaserRows(
        db
          .selectFrom(ranked.as('ranked'))
          .innerJoin('articles', 'articles.id', 'ranked.id')
          .where((eb) => isPublic(eb as never, value('now'))),
      )
        .orderBy('ranked.shared', 'desc')
        .orderBy('ranked.at', 'desc')
        .orderBy('ranked.id', 'desc');
    });
  }
  if (rows.length < limit) {
    const sameSection = await listTeaserRows(
      db,
      { sectionId: article.section.id, excludeIds: [article.id, ...rows.map((r) => r.id)] },
      { limit: limit - rows.length },
      now,
    );
    rows = [...rows, ...sameSection];
  }
  const [teasers] = await hydrateTeaserLists(db, [rows], memo);
  return teasers ?? [];
}
