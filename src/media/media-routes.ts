import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { listImages } from '../images/image-admin-repository.ts';
import { imageAdminRoutes } from './image-admin-routes.ts';
import { registerImageVariantsJob } from './image-variants-job.ts';
import { mediaFileAdminRoutes } from './media-file-admin-routes.ts';
import { listMediaFiles } from './media-file-repository.ts';
import { removeStaleUploads } from './media-file-store.ts';
import { mediaFileServingRoutes } from './media-file-serving.ts';
import { libraryQuerySchema } from './media-input.ts';
import { renderLibrary } from './media-library-view.ts';
import { type MediaLimits, mediaLimits } from './media-limits.ts';
import { sendMediaPage } from './media-page.ts';
import { renderUploadPage } from './media-upload-view.ts';
import { installUploadRateLimit } from './upload-rate-limit.ts';

const LIBRARY_NOTICES: Record<string, string> = {
  supprimee: 'Image supprimée.',
  supprime: 'Fichier supprimé.',
};

/**
 * The media library:
 *
 *   GET  /admin/medias                      library (?type=images|audio|video, ?q=, ?page=)
 *   GET  /admin/medias.json                 the editor's image picker (?q=, ?page=)
 *   GET  /admin/medias/nouveau              upload forms
 *   POST /admin/medias                      image upload (multipart; JSON for the editor's picker) image-admin-routes.ts
 *   GET  /admin/medias/:id, POST … (own images or media:edit), POST …/supprimer image-admin-routes.ts
 *   POST /admin/medias/fichiers             sound or video upload (multipart) media-file-admin-routes.ts
 *   GET  /admin/medias/fichiers/:id, POST …, POST …/supprimer                 media-file-admin-routes.ts
 *   GET|HEAD /media/fichiers/:file          sounds and videos, with ranges    media-file-serving.ts
 *
 * Multipart parsing is registered inside this plugin only, so no other route accepts uploads.
 */
export function mediaRoutes(app: FastifyInstance, ctx: AppContext, limits: MediaLimits = mediaLimits(ctx.config)): void {
  registerImageVariantsJob();
  app.addHook('onReady', async () => void (await removeStaleUploads(ctx.config.dataDir)));
  app.register(async (scope) => {
    await installUploadRateLimit(scope, ctx);
    await scope.register(multipart, {
      // Per-request limits are set by each upload route; these are the outer bounds.
      limits: { fileSize: Math.max(limits.image, limits.audio, limits.video), files: 1, fields: 10, fieldSize: 20_000 },
    });

    scope.get('/admin/medias', { preHandler: requireActor('media:upload') }, async (request, reply) => {
      const query = libraryQuerySchema.parse(request.query ?? {});
      const code = (request.query as { ok?: unknown }).ok;
      const notice = typeof code === 'string' && Object.hasOwn(LIBRARY_NOTICES, code) ? LIBRARY_NOTICES[code] : undefined;
      const view =
        query.type === 'images'
          ? { ...(await listImages(ctx.db, { q: query.q, page: query.page })), kind: 'images' as const }
          : { ...(await listMediaFiles(ctx.db, { kind: query.type, q: query.q, page: query.page })), kind: 'files' as const };
      return sendMediaPage(ctx, request, reply, {
        title: 'Médiathèque',
        main: () =>
          renderLibrary({
            query: { ...query, page: view.page },
            page: view.page,
            pages: view.pages,
            total: view.total,
            notice,
            ...(view.kind === 'images' ? { images: view.items } : { files: view.items }),
          }),
      });
    });

    scope.get('/admin/medias/nouveau', { preHandler: requireActor('media:upload') }, async (request, reply) =>
      sendMediaPage(ctx, request, reply, { title: 'Ajouter un média', main: (csrfToken) => renderUploadPage({ csrfToken, limits }) }),
    );

    imageAdminRoutes(scope, ctx, limits);
    mediaFileAdminRoutes(scope, ctx, limits);
    mediaFileServingRoutes(scope, ctx);
  });
}
