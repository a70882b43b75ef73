import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { listMediaFiles } from '../media/media-file-repository.ts';
import { registerArticleFacetScreen } from './article-facet-routes.ts';
import { renderVideoForm } from './video-admin-view.ts';
import { saveVideo, type VideoValues, videoValues } from './video-operations.ts';
import { ffmpegAvailable } from './video-poster.ts';
import { getVideo } from './video-repository.ts';

/**
 * GET POST /admin/articles/:id/video: the video of an article of format video (the guarantees are
 * those of registerArticleFacetScreen).
 */
export function videoAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerArticleFacetScreen<VideoValues>(app, ctx, {
    segment: 'video',
    fields: ['videoFileId', 'embedUrl', 'channel', 'posterImageId', 'extractPoster', 'captions'],
    savedNotice: 'Vidéo enregistrée.',
    titlePrefix: 'Vidéo',
    load: async (context, articleId) => videoValues(await getVideo(context.db, articleId)),
    save: saveVideo,
    render: async (context, form) => {
      const videos = await listMediaFiles(context.db, { kind: 'video', perPage: 200 });
      return renderVideoForm({ ...form, videos: videos.items, ffmpeg: ffmpegAvailable() });
    },
  });
}
