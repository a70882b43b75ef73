import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import type { Actor } from '../../accounts/policy.ts';
import { renderAdminLayout, sendAdminHtml } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { type ArticleInput, type FieldIssue, parseArticleInput, validationError } from '../operations/article-input.ts';
import { inputOf, loadArticleState } from '../operations/article-store.ts';
import { createArticle, updateArticle } from '../operations/save-article.ts';
import { renderConflictPage, renderConflictPanel, type ConflictInput } from './conflict-view.ts';
import { workflowNotice } from '../admin/workflow-notices.ts';
import { getArticleForEdit } from '../operations/article-for-edit.ts';
import { applyAuthorLookup } from './author-lookup.ts';
import { parseArticleId } from './editor-access.ts';
import { loadChoices, valuesFromState } from './editor-repository.ts';
import { sendEditorScreen } from './editor-screen.ts';
import { publicationName } from '../../publication/publication-repository.ts';
import { type EditorValues, inputFromValues, type RawFields, valuesFromFields } from './editor-values.ts';
import { peopleSearchRoutes } from './people-search-routes.ts';
import { previewRoutes } from './preview-routes.ts';
import { revisionRoutes } from './revision-routes.ts';

/** The editor posts whole bodies (up to 200,000 characters of text plus structure): more than a plain form. */
export const EDITOR_BODY_LIMIT = 4 * 1024 * 1024;

const autosaveSchema = z.strictObject({
  revision: z.int().nonnegative(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
const createJsonSchema = z.strictObject({ fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])) });

/** The issues of a 422 from the operations, by field. */
function issuesOf(error: AppError): FieldIssue[] {
  return Array.isArray(error.details) ? (error.details as FieldIssue[]) : [{ path: '', message: error.message }];
}

function isJsonRequest(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}

/**
 * The article editor: /admin/articles/nouveau and /admin/articles/:id (one form that saves
 * without JavaScript), saving (POST, optimistic locking by revision, 422 with the person's values,
 * 409 conflict screen), the islands' autosave, then revisions and previews (their own modules).
 * Every state-changing route: CSRF, a signed-in actor, validation by the operations' schema.
 */
export function editorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const csrf = app.csrfProtection;

  app.get('/admin/articles/nouveau', { preHandler: requireActor('article:create') }, async (request, reply) => {
    const actor = actorOf(request);
    const choices = await loadChoices(ctx.db);
    return sendEditorScreen(ctx, request, reply, { state: null, values: newArticleValues(actor, choices.sections[0]?.id) });
  });

  app.get('/admin/articles/:id', { preHandler: requireActor() }, async (request, reply) => {
    const id = parseArticleId((request.params as { id?: string }).id);
    const state = await getArticleForEdit(ctx.db, actorOf(request), id);
    const query = request.query as { enregistre?: string; restaure?: string };
    const restored = /^\d{1,9}$/.test(query.restaure ?? '')
      ? `Version ${query.restaure} restaurée : elle est maintenant la version actuelle.`
      : undefined;
    // After a save, a restore, or a workflow step (whose routes redirect here with ?notice=).
    const notice = query.enregistre !== undefined ? 'Article enregistré.' : (restored ?? workflowNotice(request.query) ?? undefined);
    return sendEditorScreen(ctx, request, reply, { state, values: valuesFromState(state), notice });
  });

  // Create: the form (303 to the new article, or 422 with the values) or the island's first autosave (JSON).
  app.post(
    '/admin/articles',
    { onRequest: csrf, preHandler: requireActor('article:create'), bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => {
      const actor = actorOf(request);
      if (isJsonRequest(request)) {
        const parsed = createJsonSchema.safeParse(request.body);
        if (!parsed.success) throw AppError.badRequest('Enregistrement automatique : requête mal formée.');
        const values = await lookedUpOrThrow(ctx, valuesFromFields(parsed.data.fields));
        const { id, revision } = await createArticle(ctx, actor, inputFromValues(values, { withNewCorrection: false }));
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({ id, revision, url: `/admin/articles/${id}`, savedAt: new Date().toISOString() });
      }
      const lookup = await applyAuthorLookup(ctx.db, valuesFromFields((request.body ?? {}) as RawFields));
      const values = lookup.values;
      if (lookup.issues.length) return sendEditorScreen(ctx, request, reply, { state: null, values, issues: lookup.issues, status: 422 });
      try {
        const { id } = await createArticle(ctx, actor, inputFromValues(values));
        return reply.redirect(`/admin/articles/${id}?enregistre`, 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'validation_failed') {
          return sendEditorScreen(ctx, request, reply, { state: null, values, issues: issuesOf(error), status: 422 });
        }
        throw error;
      }
    },
  );

  // Save: the plain form POST with its revision.
  app.post('/admin/articles/:id', { onRequest: csrf, preHandler: requireActor(), bodyLimit: EDITOR_BODY_LIMIT }, async (request, reply) => {
    const actor = actorOf(request);
    const id = parseArticleId((request.params as { id?: string }).id);
    const lookup = await applyAuthorLookup(ctx.db, valuesFromFields((request.body ?? {}) as RawFields));
    const values = lookup.values;
    if (lookup.issues.length) {
      const state = await getArticleForEdit(ctx.db, actor, id);
      return sendEditorScreen(ctx, request, reply, {
        state,
        values: { ...values, corrections: valuesFromState(state).corrections },
        issues: lookup.issues,
        status: 422,
      });
    }
    try {
      await updateArticle(ctx, actor, id, revisionOf(values.revision), inputFromValues(values));
      return reply.redirect(`/admin/articles/${id}?enregistre`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'validation_failed') {
        const state = await getArticleForEdit(ctx.db, actor, id);
        return sendEditorScreen(ctx, request, reply, {
          state,
          values: { ...values, corrections: valuesFromState(state).corrections },
          issues: issuesOf(error),
          status: 422,
        });
      }
      if (error.code === 'conflict') return sendConflictPage(ctx, request, reply, id, values, error);
      throw error;
    }
  });

  // Autosave from the island: JSON in, { revision } out; 409 carries the comparison for the dialog.
  app.post(
    '/admin/articles/:id/autosave',
    { onRequest: csrf, preHandler: requireActor(), bodyLimit: EDITOR_BODY_LIMIT },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = parseArticleId((request.params as { id?: string }).id);
      const parsed = autosaveSchema.safeParse(request.body);
      if (!parsed.success) throw AppError.badRequest('Enregistrement automatique : requête mal formée.');
      const values = await lookedUpOrThrow(ctx, valuesFromFields(parsed.data.fields));
      try {
        const { revision } = await updateArticle(
          ctx,
          actor,
          id,
          parsed.data.revision,
          inputFromValues(values, { withNewCorrection: false }),
        );
        return reply.header('cache-control', 'no-store').send({ revision, savedAt: new Date().toISOString() });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') {
          const conflict = await conflictInput(ctx, id, values, error);
          throw new AppError('conflict', 409, error.message, {
            details: {
              currentRevision: conflict.currentRevision,
              editedBy: conflict.editedBy,
              editedAt: conflict.editedAt,
              comparisonHtml: renderConflictPanel(conflict),
            },
          });
        }
        throw error;
      }
    },
  );

  peopleSearchRoutes(app, ctx);
  revisionRoutes(app, ctx);
  previewRoutes(app, ctx);
}

/** A new article's starting values: a plain news piece in the first section, signed by the writer. */
function newArticleValues(actor: Actor, firstSectionId: number | undefined): EditorValues {
  return {
    ...valuesFromFields({}),
    format: 'actualite',
    sectionId: firstSectionId === undefined ? '' : String(firstSectionId),
    body: JSON.stringify({ type: 'doc', content: [] }),
    authorPersonIds: actor.personId === null ? [] : [String(actor.personId)],
    commentsSetting: 'inherit',
  };
}

/** The values with "Ajouter un contributeur" resolved, for the JSON saves: an unknown name is a 422 like any invalid field. */
async function lookedUpOrThrow(ctx: AppContext, values: EditorValues): Promise<EditorValues> {
  const lookup = await applyAuthorLookup(ctx.db, values);
  if (lookup.issues.length) throw validationError('L’article n’a pas été enregistré', lookup.issues);
  return lookup.values;
}

/** The form's revision; anything unreadable can only be stale (-1 never matches). */
function revisionOf(text: string): number {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text) : -1;
}

/** Both sides of a conflict: the stored article now, and what the person sent. */
async function conflictInput(ctx: AppContext, id: number, values: EditorValues, error: AppError): Promise<ConflictInput> {
  const details = (error.details ?? {}) as { currentRevision?: number; editedBy?: string | null; editedAt?: string | null };
  const state = await loadArticleState(ctx.db, id);
  const choices = await loadChoices(ctx.db, [...(inputOf(state).authorPersonIds ?? []), ...values.authorPersonIds]);
  // The save got past validation before the revision check, so this parses.
  const yours: ArticleInput = parseArticleInput(inputFromValues(values));
  return {
    articleId: id,
    currentRevision: details.currentRevision ?? state.row.revision,
    editedBy: details.editedBy ?? null,
    editedAt: details.editedAt ?? null,
    theirs: inputOf(state),
    yours,
    choices,
  };
}

/** The 409 page of a stale form POST: both versions, keep mine or take theirs. Nothing was stored. */
async function sendConflictPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  values: EditorValues,
  error: AppError,
): Promise<FastifyReply> {
  const conflict = await conflictInput(ctx, id, values, error);
  const csrfToken = reply.generateCsrf();
  const main = renderConflictPage(conflict, values, csrfToken);
  const document = renderAdminLayout(ctx, actorOf(request), {
    title: 'Conflit de modifications',
    main,
    active: 'articles',
    csrfToken,
    publicationName: await publicationName(ctx.db),
  });
  return sendAdminHtml(ctx, reply, document, 409);
}
