import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { ArticleStatus, Database } from '../core/db/schema.ts';

// THE rule of what the public sees: an article is public when it is published and its
// publication time has come (a scheduled one is not yet; a withdrawn one no longer). Every public
// query uses isPublic; code that holds a loaded article uses isPublicNow. Who may see an article
// in the back office is another rule: ./visibility.ts. The links to tags and authors carry the
// rule's copy (`public_at`: the article's published_at while it is published, null otherwise, kept
// by triggers, migration 20261209T0101), so a tag's or an author's public articles are read from
// the link's index alone: isPublicLink.

/** SQL: the article (table `articles`, possibly joined with others) is public at `nowIso`. */
export function isPublic<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB | 'articles'>, nowIso: string) {
  const articles = eb as unknown as ExpressionBuilder<Database, 'articles'>;
  return articles.and([articles('articles.status', '=', 'published'), articles('articles.published_at', '<=', nowIso)]);
}

/** The same rule for a loaded article: published, and its publication time reached. */
export function isPublicNow(row: { status: ArticleStatus; published_at: string | null }, now: string = new Date().toISOString()): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now;
}

/** Links whose `public_at` the triggers keep: a tag's articles, an author's. */
type PublicLink = 'article_tags' | 'article_authors' | 'tag_link' | 'author_link';

/** SQL: the same rule, read on a link's copy (`<link>.public_at`): its article is public at `nowIso`. */
export function isPublicLink(link: PublicLink, nowIso: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${link}.public_at`)} <= ${nowIso}`;
}
