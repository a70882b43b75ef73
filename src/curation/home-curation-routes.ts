import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { articleChoicesByIds, searchPublishedArticles } from './article-search.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { csrfCheck, formBody, formList, formValue, seeOther, sendCurationPage } from './curation-http.ts';
import { FormError } from './curation-validation.ts';
import { HOME_SLOT_COUNT, listHomeSlots, saveHomeSlots } from './home-curation-operations.ts';
import { renderHomeCuration } from './home-curation-view.ts';
import { applyListAction, movedTo, parseListAction } from './ordered-list-actions.ts';
import { parseId } from '../core/input/ids.ts';

// Every change of la une (add, remove, move) is saved and online at once, and each notice says so.
const NOTICES: Record<string, string> = {
  enregistre: 'La une est enregistrée : elle est en ligne.',
  ajoute: 'Article ajouté à la une : il est en ligne.',
  retire: 'Article retiré de la une : la page d’accueil est à jour.',
  ...Object.fromEntries(
    Array.from({ length: HOME_SLOT_COUNT }, (_, i) => [`deplace-${i + 1}`, `Article déplacé en position ${i + 1} : la une est en ligne.`]),
  ),
};

const searchQuery = z.object({ q: z.string().max(200).default('') }).catch({ q: '' });

/** /admin/une: the editors pick the lead story and order the top stories. */
export function homeCurationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/une', { preHandler: requireActor('curation:home') }, async (request, reply) => {
    const { q } = searchQuery.parse(request.query);
    const slots = await listHomeSlots(ctx.db);
    const slotIds = slots.map((s) => s.article.id);
    const results = q.trim()
      ? await searchPublishedArticles(ctx.db, q, { excludeIds: slotIds })
      : await searchPublishedArticles(ctx.db, '', { excludeIds: slotIds, limit: 10 });
    return sendCurationPage(ctx, request, reply, {
      title: 'La une',
      active: 'une',
      main: (csrf) =>
        renderHomeCuration(
          { slots: slots.map((s) => s.article), query: q, results, notice: noticeFromQuery(request.query, NOTICES) },
          csrf,
        ),
    });
  });

  app.post('/admin/une', { onRequest: csrfCheck(app), preHandler: requireActor('curation:home') }, async (request, reply) => {
    const body = formBody(request);
    const q = formValue(body.q).slice(0, 200);
    const action = parseListAction(formValue(body.action) || undefined);
    if (!action) throw AppError.invalid('Action inconnue.', [{ path: 'action', message: 'Action inconnue.' }]);
    const submitted = formList(body.articleIds);
    const articleIds = applyListAction(submitted, action, action.kind === 'add' ? String(action.id) : undefined);
    const json = (request.headers.accept ?? '').startsWith('application/json');
    let saved: number[];
    try {
      saved = (await saveHomeSlots(ctx, actorOf(request), { articleIds: articleIds.map(Number) })).articleIds;
    } catch (error) {
      // The island's saves get the 422 as JSON (the error handler words it), the form the page again.
      if (!(error instanceof FormError) || json) throw error;
      // Re-render with the editor's list as submitted (before the refused action), nothing stored.
      const shown = await articleChoicesByIds(
        ctx.db,
        submitted.map(parseId).filter((n) => n !== null),
      );
      const results = await searchPublishedArticles(ctx.db, q, { excludeIds: shown.map((a) => a.id), limit: q ? 20 : 10 });
      return sendCurationPage(ctx, request, reply, {
        title: 'La une',
        active: 'une',
        status: 422,
        main: (csrf) => renderHomeCuration({ slots: shown, query: q, results, errors: error.fields }, csrf),
      });
    }
    // The island saves each move as it happens (drag and drop, Alt + arrows) and says so itself.
    if (json) return reply.header('cache-control', 'no-store').send({ articleIds: saved, savedAt: new Date().toISOString() });
    const moved = movedTo(action, articleIds.length);
    const code = action.kind === 'add' ? 'ajoute' : action.kind === 'remove' ? 'retire' : moved ? `deplace-${moved}` : 'enregistre';
    const anchor =
      action.kind === 'up' || action.kind === 'down' || action.kind === 'first' ? `#place-${articleIds[moved! - 1] ?? ''}` : '';
    return seeOther(reply, `/admin/une?ok=${code}${q && action.kind === 'add' ? `&q=${encodeURIComponent(q)}` : ''}${moved ? anchor : ''}`);
  });
}
