import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import { loadArticleState, policySubject } from '../articles/operations/article-store.ts';
import { canSeeArticle } from '../articles/visibility.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { csrfCheck, csrfTokenFor, formBody, formValue, noticeFromQuery, seeOther, sendCurationPage } from '../curation/curation-http.ts';
import { FormError } from '../curation/curation-validation.ts';
import { listMediaFiles } from '../media/media-file-repository.ts';
import { renderVideoForm } from './video-admin-view.ts';
import { saveVideo, type VideoValues, videoValues } from './video-operations.ts';
import { ffmpegAvailable } from './video-poster.ts';
import { getVideo } from './video-repository.ts';

const NOTICES = { enregistre: 'Vidéo enregistrée.' };
const FIELDS = ['videoFileId', 'embedUrl', 'channel', 'posterImageId', 'extractPoster', 'captions'] as const;

/**
 * GET POST /admin/articles/:id/video: the video of an article of format video. Guarantees: signed
 * in; the operation checks the actor may edit the article; CSRF on POST; bad input → 422.
 */
export function videoAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('article:edit-own');

  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: number,
    values: VideoValues,
    status = 200,
    errors?: Record<string, string>,
  ) => {
    const state = await loadArticleState(ctx.db, articleId);
    if (!canSeeArticle(actorOf(request), policySubject(state))) throw AppError.notFound('Cet article n’existe pas (ou plus).');
    const videos = await listMediaFiles(ctx.db, { kind: 'video', perPage: 200 });
    const csrfToken = csrfTokenFor(reply);
    const main = renderVideoForm({
      articleId,
      headline: state.row.headline,
      values,
      errors,
      notice: noticeFromQuery(request.query, NOTICES),
      csrfToken,
      videos: videos.items,
      ffmpeg: ffmpegAvailable(),
    });
    return sendCurationPage(ctx, request, reply, {
      title: `Vidéo : ${state.row.headline}`,
      active: 'articles',
      status,
      main: () => main,
      csrfToken,
    });
  };

  app.get('/admin/articles/:id/video', { preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    return send(request, reply, id, videoValues(await getVideo(ctx.db, id)));
  });

  app.post('/admin/articles/:id/video', { onRequest: csrfCheck(app), preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    const body = formBody(request);
    const values = Object.fromEntries(FIELDS.map((f) => [f, formValue(body[f])])) as unknown as VideoValues;
    try {
      await saveVideo(ctx, actorOf(request), id, values);
      return seeOther(reply, `/admin/articles/${id}/video?ok=enregistre`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return send(request, reply, id, values, 422, error.fields);
    }
  });
}
