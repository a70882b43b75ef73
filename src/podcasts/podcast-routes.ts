import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseId } from '../core/input/ids.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { isValidSlug } from '../core/text/slug.ts';
import { getImageById } from '../images/image-repository.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { type Chapter, chaptersJson } from './chapters.ts';
import { renderPodcastFeed } from './podcast-feed.ts';
import { showTag } from './show-operations.ts';
import { renderShowPage } from './show-page.ts';
import { getShowBySlug, type PublicEpisode, publicEpisodes, type ShowRow } from './show-repository.ts';
import { type Cue, cuesToWebVtt } from './timed-text.ts';

const NOT_FOUND = 'Ce podcast est introuvable.';

async function showFrom(ctx: AppContext, slug: string): Promise<ShowRow> {
  const show = isValidSlug(slug) ? await getShowBySlug(ctx.db, slug) : undefined;
  if (!show) throw AppError.notFound(NOT_FOUND);
  return show;
}

async function episodeFrom(ctx: AppContext, show: ShowRow, id: string): Promise<PublicEpisode> {
  const articleId = parseId(id);
  const episode =
    articleId === null
      ? undefined
      : (await publicEpisodes(ctx.db, show.id, new Date().toISOString())).find((e) => e.articleId === articleId);
  if (!episode) throw AppError.notFound('Cet épisode est introuvable.');
  return episode;
}

type ShowRequest = FastifyRequest<{ Params: { slug: string } }>;
type EpisodeRequest = FastifyRequest<{ Params: { slug: string; episode: string } }>;

/**
 * GET /podcast/:slug                                 the show's page: subscribe links, episodes
 * GET /podcast/:slug/feed.xml                        its podcast feed (Apple, Podcasting 2.0)
 * GET /podcast/:slug/:episode/chapitres.json         an episode's JSON chapters (podcast:chapters)
 * GET /podcast/:slug/:episode/transcription.vtt      an episode's transcript (podcast:transcript)
 * Public, cached like pages and tagged with the show and its episodes.
 */
export function podcastRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/podcast/:slug', async (request: ShowRequest, reply) => {
    const show = await showFrom(ctx, request.params.slug);
    const now = new Date().toISOString();
    const [chrome, cover, episodes] = await Promise.all([
      loadSiteChrome(ctx.db),
      show.cover_image_id === null ? undefined : getImageById(ctx.db, show.cover_image_id),
      publicEpisodes(ctx.db, show.id, now),
    ]);
    ctx.pages.send(request, reply, renderShowPage(ctx, chrome, show, cover ?? null, episodes));
    return reply;
  });

  app.get('/podcast/:slug/feed.xml', async (request: ShowRequest, reply) => {
    const show = await showFrom(ctx, request.params.slug);
    const now = new Date().toISOString();
    const [chrome, cover, episodes] = await Promise.all([
      loadSiteChrome(ctx.db),
      show.cover_image_id === null ? undefined : getImageById(ctx.db, show.cover_image_id),
      publicEpisodes(ctx.db, show.id, now),
    ]);
    const updatedAt = [show.updated_at, ...episodes.map((e) => e.updatedAt ?? e.publishedAt)].sort().at(-1)!;
    const xml = renderPodcastFeed({
      publicUrl: ctx.config.publicUrl,
      publicationName: chrome.settings.name,
      show,
      cover: cover ?? null,
      episodes,
      updatedAt,
    });
    ctx.pages.send(request, reply, {
      html: xml,
      contentType: 'application/rss+xml; charset=utf-8',
      lastModified: updatedAt,
      tags: [showTag(show.id), 'format:podcast', 'site', ...episodes.map((e) => `article:${e.articleId}`)],
    });
    return reply;
  });

  const sendEpisodeFile = async (request: EpisodeRequest, reply: FastifyReply, kind: 'chapters' | 'transcript') => {
    const show = await showFrom(ctx, request.params.slug);
    const episode = await episodeFrom(ctx, show, request.params.episode);
    const body =
      kind === 'chapters'
        ? chaptersJson(JSON.parse(episode.chapters) as Chapter[], episode.headline)
        : cuesToWebVtt(JSON.parse(episode.transcript) as Cue[]);
    ctx.pages.send(request, reply, {
      html: body,
      contentType: kind === 'chapters' ? 'application/json+chapters; charset=utf-8' : 'text/vtt; charset=utf-8',
      tags: [showTag(show.id), `article:${episode.articleId}`],
    });
    return reply;
  };
  app.get('/podcast/:slug/:episode/chapitres.json', (request: EpisodeRequest, reply) => sendEpisodeFile(request, reply, 'chapters'));
  app.get('/podcast/:slug/:episode/transcription.vtt', (request: EpisodeRequest, reply) => sendEpisodeFile(request, reply, 'transcript'));
}
