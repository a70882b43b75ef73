import { z } from 'zod';
import { type ArticleInputData, articleInputSchema } from '../../articles/operations/article-input.ts';
import { inputOf } from '../../articles/operations/article-store.ts';
import { createArticle, updateArticle } from '../../articles/operations/save-article.ts';
import { publishArticle, submitArticle, unpublishArticle } from '../../articles/operations/workflow.ts';
import type { Actor, Permission } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { type ApiRoute, apiRoute } from '../api-route.ts';
import { idParams } from '../catalogue/catalogue-routes.ts';
import { pagedSchema } from '../catalogue/catalogue-schemas.ts';
import { articleListQuerySchema, articleOutputSchema, articleSummarySchema, articleView, loadReadableArticle } from './article-api-view.ts';
import { listArticlesForApi } from './article-api-repository.ts';

const revision = z
  .number({ error: 'revision : la version lue (nombre) est obligatoire' })
  .int({ error: 'revision : entier attendu' })
  .positive({ error: 'revision : entier attendu' })
  .describe(
    'La version sur laquelle porte la modification (champ revision de la dernière lecture). Si l’article a été modifié depuis : 409 conflict.',
  );

/** PUT: every field, as for a creation, plus the revision read. */
const replaceSchema = articleInputSchema.safeExtend({ revision });

/** PATCH: only the fields to change, plus the revision read. Each field keeps its rules; the merged article is then validated whole. */
const patchSchema = z.strictObject(
  { revision, ...Object.fromEntries(Object.entries(articleInputSchema.shape).map(([key, schema]) => [key, schema.optional()])) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Champ inconnu : ${issue.keys.join(', ')}` : 'Article : objet attendu') },
);

const conflictResponse = {
  description:
    'La version envoyée n’est plus la dernière, ou l’état ne permet pas l’action (conflict) ; details.currentRevision donne la version actuelle.',
};
const notFound = { description: 'Aucun article visible avec cet identifiant (not_found).' };

/** The raw JSON body without its revision: what the operations validate themselves. */
function fieldsOf(body: unknown): ArticleInputData {
  const { revision: _ignored, ...fields } = body as Record<string, unknown>;
  return fields as ArticleInputData;
}

/** Articles: the same operations and policies as the editor's screen (createArticle, updateArticle, publish…). */
export function articleApiRoutes(ctx: AppContext): ApiRoute[] {
  const view = async (actorRead: Parameters<typeof loadReadableArticle>[1], id: number) =>
    articleView(ctx.db, await loadReadableArticle(ctx.db, actorRead, id));

  /** POST /articles/:id/<step>: one workflow operation on an article the caller can read, answering the article. */
  const workflowRoute = (w: {
    step: string;
    operationId: string;
    summary: string;
    permission: Permission;
    done: string;
    operation: (ctx: AppContext, actor: Actor, id: number) => Promise<unknown>;
    extra?: Record<number, { description: string }>;
  }) =>
    apiRoute({
      method: 'POST',
      path: `/articles/:id/${w.step}`,
      operationId: w.operationId,
      tag: 'Articles',
      summary: w.summary,
      permission: w.permission,
      params: idParams,
      responses: { 200: { description: w.done, schema: articleOutputSchema }, 404: notFound, 409: conflictResponse, ...w.extra },
      handler: async ({ actor, params }) => {
        await loadReadableArticle(ctx.db, actor, params.id);
        await w.operation(ctx, actor, params.id);
        return view(actor, params.id);
      },
    });

  return [
    apiRoute({
      method: 'GET',
      path: '/articles',
      operationId: 'listArticles',
      tag: 'Articles',
      summary: 'Liste les articles visibles par le jeton (tous pour un éditeur ; sinon les siens), filtrés et paginés',
      query: articleListQuerySchema,
      responses: {
        200: { description: 'Une page d’articles, les plus récemment modifiés d’abord.', schema: pagedSchema(articleSummarySchema) },
      },
      handler: async ({ actor, query }) => listArticlesForApi(ctx.db, actor, query),
    }),
    apiRoute({
      method: 'GET',
      path: '/articles/:id',
      operationId: 'getArticle',
      tag: 'Articles',
      summary: 'Lit un article (tous ses champs et sa version)',
      params: idParams,
      responses: { 200: { description: 'L’article.', schema: articleOutputSchema }, 404: notFound },
      handler: async ({ actor, params }) => view(actor, params.id),
    }),
    apiRoute({
      method: 'POST',
      path: '/articles',
      operationId: 'createArticle',
      tag: 'Articles',
      summary: 'Crée un brouillon',
      description:
        'Sans authorPersonIds, l’auteur est le profil du propriétaire du jeton. Une pépite doit nommer sa source (source.outlet, source.url).',
      permission: 'article:create',
      body: articleInputSchema,
      responses: { 201: { description: 'Le brouillon créé (version 1).', schema: articleOutputSchema } },
      handler: async ({ actor, request, reply }) => {
        const { id } = await createArticle(ctx, actor, request.body as ArticleInputData);
        reply.code(201).header('location', `/api/admin/articles/${id}`);
        return view(actor, id);
      },
    }),
    apiRoute({
      method: 'PUT',
      path: '/articles/:id',
      operationId: 'replaceArticle',
      tag: 'Articles',
      summary: 'Remplace tous les champs d’un article (avec la version lue)',
      description:
        'Qui peut modifier : un éditeur (article:edit-any) tout article ; un auteur (article:edit-own, article:edit-shared) ses brouillons et ceux partagés avec lui, tant qu’ils ne sont pas pris en main par la rédaction.',
      params: idParams,
      body: replaceSchema,
      responses: {
        200: { description: 'L’article enregistré (nouvelle version).', schema: articleOutputSchema },
        404: notFound,
        409: conflictResponse,
      },
      handler: async ({ actor, params, body, request }) => {
        await loadReadableArticle(ctx.db, actor, params.id);
        await updateArticle(ctx, actor, params.id, body.revision, fieldsOf(request.body));
        return view(actor, params.id);
      },
    }),
    apiRoute({
      method: 'PATCH',
      path: '/articles/:id',
      operationId: 'updateArticle',
      tag: 'Articles',
      summary: 'Modifie les champs envoyés d’un article (avec la version lue)',
      description: 'Mêmes droits que PUT. Les corrections sont ajoutées, jamais retirées.',
      params: idParams,
      body: patchSchema,
      responses: {
        200: { description: 'L’article enregistré (nouvelle version).', schema: articleOutputSchema },
        404: notFound,
        409: conflictResponse,
      },
      handler: async ({ actor, params, body, request }) => {
        const current = await loadReadableArticle(ctx.db, actor, params.id);
        // Only new corrections are sent: the stored ones are kept (corrections are append-only).
        const merged: ArticleInputData = { ...inputOf(current), ...fieldsOf(request.body) };
        await updateArticle(ctx, actor, params.id, body.revision as number, merged);
        return view(actor, params.id);
      },
    }),
    workflowRoute({
      step: 'submit',
      operationId: 'submitArticle',
      summary: 'Soumet un brouillon aux éditeurs',
      permission: 'article:submit',
      done: 'L’article, soumis.',
      operation: submitArticle,
    }),
    workflowRoute({
      step: 'publish',
      operationId: 'publishArticle',
      summary:
        'Publie maintenant (titre, rubrique, auteur, image principale avec crédit et texte alternatif requis ; source pour une pépite)',
      permission: 'article:publish',
      done: 'L’article, publié.',
      operation: publishArticle,
      extra: { 422: { description: 'Il manque ce que la publication exige ; details liste les champs (validation_failed).' } },
    }),
    workflowRoute({
      step: 'unpublish',
      operationId: 'unpublishArticle',
      summary: 'Dépublie un article (son adresse répond 410)',
      permission: 'article:publish',
      done: 'L’article, dépublié.',
      operation: unpublishArticle,
    }),
  ];
}
