import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import type { Actor, Permission } from '../../accounts/policy.ts';
import { renderAdminLayout, sendAdminHtml } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { html } from '../../core/html/html.ts';
import { loadSiteChrome } from '../../publication/publication-repository.ts';
import type { FieldIssue } from '../operations/article-input.ts';
import {
  deleteArticle,
  markReady,
  publishArticle,
  returnToDraft,
  scheduleArticle,
  submitArticle,
  unpublishArticle,
} from '../operations/workflow.ts';
import { parisLocalToUtc } from './paris-time.ts';
import type { WorkflowNoticeCode } from './workflow-notices.ts';
import { textId } from '../../core/input/ids.ts';

const paramsSchema = z.strictObject({ id: textId('identifiant invalide') });
const scheduleSchema = z.object({ at: z.string().max(40).default('') });

interface WorkflowAction {
  /** Last path segment: /admin/articles/:id/<segment>. */
  segment: string;
  /** Checked again by the operation; here so a refusal comes before any work. */
  permission?: Permission;
  /** "Impossible de <verb> cet article". */
  verb: string;
  notice: WorkflowNoticeCode;
  run: (ctx: AppContext, actor: Actor, id: number, request: FastifyRequest) => Promise<void>;
}

const ACTIONS: WorkflowAction[] = [
  {
    segment: 'soumettre',
    permission: 'article:submit',
    verb: 'soumettre',
    notice: 'soumis',
    run: (ctx, actor, id) => submitArticle(ctx, actor, id),
  },
  {
    segment: 'pret',
    permission: 'article:publish',
    verb: 'marquer comme prêt',
    notice: 'pret',
    run: (ctx, actor, id) => markReady(ctx, actor, id),
  },
  {
    segment: 'publier',
    permission: 'article:publish',
    verb: 'publier',
    notice: 'publie',
    run: (ctx, actor, id) => publishArticle(ctx, actor, id),
  },
  { segment: 'programmer', permission: 'article:publish', verb: 'programmer', notice: 'programme', run: schedule },
  {
    segment: 'depublier',
    permission: 'article:publish',
    verb: 'dépublier',
    notice: 'depublie',
    run: (ctx, actor, id) => unpublishArticle(ctx, actor, id),
  },
  { segment: 'brouillon', verb: 'repasser en brouillon', notice: 'brouillon', run: (ctx, actor, id) => returnToDraft(ctx, actor, id) },
  {
    segment: 'supprimer',
    permission: 'article:delete',
    verb: 'supprimer',
    notice: 'supprime',
    run: (ctx, actor, id) => deleteArticle(ctx, actor, id),
  },
];

// The form's datetime-local value is Paris wall-clock time; the operation takes a UTC instant.
async function schedule(ctx: AppContext, actor: Actor, id: number, request: FastifyRequest): Promise<void> {
  const { at } = scheduleSchema.parse(request.body ?? {});
  const instant = parisLocalToUtc(at);
  if (!instant) {
    throw new AppError('validation_failed', 422, 'La programmation a échoué : date de publication invalide.', {
      details: [{ path: 'at', message: 'Date de publication : indiquez un jour et une heure (heure de Paris)' }] satisfies FieldIssue[],
    });
  }
  await scheduleArticle(ctx, actor, id, instant.toISOString());
}

/**
 * The workflow buttons of the edit screen: POST /admin/articles/:id/{soumettre, pret, publier,
 * programmer, depublier, brouillon, supprimer}. Each: CSRF → signed-in actor (with the
 * permission) → the operation (which checks the policy again) → 303 back to the article with a
 * notice, or a French page (422, 409) saying what is missing. Deleting goes back to the list.
 */
export function workflowRoutes(app: FastifyInstance, ctx: AppContext): void {
  for (const action of ACTIONS) {
    app.post(
      `/admin/articles/:id/${action.segment}`,
      { onRequest: app.csrfProtection, preHandler: requireActor(action.permission) },
      async (request, reply) => {
        const params = paramsSchema.safeParse(request.params);
        if (!params.success) throw AppError.notFound('Cet article n’existe pas.');
        const id = params.data.id;
        try {
          await action.run(ctx, actorOf(request), id, request);
        } catch (error) {
          if (error instanceof AppError && (error.code === 'validation_failed' || error.code === 'conflict')) {
            return sendRefusal(ctx, request, reply, { id, action, error });
          }
          throw error;
        }
        const target =
          action.segment === 'supprimer' ? `/admin/articles?notice=${action.notice}` : `/admin/articles/${id}?notice=${action.notice}`;
        return reply.redirect(target, 303);
      },
    );
  }
}

/** The page of a refused action: what is wrong, field by field, and the way back (the scheduling form again when it was that). */
async function sendRefusal(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { id: number; action: WorkflowAction; error: AppError },
): Promise<FastifyReply> {
  const { id, action, error } = input;
  const issues = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
  const csrfToken = reply.generateCsrf();
  const chrome = await loadSiteChrome(ctx.db);
  const list = issues.length ? html`<ul>!${issues.map((i) => html`<li>${i.message}</li>`).join('')}</ul>` : '';
  const atIssue = issues.find((i) => i.path === 'at');
  const retry =
    action.segment === 'programmer'
      ? html`<form method="post" action="/admin/articles/${String(id)}/programmer" class="workflow-retry"><input type="hidden" name="_csrf" value="${csrfToken}"><div class="field"><label for="programmer-le">Programmer pour le (heure de Paris)</label><input type="datetime-local" id="programmer-le" name="at" value="${scheduleSchema.safeParse(request.body ?? {}).data?.at ?? ''}" required!${
          atIssue ? html` aria-invalid="true" aria-describedby="programmer-le-erreur"` : ''
        }>!${atIssue ? html`<p class="field__error" id="programmer-le-erreur">${atIssue.message}</p>` : ''}</div><button type="submit" class="button">Programmer</button></form>`
      : '';
  const title = `Impossible de ${action.verb} cet article`;
  const main = html`<h1>${title}</h1><div class="notice notice--error" role="alert"><p>${error.message}</p>!${list}</div>!${retry}<p><a href="/admin/articles/${String(id)}">← Retour à l’article</a></p>`;
  const document = renderAdminLayout(ctx, actorOf(request), {
    title,
    main,
    active: 'articles',
    csrfToken,
    publicationName: chrome.settings.name,
  });
  return sendAdminHtml(ctx, reply, document, error.status);
}
