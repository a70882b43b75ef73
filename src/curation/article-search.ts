import { isPublic, isPublicNow } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import { matchesText } from '../core/db/text-match.ts';
import type { ArticleStatus } from '../core/db/schema.ts';

/** An article as the curation screens list it: enough to recognise it and know if it is public. */
export interface ArticleChoice {
  id: number;
  headline: string;
  sectionName: string;
  status: ArticleStatus;
  publishedAt: string | null;
  /** Published and its time reached: what the public site shows. */
  isPublic: boolean;
}

interface ChoiceRow {
  id: number;
  headline: string;
  section_name: string;
  status: ArticleStatus;
  published_at: string | null;
}

function toChoice(row: ChoiceRow, now: string): ArticleChoice {
  return {
    id: row.id,
    headline: row.headline,
    sectionName: row.section_name,
    status: row.status,
    publishedAt: row.published_at,
    isPublic: isPublicNow(row, now),
  };
}

function choices(db: Db) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.headline', 'articles.status', 'articles.published_at', 'sections.name as section_name']);
}

/**
 * Published articles (public now) whose headline contains the words, newest first. Accents, case and
 * ligatures are folded on both engines; an empty query lists the latest ones.
 */
export async function searchPublishedArticles(
  db: Db,
  query: string,
  options: { limit?: number; excludeIds?: number[]; now?: string } = {},
): Promise<ArticleChoice[]> {
  const now = options.now ?? new Date().toISOString();
  let q = choices(db).where((eb) => isPublic(eb, now));
  const words = query.trim();
  if (words) q = q.where(matchesText('articles.headline', words));
  if (options.excludeIds?.length) q = q.where('articles.id', 'not in', options.excludeIds);
  const rows = await q
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(options.limit ?? 20)
    .execute();
  return rows.map((r) => toChoice(r, now));
}

/** The articles with these ids, in the order given (unknown ids are left out). */
export async function articleChoicesByIds(db: Db, ids: readonly number[], now = new Date().toISOString()): Promise<ArticleChoice[]> {
  if (ids.length === 0) return [];
  const rows = await choices(db)
    .where('articles.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toChoice(r, now)]));
  return ids.map((id) => byId.get(id)).filter((c): c is ArticleChoice => c !== undefined);
}
