import type { FullArticle } from '../articles/article-repository.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Chapter } from './chapters.ts';
import { type ArticleMediaParts, renderEpisodeSection } from './episode-section.ts';
import { getImageById } from '../images/image-repository.ts';
import { getMediaFileById } from '../media/media-file-repository.ts';
import { getShow } from './show-repository.ts';
import { renderVideoSection } from './video-section.ts';
import { getVideo } from './video-repository.ts';
import type { Cue } from './timed-text.ts';

export type { ArticleMediaParts };

/**
 * The parts an article page adds for its format: a podcast episode (player, chapters, transcript,
 * PodcastEpisode JSON-LD) or a video (hosted with captions, or an embed; VideoObject JSON-LD);
 * null for any other article, or one whose sound or video is not attached yet.
 */
export async function loadArticleMedia(ctx: AppContext, article: FullArticle): Promise<ArticleMediaParts | null> {
  if (article.format === 'video') return loadVideo(ctx, article);
  if (article.format !== 'podcast') return null;
  const row = await ctx.db
    .selectFrom('podcast_episodes')
    .innerJoin('media_files', 'media_files.id', 'podcast_episodes.audio_file_id')
    .select([
      'podcast_episodes.show_id',
      'podcast_episodes.season',
      'podcast_episodes.episode_number',
      'podcast_episodes.episode_type',
      'podcast_episodes.chapters',
      'podcast_episodes.transcript',
      'media_files.file_key',
      'media_files.mime',
      'media_files.bytes',
      'media_files.duration_seconds',
      'media_files.title',
    ])
    .where('podcast_episodes.article_id', '=', article.id)
    .executeTakeFirst();
  if (!row) return null;
  const show = await getShow(ctx.db, row.show_id);
  if (!show) return null;
  return renderEpisodeSection(ctx, {
    articleId: article.id,
    headline: article.headline,
    description: article.lead,
    url: ctx.config.publicUrl + articlePath({ sectionSlug: article.section.slug, slug: article.slug }),
    publishedAt: article.publishedAt,
    show,
    season: row.season,
    episodeNumber: row.episode_number,
    episodeType: row.episode_type,
    chapters: JSON.parse(row.chapters) as Chapter[],
    transcript: JSON.parse(row.transcript) as Cue[],
    audio: { fileKey: row.file_key, mime: row.mime, bytes: Number(row.bytes), durationSeconds: row.duration_seconds, title: row.title },
  });
}

async function loadVideo(ctx: AppContext, article: FullArticle): Promise<ArticleMediaParts | null> {
  const row = await getVideo(ctx.db, article.id);
  if (!row) return null;
  const [file, poster] = await Promise.all([
    row.video_file_id === null ? undefined : getMediaFileById(ctx.db, row.video_file_id),
    row.poster_image_id === null ? undefined : getImageById(ctx.db, row.poster_image_id),
  ]);
  return renderVideoSection(ctx, article, {
    row,
    file: file ? { fileKey: file.file_key, mime: file.mime, durationSeconds: file.duration_seconds, credit: file.credit } : null,
    poster: poster ?? null,
  });
}
