import type { FullArticle } from '../articles/article-repository.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Chapter } from './chapters.ts';
import { type ArticleMediaParts, renderEpisodeSection } from './episode-section.ts';
import { getShow } from './show-repository.ts';
import type { Cue } from './timed-text.ts';

export type { ArticleMediaParts };

/**
 * The parts an article page adds for a podcast episode (player, chapters, transcript,
 * PodcastEpisode JSON-LD); null for any other article, or an episode without its sound yet.
 */
export async function loadArticleMedia(ctx: AppContext, article: FullArticle): Promise<ArticleMediaParts | null> {
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
