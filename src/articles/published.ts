import type { ExpressionBuilder } from 'kysely';
import type { ArticleStatus, Database } from '../core/db/schema.ts';

// THE rule of what the public sees: an article is public when it is published and its
// publication time has come (a scheduled one is not yet; a withdrawn one no longer). Every public
// query uses isPublic; code that holds a loaded article uses isPublicNow. Who may see an article
// in the back office is another rule: ./visibility.ts.

/** SQL: the article (table `articles`, possibly joined with others) is public at `nowIso`. */
export function isPublic<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB | 'articles'>, nowIso: string) {
  const articles = eb as unknown as ExpressionBuilder<Database, 'articles'>;
  return articles.and([articles('articles.status', '=', 'published'), articles('articles.published_at', '<=', nowIso)]);
}

/** The same rule for a loaded article: published, and its publication time reached. */
export function isPublicNow(row: { status: ArticleStatus; published_at: string | null }, now: string = new Date().toISOString()): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now;
}
