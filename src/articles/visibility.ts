import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { type Actor, can } from '../accounts/policy.ts';
import type { Database } from '../core/db/schema.ts';

// THE rule of who may see and edit an article in the back office, the API and the editor, in
// two forms that must agree: a predicate on a loaded article (opening one) and a SQL condition
// (listing them). Editors and administrators see every article; anyone else the articles they
// own (created them, or signed by their author profile) and, with `article:edit-shared`
// (journalists), those shared with them. A list never shows what opening would refuse.
// What the public sees is another rule: ./published.ts.

/** What the rule looks at of an article. */
export interface ArticleAccessSubject {
  createdByUserId: number | null;
  authorPersonIds: readonly number[];
  sharedWithUserIds: readonly number[];
}

/** True when the article is the actor's own: they created it, or their author profile signs it. */
export function ownsArticle(actor: Actor, article: ArticleAccessSubject): boolean {
  if (actor.userId === null) return false;
  return article.createdByUserId === actor.userId || (actor.personId !== null && article.authorPersonIds.includes(actor.personId));
}

/** True when the article is shared with the actor and their role lets them work on shared pieces. */
function sharedWithActor(actor: Actor, article: ArticleAccessSubject): boolean {
  return actor.userId !== null && can(actor, 'article:edit-shared') && article.sharedWithUserIds.includes(actor.userId);
}

/** True when the actor may see (open, list, read through the API) the article. */
export function canSeeArticle(actor: Actor, article: ArticleAccessSubject): boolean {
  return can(actor, 'article:edit-any') || ownsArticle(actor, article) || sharedWithActor(actor, article);
}

/** True when the actor may change the article now: any (editors); own or shared ones while they are drafts or submitted. */
export function canEditArticle(actor: Actor, article: ArticleAccessSubject & { status: string }): boolean {
  if (can(actor, 'article:edit-any')) return true;
  // Writers edit their pieces until an editor has taken them (ready, scheduled, published).
  if (article.status !== 'draft' && article.status !== 'submitted') return false;
  return (ownsArticle(actor, article) && can(actor, 'article:edit-own')) || sharedWithActor(actor, article);
}

type ArticlesEb = ExpressionBuilder<Database, 'articles'>;

/**
 * SQL: ids of the actor's own pieces (created by them or signed by their profile) and, with
 * `shared`, those shared with them: one set read from three indexes, rather than an OR of
 * sub-queries that makes a list walk every piece of the archive to find a few.
 */
export function ownArticleIds(eb: ExpressionBuilder<Database, keyof Database>, actor: Actor, options: { shared: boolean }) {
  const userId = actor.userId ?? -1;
  let own = eb.selectFrom('articles as own').select('own.id as article_id').where('own.created_by_user_id', '=', userId);
  if (actor.personId !== null) {
    const personId = actor.personId;
    own = own.union(
      eb.selectFrom('article_authors').select('article_authors.article_id').where('article_authors.person_id', '=', personId),
    );
  }
  if (options.shared) {
    own = own.union(eb.selectFrom('article_shares').select('article_shares.article_id').where('article_shares.user_id', '=', userId));
  }
  return own;
}

/** SQL: the article (table `articles`) is the actor's own, as ownsArticle decides. */
export function ownArticles(eb: ArticlesEb, actor: Actor): Expression<SqlBool> {
  if (actor.userId === null) return eb.lit(false);
  return eb('articles.id', 'in', ownArticleIds(eb as never, actor, { shared: false }));
}

/** SQL: the actor may see the article (table `articles`), as canSeeArticle decides. */
export function visibleArticles(eb: ArticlesEb, actor: Actor): Expression<SqlBool> {
  if (can(actor, 'article:edit-any')) return eb.lit(true);
  if (actor.userId === null) return eb.lit(false);
  return eb('articles.id', 'in', ownArticleIds(eb as never, actor, { shared: can(actor, 'article:edit-shared') }));
}
