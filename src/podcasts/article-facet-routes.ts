import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { Actor } from '../accounts/policy.ts';
import { loadArticleState, policySubject } from '../articles/operations/article-store.ts';
import { canSeeArticle } from '../articles/visibility.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { csrfCheck, csrfTokenFor, formBody, formValue, seeOther, sendCurationPage } from '../curation/curation-http.ts';
import { FormError } from '../curation/curation-validation.ts';

/** What every facet form of an article receives, whatever the facet. */
export interface ArticleFacetForm<V> {
  articleId: number;
  headline: string;
  values: V;
  errors?: Record<string, string>;
  notice: string | null;
  csrfToken: string;
}

/**
 * One screen of fields that belong to an article of a given format (the podcast episode of a
 * podcast, the video of a video), at /admin/articles/:id/<segment>.
 */
export interface ArticleFacetScreen<V> {
  segment: string;
  fields: readonly (keyof V & string)[];
  savedNotice: string;
  titlePrefix: string;
  load(ctx: AppContext, articleId: number): Promise<V>;
  save(ctx: AppContext, actor: Actor, articleId: number, values: V): Promise<unknown>;
  render(ctx: AppContext, form: ArticleFacetForm<V>): Promise<string>;
}

/**
 * GET POST /admin/articles/:id/<segment>. Guarantees: signed in with article:edit-own at least;
 * the article must be visible to the actor (else 404) and the save operation checks that the actor
 * may edit it; CSRF on POST; bad input → 422 with the form as typed; success → 303 with a notice.
 */
export function registerArticleFacetScreen<V>(app: FastifyInstance, ctx: AppContext, screen: ArticleFacetScreen<V>): void {
  const guard = requireActor('article:edit-own');
  const route = `/admin/articles/:id/${screen.segment}`;

  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: number,
    values: V,
    status = 200,
    errors?: Record<string, string>,
  ) => {
    const state = await loadArticleState(ctx.db, articleId);
    if (!canSeeArticle(actorOf(request), policySubject(state))) throw AppError.notFound('Cet article n’existe pas (ou plus).');
    const csrfToken = csrfTokenFor(reply);
    const main = await screen.render(ctx, {
      articleId,
      headline: state.row.headline,
      values,
      errors,
      notice: noticeFromQuery(request.query, { enregistre: screen.savedNotice }),
      csrfToken,
    });
    return sendCurationPage(ctx, request, reply, {
      title: `${screen.titlePrefix} : ${state.row.headline}`,
      active: 'articles',
      status,
      main: () => main,
      csrfToken,
    });
  };

  app.get(route, { preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    return send(request, reply, id, await screen.load(ctx, id));
  });

  app.post(route, { onRequest: csrfCheck(app), preHandler: guard }, async (request, reply) => {
    const id = pathId((request.params as { id?: unknown }).id);
    const body = formBody(request);
    const values = Object.fromEntries(screen.fields.map((f) => [f, formValue(body[f])])) as unknown as V;
    try {
      await screen.save(ctx, actorOf(request), id, values);
      return seeOther(reply, `/admin/articles/${id}/${screen.segment}?ok=enregistre`);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return send(request, reply, id, values, 422, error.fields);
    }
  });
}
