import type { Selectable } from 'kysely';
import { isPublic } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import type { PodcastShowTable } from '../core/db/schema.ts';

export type ShowRow = Selectable<PodcastShowTable>;

/** A platform where the show is listed, besides Apple Podcasts and Spotify. */
export interface ShowLink {
  label: string;
  url: string;
}

/** The show's other platforms, from its JSON column. */
export function otherLinks(show: ShowRow): ShowLink[] {
  try {
    const parsed: unknown = JSON.parse(show.other_links);
    return Array.isArray(parsed) ? (parsed as ShowLink[]) : [];
  } catch {
    return [];
  }
}

/** Every show by title, with its number of episodes (any state). */
export async function listShows(db: Db): Promise<(ShowRow & { episodeCount: number })[]> {
  const rows = await db
    .selectFrom('podcast_shows')
    .selectAll('podcast_shows')
    .select((eb) =>
      eb
        .selectFrom('podcast_episodes')
        .whereRef('podcast_episodes.show_id', '=', 'podcast_shows.id')
        .select(eb.fn.countAll<string | number>().as('n'))
        .as('episode_count'),
    )
    .orderBy('title')
    .execute();
  return rows.map(({ episode_count, ...show }) => ({ ...show, episodeCount: Number(episode_count ?? 0) }));
}

/** The show with this id, or undefined. */
export function getShow(db: Db, id: number): Promise<ShowRow | undefined> {
  return db.selectFrom('podcast_shows').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The show with this slug, or undefined. */
export function getShowBySlug(db: Db, slug: string): Promise<ShowRow | undefined> {
  return db.selectFrom('podcast_shows').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A published episode as the show page and the feed list it. */
export interface PublicEpisode {
  articleId: number;
  slug: string;
  sectionSlug: string;
  headline: string;
  lead: string;
  body: string;
  createdAt: string;
  publishedAt: string;
  updatedAt: string | null;
  heroImageId: number | null;
  season: number | null;
  episodeNumber: number | null;
  episodeType: 'full' | 'trailer' | 'bonus';
  chapters: string;
  transcript: string;
  audio: { fileKey: string; mime: string; bytes: number; durationSeconds: number | null } | null;
}

/** The published episodes of a show, newest first (at most `limit`). */
export async function publicEpisodes(db: Db, showId: number, now: string, limit = 300): Promise<PublicEpisode[]> {
  const rows = await db
    .selectFrom('podcast_episodes')
    .innerJoin('articles', 'articles.id', 'podcast_episodes.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media_files', 'media_files.id', 'podcast_episodes.audio_file_id')
    .select([
      'articles.id',
      'articles.slug',
      'sections.slug as section_slug',
      'articles.headline',
      'articles.lead',
      'articles.body',
      'articles.created_at',
      'articles.published_at',
      'articles.updated_at',
      'articles.hero_image_id',
      'podcast_episodes.season',
      'podcast_episodes.episode_number',
      'podcast_episodes.episode_type',
      'podcast_episodes.chapters',
      'podcast_episodes.transcript',
      'media_files.file_key',
      'media_files.mime',
      'media_files.bytes',
      'media_files.duration_seconds',
    ])
    .where('podcast_episodes.show_id', '=', showId)
    .where('articles.format', '=', 'podcast')
    .where((eb) => isPublic(eb, now))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    articleId: r.id,
    slug: r.slug,
    sectionSlug: r.section_slug,
    headline: r.headline,
    lead: r.lead,
    body: r.body,
    createdAt: r.created_at,
    publishedAt: r.published_at!,
    updatedAt: r.updated_at,
    heroImageId: r.hero_image_id,
    season: r.season,
    episodeNumber: r.episode_number,
    episodeType: r.episode_type,
    chapters: r.chapters,
    transcript: r.transcript,
    audio: r.file_key ? { fileKey: r.file_key, mime: r.mime!, bytes: Number(r.bytes), durationSeconds: r.duration_seconds } : null,
  }));
}
