import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import { articlePath } from '../../articles/teaser-repository.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { csrfCheck, formBody, formList, formValue, sendCurationPage } from '../../curation/curation-http.ts';
import { MODERATION_LIST_NAMES, type ModerationListName, readModerationList } from '../../readers/moderation-lists.ts';
import type { RuleHit } from '../moderation-rules.ts';
import { type DeskItem, QUEUES, type Queue, renderDesk, renderListsPage } from './desk-view.ts';
import {
  DESK_ACTIONS,
  moderateComments,
  READER_SANCTIONS,
  restoreArticleMode,
  sanctionReader,
  saveLists,
} from './moderation-operations.ts';

const deskQuery = z.object({
  file: z.enum(Object.keys(QUEUES) as [Queue, ...Queue[]]).catch('a-moderer'),
  article: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional()
    .catch(undefined),
  ok: z.string().optional(),
});
const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const NOTICES: Record<string, string> = {
  decision: 'Décision enregistrée.',
  lecteur: 'Décision sur le lecteur enregistrée.',
  retabli: 'Mode habituel rétabli.',
  listes: 'Listes enregistrées.',
};

/**
 * The moderation desk (back office, permission comment:moderate):
 *   GET  /admin/commentaires?file=a-moderer|signales|refuses|tous&article=N
 *   POST /admin/commentaires/decision                 approve, refuse (reason), feature — one or many
 *   POST /admin/commentaires/lecteurs/:id             warn, suspend until a date, ban, reinstate
 *   POST /admin/commentaires/articles/:id/retablir    end an automatic pré-modération
 *   GET|POST /admin/commentaires/listes               word lists and disposable domains
 */
export function deskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const csrf = csrfCheck(app);
  const guard = requireActor('comment:moderate');

  function queueFilter(queue: Queue, articleId: number | undefined) {
    let q = ctx.db.selectFrom('comments');
    if (queue === 'a-moderer') q = q.where('comments.status', '=', 'pending');
    if (queue === 'signales')
      q = q
        .where('comments.status', '=', 'visible')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('comment_reports')
              .select('id')
              .whereRef('comment_reports.comment_id', '=', 'comments.id')
              .where('resolved_at', 'is', null),
          ),
        );
    if (queue === 'refuses') q = q.where('comments.status', '=', 'rejected');
    if (queue === 'tous') q = q.where('comments.status', '!=', 'removed');
    if (articleId) q = q.where('comments.article_id', '=', articleId);
    return q;
  }

  async function showDesk(request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) {
    const query = deskQuery.parse(request.query ?? {});
    const rows = await queueFilter(query.file, query.article)
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('readers', 'readers.id', 'comments.reader_id')
      .leftJoin('comments as parent', 'parent.id', 'comments.parent_id')
      .leftJoin('readers as parent_reader', 'parent_reader.id', 'parent.reader_id')
      .select([
        'comments.id',
        'comments.article_id',
        'comments.body',
        'comments.status',
        'comments.created_at',
        'comments.featured',
        'comments.spam_score',
        'comments.rules',
        'comments.decision_reason',
        'comments.contest_text',
        'comments.contested_at',
        'articles.headline',
        'articles.slug',
        'sections.slug as section_slug',
        'readers.id as reader_id',
        'readers.display_name',
        'readers.status as reader_status',
        'parent.body as parent_body',
        'parent_reader.display_name as parent_name',
      ])
      .orderBy('comments.created_at', query.file === 'a-moderer' ? 'asc' : 'desc')
      .limit(50)
      .execute();
    const ids = rows.map((r) => r.id);
    const readerIds = [...new Set(rows.map((r) => r.reader_id).filter((id): id is number => id !== null))];
    const [reports, history, counts, alerts] = await Promise.all([
      ids.length
        ? ctx.db
            .selectFrom('comment_reports')
            .select(['comment_id', 'reason', 'text'])
            .where('comment_id', 'in', ids)
            .where('resolved_at', 'is', null)
            .execute()
        : [],
      readerIds.length
        ? ctx.db
            .selectFrom('comments')
            .select(['reader_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
            .where('reader_id', 'in', readerIds)
            .groupBy(['reader_id', 'status'])
            .execute()
        : [],
      Promise.all(
        (Object.keys(QUEUES) as Queue[]).map(
          async (q) =>
            [
              q,
              Number(
                (
                  await queueFilter(q, query.article)
                    .select((eb) => eb.fn.countAll<number>().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              ),
            ] as const,
        ),
      ),
      ctx.db
        .selectFrom('comment_threads')
        .innerJoin('articles', 'articles.id', 'comment_threads.article_id')
        .select([
          'comment_threads.article_id',
          'articles.headline',
          'comment_threads.auto_premoderation_reason',
          'comment_threads.auto_premoderation_at',
        ])
        .where('comment_threads.auto_premoderation_at', 'is not', null)
        .execute(),
    ]);
    const historyOf = (readerId: number, status: string) =>
      Number(history.find((h) => h.reader_id === readerId && h.status === status)?.n ?? 0);
    const items: DeskItem[] = rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      headline: r.headline,
      articlePath: articlePath({ sectionSlug: r.section_slug, slug: r.slug }),
      body: r.body,
      status: r.status,
      createdAt: r.created_at,
      featured: r.featured === 1,
      spamScore: r.spam_score,
      rules: JSON.parse(r.rules) as RuleHit[],
      decisionReason: r.decision_reason,
      contestText: r.contest_text,
      contestedAt: r.contested_at,
      parent: r.parent_body !== null ? { author: r.parent_name ?? 'Compte supprimé', body: r.parent_body } : null,
      reports: reports.filter((p) => p.comment_id === r.id),
      reader:
        r.reader_id !== null
          ? {
              id: r.reader_id,
              name: r.display_name ?? '',
              status: r.reader_status ?? 'active',
              visible: historyOf(r.reader_id, 'visible'),
              refused: historyOf(r.reader_id, 'rejected'),
            }
          : null,
    }));
    return sendCurationPage(ctx, request, reply, {
      title: 'Modération des commentaires',
      active: 'commentaires',
      status,
      main: (token) =>
        renderDesk({
          csrf: token,
          queue: query.file,
          articleId: query.article ?? null,
          items,
          counts: Object.fromEntries(counts) as Record<Queue, number>,
          alerts: alerts.map((a) => ({
            articleId: a.article_id,
            headline: a.headline,
            reason: a.auto_premoderation_reason,
            since: a.auto_premoderation_at ?? '',
          })),
          notice: query.ok ? (NOTICES[query.ok] ?? null) : null,
          error,
        }),
    });
  }

  function back(request: FastifyRequest, ok: string): string {
    const ref = request.headers.referer;
    try {
      const url = new URL(ref ?? '', ctx.config.publicUrl);
      if (url.pathname === '/admin/commentaires') {
        url.searchParams.set('ok', ok);
        return `${url.pathname}${url.search}`;
      }
    } catch {}
    return `/admin/commentaires?ok=${ok}`;
  }

  async function orError(request: FastifyRequest, reply: FastifyReply, run: () => Promise<unknown>, ok: string) {
    try {
      await run();
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') return showDesk(request, reply, error.message, error.status);
      throw error;
    }
    return reply.redirect(back(request, ok), 303);
  }

  app.get('/admin/commentaires', { preHandler: guard }, (request, reply) => showDesk(request, reply));

  app.post('/admin/commentaires/decision', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const body = formBody(request);
    const action = formValue(body.action);
    if (!(DESK_ACTIONS as readonly string[]).includes(action)) throw AppError.badRequest('Action inconnue.');
    const ids = formList(body.ids)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    const reasons = formList(body.reason).filter((r) => r.trim());
    return orError(
      request,
      reply,
      () => moderateComments(ctx, actorOf(request), { ids, action: action as (typeof DESK_ACTIONS)[number], reason: reasons[0] ?? '' }),
      'decision',
    );
  });

  app.post('/admin/commentaires/lecteurs/:id', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = formBody(request);
    const sanction = formValue(body.sanction);
    if (!(READER_SANCTIONS as readonly string[]).includes(sanction)) throw AppError.badRequest('Décision inconnue.');
    return orError(
      request,
      reply,
      () =>
        sanctionReader(ctx, actorOf(request), {
          readerId: id,
          sanction: sanction as (typeof READER_SANCTIONS)[number],
          message: formValue(body.message),
          until: formValue(body.until),
        }),
      'lecteur',
    );
  });

  app.post('/admin/commentaires/articles/:id/retablir', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await restoreArticleMode(ctx, actorOf(request), id);
    return reply.redirect('/admin/commentaires?ok=retabli', 303);
  });

  async function showLists(request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) {
    const lists = Object.fromEntries(
      await Promise.all(MODERATION_LIST_NAMES.map(async (n) => [n, await readModerationList(ctx.db, n)] as const)),
    ) as Record<ModerationListName, string[]>;
    const ok = (request.query as Record<string, unknown>)?.ok;
    return sendCurationPage(ctx, request, reply, {
      title: 'Listes de modération',
      active: 'commentaires',
      status,
      main: (token) => renderListsPage({ csrf: token, lists, notice: ok === 'listes' ? NOTICES.listes : null, error }),
    });
  }

  app.get('/admin/commentaires/listes', { preHandler: guard }, (request, reply) => showLists(request, reply));

  app.post('/admin/commentaires/listes', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const body = formBody(request);
    try {
      await saveLists(
        ctx,
        actorOf(request),
        Object.fromEntries(MODERATION_LIST_NAMES.map((n) => [n, formValue(body[n])])) as Record<ModerationListName, string>,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') return showLists(request, reply, error.message, error.status);
      throw error;
    }
    return reply.redirect('/admin/commentaires/listes?ok=listes', 303);
  });
}
