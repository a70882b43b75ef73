import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { pathId } from '../core/input/ids.ts';
import { addFeed, createOutlet, editOutlet, pollFeedNow, removeFeed, removeOutlet } from './desk-operations.ts';
import { findOutlet, listFeeds, listOutlets } from './desk-repository.ts';
import { DESK_FEED_KINDS } from './desk-labels.ts';
import {
  EMPTY_FEED_FORM,
  EMPTY_OUTLET_FORM,
  type FeedForm,
  type FormErrors,
  formErrorsOf,
  type OutletForm,
  outletFormOf,
  renderOutletList,
  renderOutletPage,
} from './outlet-views.ts';

const outletForm = z.object({
  name: z.string().default(''),
  siteUrl: z.string().default(''),
  logoUrl: z.string().default(''),
  language: z.string().default(''),
  country: z.string().default(''),
  quoteAllowed: z.string().optional(),
});
const feedForm = z.object({ url: z.string().default(''), kind: z.string().default('auto'), intervalMinutes: z.string().default('') });

const MESSAGES: Record<string, string> = {
  ajoute: 'Le média est ajouté : donnez-lui maintenant ses flux.',
  enregistre: 'La fiche du média est enregistrée.',
  supprime: 'Le média ne fait plus partie de la veille.',
  flux: 'Le flux est ajouté : sa première lecture part maintenant.',
  'flux-retire': 'Le flux est retiré.',
  lecture: 'La lecture du flux part maintenant ; son état s’affiche ici dans quelques secondes.',
};

function messageOf(request: FastifyRequest): string | undefined {
  const key = (request.query as { ok?: unknown }).ok;
  return typeof key === 'string' ? MESSAGES[key] : undefined;
}

function outletInput(form: OutletForm) {
  return { ...form, quoteAllowed: form.quoteAllowed };
}

function readOutletForm(body: unknown): OutletForm {
  const raw = outletForm.parse(body ?? {});
  return { ...raw, quoteAllowed: raw.quoteAllowed === '1' };
}

function readFeedForm(body: unknown): FeedForm {
  const raw = feedForm.parse(body ?? {});
  const kind = (DESK_FEED_KINDS as readonly string[]).includes(raw.kind) ? (raw.kind as FeedForm['kind']) : 'auto';
  return { url: raw.url, kind, intervalMinutes: raw.intervalMinutes };
}

/** /admin/veille/medias…: the outlets registry and each outlet's feeds with their health. */
export function outletRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireActor('desk:use');
  const write = { onRequest: app.csrfProtection, preHandler: guard };
  const outletId = (request: FastifyRequest) => pathId((request.params as { id: string }).id, 'Ce média n’existe pas.');

  const listScreen = async (request: FastifyRequest, reply: FastifyReply, form = EMPTY_OUTLET_FORM, errors: FormErrors = {}) => {
    const [outlets, feeds] = await Promise.all([listOutlets(ctx.db), listFeeds(ctx.db)]);
    const failed = Object.keys(errors).length > 0;
    return sendAccountPage(ctx, request, reply, {
      title: 'Médias suivis',
      active: 'veille',
      status: failed ? 422 : 200,
      main: (csrfToken) => renderOutletList({ outlets, feeds, form, errors, csrfToken, message: failed ? undefined : messageOf(request) }),
    });
  };

  const outletScreen = async (
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { form?: OutletForm; errors?: FormErrors; feedForm?: FeedForm; feedErrors?: FormErrors } = {},
  ) => {
    const id = outletId(request);
    const outlet = await findOutlet(ctx.db, id);
    if (!outlet) throw AppError.notFound('Ce média n’existe pas.');
    const feeds = await listFeeds(ctx.db, id);
    const failed = Object.keys(forms.errors ?? {}).length + Object.keys(forms.feedErrors ?? {}).length > 0;
    return sendAccountPage(ctx, request, reply, {
      title: outlet.name,
      active: 'veille',
      status: failed ? 422 : 200,
      main: (csrfToken) =>
        renderOutletPage({
          outlet,
          feeds,
          form: forms.form ?? outletFormOf(outlet),
          errors: forms.errors ?? {},
          feedForm: forms.feedForm ?? EMPTY_FEED_FORM,
          feedErrors: forms.feedErrors ?? {},
          csrfToken,
          message: failed ? undefined : messageOf(request),
        }),
    });
  };

  app.get('/admin/veille/medias', { preHandler: guard }, (request, reply) => listScreen(request, reply));

  app.post('/admin/veille/medias', write, async (request, reply) => {
    const form = readOutletForm(request.body);
    let id: number;
    try {
      id = await createOutlet(ctx, actorOf(request), outletInput(form));
    } catch (error) {
      return listScreen(request, reply, form, formErrorsOf(error));
    }
    return reply.redirect(`/admin/veille/medias/${id}?ok=ajoute`, 303);
  });

  app.get('/admin/veille/medias/:id', { preHandler: guard }, (request, reply) => outletScreen(request, reply));

  app.post('/admin/veille/medias/:id', write, async (request, reply) => {
    const id = outletId(request);
    const form = readOutletForm(request.body);
    try {
      await editOutlet(ctx, actorOf(request), id, outletInput(form));
    } catch (error) {
      return outletScreen(request, reply, { form, errors: formErrorsOf(error) });
    }
    return reply.redirect(`/admin/veille/medias/${id}?ok=enregistre`, 303);
  });

  app.post('/admin/veille/medias/:id/supprimer', write, async (request, reply) => {
    await removeOutlet(ctx, actorOf(request), outletId(request));
    return reply.redirect('/admin/veille/medias?ok=supprime', 303);
  });

  app.post('/admin/veille/medias/:id/flux', write, async (request, reply) => {
    const id = outletId(request);
    const form = readFeedForm(request.body);
    const minutes = /^\d{1,5}$/.test(form.intervalMinutes.trim()) ? Number(form.intervalMinutes.trim()) : Number.NaN;
    try {
      await addFeed(ctx, actorOf(request), id, { url: form.url, kind: form.kind, intervalMinutes: minutes });
    } catch (error) {
      return outletScreen(request, reply, { feedForm: form, feedErrors: formErrorsOf(error) });
    }
    return reply.redirect(`/admin/veille/medias/${id}?ok=flux`, 303);
  });

  const feedId = (request: FastifyRequest) => pathId((request.params as { feedId: string }).feedId, 'Ce flux n’existe pas.');

  app.post('/admin/veille/medias/:id/flux/:feedId/supprimer', write, async (request, reply) => {
    const id = outletId(request);
    await removeFeed(ctx, actorOf(request), id, feedId(request));
    return reply.redirect(`/admin/veille/medias/${id}?ok=flux-retire`, 303);
  });

  app.post('/admin/veille/medias/:id/flux/:feedId/lire', write, async (request, reply) => {
    const id = outletId(request);
    await pollFeedNow(ctx, actorOf(request), id, feedId(request));
    return reply.redirect(`/admin/veille/medias/${id}?ok=lecture`, 303);
  });
}
