import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { listMediaFiles } from '../media/media-file-repository.ts';
import { registerArticleFacetScreen } from './article-facet-routes.ts';
import { renderEpisodeForm } from './episode-admin-view.ts';
import { type EpisodeValues, episodeValues, getEpisode, saveEpisode } from './episode-operations.ts';
import { listShows } from './show-repository.ts';

/**
 * GET POST /admin/articles/:id/episode: the podcast fields of an article of format podcast (the
 * guarantees are those of registerArticleFacetScreen; bad chapters or transcript → 422).
 */
export function episodeAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerArticleFacetScreen<EpisodeValues>(app, ctx, {
    segment: 'episode',
    fields: ['showId', 'audioFileId', 'season', 'episodeNumber', 'episodeType', 'chapters', 'transcript'],
    savedNotice: 'Épisode enregistré : sa page et le flux du podcast sont à jour.',
    titlePrefix: 'Épisode',
    load: async (context, articleId) => episodeValues(await getEpisode(context.db, articleId)),
    save: saveEpisode,
    render: async (context, form) => {
      const [shows, sounds] = await Promise.all([listShows(context.db), listMediaFiles(context.db, { kind: 'audio', perPage: 200 })]);
      return renderEpisodeForm({ ...form, shows, sounds: sounds.items });
    },
  });
}
