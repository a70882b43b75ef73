import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import { can } from '../../accounts/policy.ts';
import { renderAdminLayout, sendAdminHtml } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { textId } from '../../core/input/ids.ts';
import { loadSiteChrome } from '../../publication/publication-repository.ts';
import { ARTICLE_FORMATS } from '../operations/article-input.ts';
import { ARTICLE_STATUSES } from '../operations/article-status.ts';
import { enqueueMissingScheduleJobs, registerArticleJobs } from '../operations/publish-scheduled-job.ts';
import { type ArticleFilters, countByStatus, listArticles, loadDashboardLists, loadFilterChoices } from './article-list-repository.ts';
import { type ListQueryValues, renderArticleList } from './article-list-view.ts';
import { renderDashboard, renderEmptyDashboard } from './dashboard-view.ts';
import { parisDayBounds } from './paris-time.ts';
import { workflowNotice } from './workflow-notices.ts';
import { workflowRoutes } from './workflow-routes.ts';

/** Rows per page of /admin/articles. */
export const ARTICLES_PAGE_SIZE = 25;

const id = textId('identifiant invalide');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date invalide')
  .refine((v) => parisDayBounds(v) !== null, 'date invalide');

// Each filter is validated on its own, so one bad value is reported next to its field and the
// others still apply (a query string is typed or edited by hand).
const filterSchemas = {
  etat: z.enum(ARTICLE_STATUSES),
  rubrique: id,
  // An author's id (links from elsewhere) or part of a name, typed in the filter form.
  auteur: z.union([id, z.string().trim().min(2).max(100)]),
  format: z.enum(ARTICLE_FORMATS),
  du: day,
  au: day,
  q: z.string().trim().max(200),
} as const;

const FILTER_ERRORS: Record<keyof typeof filterSchemas, string> = {
  etat: 'État inconnu : filtre ignoré.',
  rubrique: 'Rubrique inconnue : filtre ignoré.',
  auteur: 'Nom d’auteur trop court ou trop long : filtre ignoré.',
  format: 'Format inconnu : filtre ignoré.',
  du: 'Date invalide : filtre ignoré.',
  au: 'Date invalide : filtre ignoré.',
  q: 'Recherche trop longue : filtre ignoré.',
};

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** Reads the list's query string: valid filters, the values as typed, and an error per ignored one. */
export function parseListQuery(query: unknown) {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const values: ListQueryValues = {};
  const errors: Partial<Record<keyof ListQueryValues, string>> = {};
  const parsed: Partial<{ [K in keyof typeof filterSchemas]: z.infer<(typeof filterSchemas)[K]> }> = {};
  for (const key of Object.keys(filterSchemas) as (keyof typeof filterSchemas)[]) {
    const value = raw[key];
    if (typeof value !== 'string' || value === '') continue;
    values[key] = value.slice(0, 200);
    const result = filterSchemas[key].safeParse(value);
    if (result.success) (parsed as Record<string, unknown>)[key] = result.data;
    else errors[key] = FILTER_ERRORS[key];
  }
  const filters: ArticleFilters = {
    status: parsed.etat,
    sectionId: parsed.rubrique,
    author: parsed.auteur,
    format: parsed.format,
    from: parsed.du ? parisDayBounds(parsed.du)!.start : undefined,
    to: parsed.au ? parisDayBounds(parsed.au)!.end : undefined,
    text: parsed.q || undefined,
  };
  return { filters, values, errors, page: pageSchema.parse(raw.page) };
}

/**
 * GET /admin (tableau de bord) and GET /admin/articles (all pieces, filtered and paginated), for
 * any signed-in person; each sees the pieces the policy lets them see. Also registers the
 * workflow actions (POST /admin/articles/:id/…) and the scheduled-publication job.
 */
export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The job runner publishes scheduled articles through this handler.
  registerArticleJobs();
  // Scheduled articles that arrived without a job (demo edition, import, restored backup) get one.
  app.addHook('onReady', async () => void (await enqueueMissingScheduleJobs(ctx.db)));
  workflowRoutes(app, ctx);

  app.get('/admin', { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    if (!can(actor, 'article:edit-own'))
      return sendPage(ctx, request, reply, 'Tableau de bord', 'tableau-de-bord', renderEmptyDashboard(actor.name));
    const [counts, lists] = await Promise.all([countByStatus(ctx.db, actor), loadDashboardLists(ctx.db, actor)]);
    const main = renderDashboard({
      counts,
      queue: can(actor, 'article:publish') ? lists.queue : null,
      myDrafts: lists.myDrafts,
      scheduled: lists.scheduled,
      recentlyPublished: lists.recentlyPublished,
      canCreate: can(actor, 'article:create'),
      notice: workflowNotice(request.query),
    });
    return sendPage(ctx, request, reply, 'Tableau de bord', 'tableau-de-bord', main);
  });

  app.get('/admin/articles', { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    const { filters, values, errors, page } = parseListQuery(request.query);
    const [{ items, total, more, authorLabel }, choices] = await Promise.all([
      listArticles(ctx.db, ctx.dialect, actor, filters, page, ARTICLES_PAGE_SIZE),
      loadFilterChoices(ctx.db),
    ]);
    const pages = Math.max(1, Math.ceil(total / ARTICLES_PAGE_SIZE));
    const main = renderArticleList({
      items,
      total,
      more,
      page,
      pages,
      values,
      errors,
      choices,
      authorLabel,
      canCreate: can(actor, 'article:create'),
      notice: workflowNotice(request.query),
    });
    return sendPage(ctx, request, reply, 'Articles', 'articles', main);
  });
}

async function sendPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  active: string,
  main: string,
): Promise<FastifyReply> {
  const csrfToken = reply.generateCsrf();
  const document = renderAdminLayout(ctx, actorOf(request), {
    title,
    main,
    active,
    csrfToken,
    publicationName: (await loadSiteChrome(ctx.db)).settings.name,
  });
  return sendAdminHtml(ctx, reply, document);
}
