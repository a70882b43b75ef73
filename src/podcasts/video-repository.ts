import type { Selectable } from 'kysely';
import { isPublic } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import type { ArticleVideoTable } from '../core/db/schema.ts';

export type VideoRow = Selectable<ArticleVideoTable>;

/** The video fields of an article, or undefined. */
export function getVideo(db: Db, articleId: number): Promise<VideoRow | undefined> {
  return db.selectFrom('article_videos').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

/** True when the article holds a hosted video without captions (publishing is then refused: RGAA). */
export async function hostedVideoLacksCaptions(db: Db, articleId: number): Promise<boolean> {
  const row = await db
    .selectFrom('article_videos')
    .select(['video_file_id', 'captions'])
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row !== undefined && row.video_file_id !== null && row.captions === '[]';
}

/** A public video article as the video sitemap lists it. */
export interface SitemapVideo {
  id: number;
  sectionSlug: string;
  slug: string;
  headline: string;
  lead: string;
  publishedAt: string;
  updatedAt: string | null;
  posterImageId: number | null;
  heroImageId: number | null;
  embedProvider: VideoRow['embed_provider'];
  embedId: string | null;
  video: { fileKey: string; durationSeconds: number | null } | null;
}

/** Public video articles with their video fields, newest first (at most `limit`). */
export async function listPublicVideos(db: Db, now: string, limit: number): Promise<SitemapVideo[]> {
  const rows = await db
    .selectFrom('article_videos')
    .innerJoin('articles', 'articles.id', 'article_videos.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media_files', 'media_files.id', 'article_videos.video_file_id')
    .select([
      'articles.id',
      'articles.slug',
      'sections.slug as section_slug',
      'articles.headline',
      'articles.lead',
      'articles.published_at',
      'articles.updated_at',
      'articles.hero_image_id',
      'article_videos.poster_image_id',
      'article_videos.embed_provider',
      'article_videos.embed_id',
      'media_files.file_key',
      'media_files.duration_seconds',
    ])
    .where('articles.format', '=', 'video')
    .where((eb) => isPublic(eb, now))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sectionSlug: r.section_slug,
    slug: r.slug,
    headline: r.headline,
    lead: r.lead,
    publishedAt: r.published_at!,
    updatedAt: r.updated_at,
    posterImageId: r.poster_image_id,
    heroImageId: r.hero_image_id,
    embedProvider: r.embed_provider,
    embedId: r.embed_id,
    video: r.file_key ? { fileKey: r.file_key, durationSeconds: r.duration_seconds } : null,
  }));
}
