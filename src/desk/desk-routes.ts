import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { draftsOfItem, listViews, loadBoard, loadDeskSettings, outletLanguages, storyItems } from './board-repository.ts';
import { createPepiteDraft, editDeskSettings, readItem, removeView, saveView } from './desk-operations.ts';
import { findItem, listOutlets } from './desk-repository.ts';
import { deskFiltersSchema } from './desk-schemas.ts';
import { renderDeskBoard, renderItemPage } from './desk-views.ts';
import { storedExtraction } from './extract-article.ts';
import { registerFeedFetchJob } from './feed-fetcher.ts';
import { outletRoutes } from './outlet-routes.ts';
import { checkDraftQuotes } from './pepite-guard.ts';
import { type FormErrors, formErrorsOf, renderDeskSettings, settingsValues } from './outlet-views.ts';

const MESSAGES: Record<string, string> = {
  vue: 'La vue est enregistrée.',
  'vue-supprimee': 'La vue est supprimée.',
  reglages: 'Les réglages de la veille sont enregistrés.',
};

function messageOf(request: FastifyRequest): string | undefined {
  const key = (request.query as { ok?: unknown }).ok;
  return typeof key === 'string' ? MESSAGES[key] : undefined;
}

const viewForm = z.object({ name: z.string().default(''), filters: z.string().default('') });
const settingsForm = z.object({ quoteWarnWords: z.string().default(''), quoteBlockWords: z.string().default('') });
// A number typed in a form: the text itself when it is not one, so the operation reports it.
const formNumber = (text: string): number => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** /admin/veille…: the curation desk (stories across outlets, reading, pépite drafts, saved views, settings). */
export function curationDeskRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerFeedFetchJob();
  const guard = requireActor('desk:use');
  const write = { onRequest: app.csrfProtection, preHandler: guard };
  outletRoutes(app, ctx);

  const board = async (request: FastifyRequest, reply: FastifyReply, view = { name: '', errors: {} as FormErrors }, status = 200) => {
    const actor = actorOf(request);
    const filters = deskFiltersSchema.parse(request.query ?? {});
    const now = new Date();
    const [stories, outlets, languages, views] = await Promise.all([
      loadBoard(ctx.db, filters, now),
      listOutlets(ctx.db),
      outletLanguages(ctx.db),
      actor.userId === null ? Promise.resolve([]) : listViews(ctx.db, actor.userId),
    ]);
    return sendAccountPage(ctx, request, reply, {
      title: 'Veille',
      active: 'veille',
      status,
      main: (csrfToken) =>
        renderDeskBoard({
          stories,
          filters,
          outlets,
          languages,
          views,
          viewName: view.name,
          viewErrors: view.errors,
          csrfToken,
          message: messageOf(request),
        }),
    });
  };

  app.get('/admin/veille', { preHandler: guard }, (request, reply) => board(request, reply));

  app.post('/admin/veille/vues', write, async (request, reply) => {
    const form = viewForm.parse(request.body ?? {});
    const filters = deskFiltersSchema.parse(Object.fromEntries(new URLSearchParams(form.filters)));
    try {
      await saveView(ctx, actorOf(request), { name: form.name, filters });
    } catch (error) {
      request.query = Object.fromEntries(new URLSearchParams(form.filters));
      return board(request, reply, { name: form.name, errors: formErrorsOf(error) }, 422);
    }
    return reply.redirect(`/admin/veille?${new URLSearchParams(form.filters).toString()}&ok=vue`, 303);
  });

  app.post('/admin/veille/vues/:id/supprimer', write, async (request, reply) => {
    await removeView(ctx, actorOf(request), pathId((request.params as { id: string }).id, 'Cette vue n’existe pas.'));
    return reply.redirect('/admin/veille?ok=vue-supprimee', 303);
  });

  const itemScreen = async (request: FastifyRequest, reply: FastifyReply, readError?: string) => {
    const id = pathId((request.params as { id: string }).id, 'Cet article de veille n’existe pas.');
    const item = await findItem(ctx.db, id);
    if (!item) throw AppError.notFound('Cet article de veille n’existe pas.');
    const [story, drafts] = await Promise.all([
      item.cluster_id === null ? [] : storyItems(ctx.db, item.cluster_id),
      draftsOfItem(ctx.db, id),
    ]);
    return sendAccountPage(ctx, request, reply, {
      title: item.headline,
      active: 'veille',
      status: readError ? 422 : 200,
      main: (csrfToken) => renderItemPage({ item, story, extraction: storedExtraction(item.extracted), drafts, readError, csrfToken }),
    });
  };

  app.get('/admin/veille/articles/:id', { preHandler: guard }, (request, reply) => itemScreen(request, reply));

  app.post('/admin/veille/articles/:id/lire', write, async (request, reply) => {
    const id = pathId((request.params as { id: string }).id, 'Cet article de veille n’existe pas.');
    try {
      await readItem(ctx, actorOf(request), id);
    } catch (error) {
      const problems = AppError.problemsOf(error);
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return itemScreen(request, reply, problems[0]?.message ?? error.message);
    }
    return reply.redirect(`/admin/veille/articles/${id}#lecture-titre`, 303);
  });

  app.post('/admin/veille/articles/:id/pepite', write, async (request, reply) => {
    const id = pathId((request.params as { id: string }).id, 'Cet article de veille n’existe pas.');
    const articleId = await createPepiteDraft(ctx, actorOf(request), id);
    return reply.redirect(`/admin/articles/${articleId}`, 303);
  });

  // The live quote guard of the pépite editor: the unsaved fields in, the verdict's markup out.
  app.post('/admin/veille/garde/:id', write, async (request, reply) => {
    const id = pathId((request.params as { id: string }).id, 'Cet article n’existe pas.');
    return reply.header('cache-control', 'no-store').send(await checkDraftQuotes(ctx, actorOf(request), id, request.body ?? {}));
  });

  const settingsScreen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: z.infer<typeof settingsForm>; errors: FormErrors },
  ) => {
    const values = form?.values ?? settingsValues(await loadDeskSettings(ctx.db));
    return sendAccountPage(ctx, request, reply, {
      title: 'Réglages de la veille',
      active: 'veille',
      status: form ? 422 : 200,
      main: (csrfToken) =>
        renderDeskSettings({ values, errors: form?.errors ?? {}, csrfToken, message: form ? undefined : messageOf(request) }),
    });
  };

  app.get('/admin/veille/reglages', { preHandler: guard }, (request, reply) => settingsScreen(request, reply));

  app.post('/admin/veille/reglages', write, async (request, reply) => {
    const values = settingsForm.parse(request.body ?? {});
    try {
      await editDeskSettings(ctx, actorOf(request), {
        quoteWarnWords: formNumber(values.quoteWarnWords),
        quoteBlockWords: formNumber(values.quoteBlockWords),
      });
    } catch (error) {
      return settingsScreen(request, reply, { values, errors: formErrorsOf(error) });
    }
    return reply.redirect('/admin/veille/reglages?ok=reglages', 303);
  });
}
