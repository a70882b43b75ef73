import type { FastifyInstance } from 'fastify';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import { renderAdminLayout, sendAdminHtml } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { getArticleForEdit } from '../operations/article-for-edit.ts';
import { getRevision, listRevisions, restoreRevision } from '../operations/revisions.ts';
import { parseArticleId } from './editor-access.ts';
import { loadChoices } from './editor-repository.ts';
import { publicationName } from '../../publication/publication-repository.ts';
import { renderRevisionCompare, renderRevisionList } from './revision-view.ts';

function parseRevision(raw: unknown): number {
  const text = typeof raw === 'string' ? raw : '';
  if (!/^[1-9]\d{0,8}$/.test(text)) throw AppError.notFound('Cette version de l’article n’existe pas.');
  return Number(text);
}

/**
 * Revisions of an article: the list (who, when), one version compared with the current one,
 * and restoring it (a new revision; CSRF; the operations check the right to edit).
 */
export function revisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/articles/:id/revisions', { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    const id = parseArticleId((request.params as { id?: string }).id);
    const article = await getArticleForEdit(ctx.db, actor, id);
    const [revisions, name] = await Promise.all([listRevisions(ctx.db, id), publicationName(ctx.db)]);
    const csrfToken = reply.generateCsrf();
    const main = renderRevisionList(article, revisions);
    return sendAdminHtml(
      ctx,
      reply,
      renderAdminLayout(ctx, actor, {
        title: `Révisions — ${article.input.headline}`,
        main,
        active: 'articles',
        csrfToken,
        publicationName: name,
      }),
    );
  });

  app.get('/admin/articles/:id/revisions/:revision', { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    const params = request.params as { id?: string; revision?: string };
    const id = parseArticleId(params.id);
    const number = parseRevision(params.revision);
    const article = await getArticleForEdit(ctx.db, actor, id);
    const [revision, name] = await Promise.all([getRevision(ctx.db, id, number), publicationName(ctx.db)]);
    const choices = await loadChoices(ctx.db, [...(article.input.authorPersonIds ?? []), ...(revision.snapshot.authorPersonIds ?? [])]);
    const csrfToken = reply.generateCsrf();
    const main = renderRevisionCompare(article, revision, choices, csrfToken);
    return sendAdminHtml(
      ctx,
      reply,
      renderAdminLayout(ctx, actor, {
        title: `Version ${number} — ${article.input.headline}`,
        main,
        active: 'articles',
        csrfToken,
        publicationName: name,
      }),
    );
  });

  app.post(
    '/admin/articles/:id/revisions/:revision/restaurer',
    { onRequest: app.csrfProtection, preHandler: requireActor() },
    async (request, reply) => {
      const params = request.params as { id?: string; revision?: string };
      const id = parseArticleId(params.id);
      const number = parseRevision(params.revision);
      await restoreRevision(ctx, actorOf(request), id, number);
      return reply.redirect(`/admin/articles/${id}?restaure=${number}`, 303);
    },
  );
}
