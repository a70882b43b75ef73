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
import { renderEpisodeForm } from './episode-admin-view.ts';
import { type EpisodeValues, episodeValues, getEpisode, saveEpisode } from './episode-operations.ts';
import { listShows } from './show-repository.ts';

const NOTICES = { enregistre: 'Épisode enregistré : sa page et le flux du podcast sont à jour.' };
const FIELDS = ['showId', 'audioFileId', 'season', 'episodeNumber', 'episodeType', 'chapters', 'transcript'] as const;

/**
 * GET POST /admin/articles/:id/episode: the podcast fields of an article of format podcast.
 * Guarantees: signed in with article:edit-own at least; the operation checks the article may be
 * edited by the actor; CSRF on POST; bad chapters or transcript → 422 with the form as typed.
 */
export function episodeAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('article:edit-own');

  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: number,
    values: EpisodeValues,
    status = 200,
    errors?: Record<string, string>,
  ) => {
    const state = await loadArticleState(ctx.db, articleId);
    if (!canSeeArticle(actorOf(request), policySubject(state))) throw AppError.notFound('Cet article n’existe pas (ou plus).');
    const [shows, sounds] = await Promise.all([listShows(ctx.db), listMediaFiles(ctx.db, { kind: 'audio', perPage: 200 })]);
    const csrfToken = csrfTokenFor(reply);
    const main = renderEpisodeForm({
      articleId,
      headline: state.row.headline,
      values,
      errors,
      notice: noticeFromQuery(request.query, NOTICES),
      csrfToken,
      shows,
      sounds: sounds.items,
    });
    return sendCurationPage(ctx, request, reply, {
      title: `Épisode : ${state.row.headline}`,
      active: 'articles',
      status,
      main: () => main,
      csrfToken,
    });
  };

  app.get('/admin/articles/:id/episode', { preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    return send(request, reply, id, episodeValues(await getEpisode(ctx.db, id)));
  });

  app.post('/admin/articles/:id/episode', { onRequest: csrfCheck(app), preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    const body = formBody(request);
    const values = Object.fromEntries(FIELDS.map((f) => [f, formValue(body[f])])) as unknown as EpisodeValues;
    try {
      await saveEpisode(ctx, actorOf(request), id, values);
      return seeOther(reply, `/admin/articles/${id}/episode?ok=enregistre`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return send(request, reply, id, values, 422, error.fields);
    }
  });
}
