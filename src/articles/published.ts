import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../core/db/schema.ts';

/** The condition every public query uses: published, and its publication time reached. */
export function isPublic(eb: ExpressionBuilder<Database, 'articles'>, nowIso: string) {
  return eb.and([eb('articles.status', '=', 'published'), eb('articles.published_at', '<=', nowIso)]);
}
