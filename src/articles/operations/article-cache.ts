import type { AppContext } from '../../core/app-context.ts';
import { isPublicNow } from '../published.ts';
import type { ArticleRow } from './article-store.ts';

/** What the public pages show of an article, before or after a change. */
export interface PublicFootprint {
  row: Pick<ArticleRow, 'id' | 'status' | 'published_at' | 'section_id' | 'series_id' | 'format'>;
  authorPersonIds: readonly number[];
  tagIds: readonly number[];
  dossierIds: readonly number[];
}

/**
 * The content tags of every cached page that shows the article: its own page, its section, each
 * author, each tag, its series, each dossier containing it, the home page; and the lists that
 * have no page of their own: its format's feed (`format:pepite`) and the sitemap of its month of
 * publication (`month:2026-11`, see publicationMonth).
 */
export function articleCacheTags(footprint: PublicFootprint): string[] {
  const { row } = footprint;
  return [
    `article:${row.id}`,
    `section:${row.section_id}`,
    ...footprint.authorPersonIds.map((id) => `person:${id}`),
    ...footprint.tagIds.map((id) => `tag:${id}`),
    ...(row.series_id === null ? [] : [`series:${row.series_id}`]),
    ...footprint.dossierIds.map((id) => `dossier:${id}`),
    `format:${row.format}`,
    ...(row.published_at === null ? [] : [`month:${publicationMonth(row.published_at)}`]),
    'home',
  ];
}

/** The month (UTC, "2026-11") an article's sitemap file is named after. */
export function publicationMonth(publishedAt: string): string {
  return publishedAt.slice(0, 7);
}

/**
 * Drops the cached pages an article change touches: when it was public before (withdrawn: a 410
 * replaces its page) or is public after, the pages of both its old and new places. A draft
 * saved while nobody sees it invalidates nothing. Call after the transaction committed, so no
 * request re-caches the old content in between.
 */
export function invalidateArticle(ctx: AppContext, before: PublicFootprint | null, after: PublicFootprint | null): number {
  const now = new Date().toISOString();
  const wasPublic = before !== null && isPublicNow(before.row, now);
  const isPublic = after !== null && isPublicNow(after.row, now);
  if (!wasPublic && !isPublic) return 0;
  const tags = new Set<string>();
  for (const footprint of [before, after]) if (footprint) for (const tag of articleCacheTags(footprint)) tags.add(tag);
  return ctx.pageCache.invalidate(tags);
}
