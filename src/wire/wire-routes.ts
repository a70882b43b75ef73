import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { actorOf, requireActor } from '../accounts/guards.ts';
import { sectionOptions } from '../curation/section-options.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { textId } from '../core/input/ids.ts';
import { type AgencyInput, createAgency, editAgency, pollNow, removeAgency } from './agency-operations.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { discardHeld, publishHeld } from './held-operations.ts';
import { folderOnDisk } from './wire-folder.ts';
import { wireItemSchema } from './wire-item.ts';
import { PHOTO_FAILURE_NOTICES, type PhotoFailure } from './wire-photo.ts';
import { registerWireJobs } from './wire-poll.ts';
import { findAgency, listAgencies, listItemsInState, listPhotoProblems } from './wire-repository.ts';
import { type AgencyFormState, agencyForm, EMPTY_AGENCY_FORM, renderAgencyList, renderAgencyPage, renderHeldQueue } from './wire-views.ts';

// /admin/agences (integration:manage): news agencies and their health.
// /admin/depeches (article:publish): the held dépêches, published or discarded by an editor.

const formSchema = z.object({
  name: z.string().default(''),
  sectionId: z.string().default(''),
  tags: z.string().default(''),
  rule: z.string().default(''),
  format: z.string().default(''),
  folderPath: z.string().default(''),
  pullUrl: z.string().default(''),
  pollSeconds: z.string().default(''),
  enabled: z.string().optional(),
});
const idParams = z.object({ id: textId('Identifiant invalide') });

const MESSAGES: Record<string, string> = {
  ajoutee: 'L’agence est ajoutée : ses dépêches sont relevées dès maintenant.',
  enregistree: 'Les réglages de l’agence sont enregistrés.',
  releve: 'Le relevé part maintenant : actualisez la page dans quelques secondes pour voir sa santé.',
  supprimee: 'L’agence est supprimée.',
  publiee: 'La dépêche est publiée.',
  programmee: 'La dépêche est programmée : elle sera publiée à la fin de son embargo.',
  ecartee: 'La dépêche est écartée.',
};

function messageOf(request: FastifyRequest): string | undefined {
  return noticeFromQuery(request.query, MESSAGES) ?? undefined;
}

/** `?photo=<code>`: the dépêche went out without its photo, and why. */
function photoWarningOf(request: FastifyRequest): string | undefined {
  const code = (request.query as { photo?: unknown }).photo;
  return typeof code === 'string' && Object.hasOwn(PHOTO_FAILURE_NOTICES, code) ? PHOTO_FAILURE_NOTICES[code as PhotoFailure] : undefined;
}

function idOf(request: FastifyRequest, what: string): number {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw AppError.notFound(what);
  return parsed.data.id;
}

/** The form's strings as the operation's typed input. */
function agencyInputFromForm(form: AgencyFormState): AgencyInput {
  const id = /^\d{1,10}$/.test(form.sectionId) ? Number(form.sectionId) : Number.NaN;
  const seconds = /^\d{1,6}$/.test(form.pollSeconds.trim()) ? Number(form.pollSeconds.trim()) : Number.NaN;
  return {
    name: form.name,
    sectionId: id,
    tags: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    rule: form.rule as AgencyInput['rule'],
    format: form.format as AgencyInput['format'],
    folderPath: form.folderPath,
    pullUrl: form.pullUrl,
    pollSeconds: seconds,
    enabled: form.enabled,
  };
}

function formOf(body: unknown): AgencyFormState {
  const raw = formSchema.parse(body ?? {});
  return { ...raw, enabled: raw.enabled === '1', errors: {} };
}

/** The operation's validation problems as the form's field errors; null for any other error. */
function formErrors(error: unknown): AgencyFormState['errors'] | null {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return null;
  const errors: AgencyFormState['errors'] = {};
  for (const problem of AppError.problemsOf(error)) errors[problem.path.split('.')[0] || 'name'] ??= problem.message;
  return errors;
}

export function wireRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerWireJobs();
  const manage = requireActor('integration:manage');
  const publish = requireActor('article:publish');
  const write = (preHandler: typeof manage) => ({ onRequest: app.csrfProtection, preHandler });

  const listScreen = async (request: FastifyRequest, reply: FastifyReply, form = EMPTY_AGENCY_FORM, status = 200) => {
    const [agencies, sections] = await Promise.all([listAgencies(ctx.db), sectionOptions(ctx.db, 'Choisissez une rubrique')]);
    const names = new Map(sections.map((s) => [s.value, s.label]));
    return sendAccountPage(ctx, request, reply, {
      title: 'Agences de presse',
      active: 'agences',
      status,
      main: (csrfToken) =>
        renderAgencyList({
          agencies: agencies.map((a) => ({
            ...a,
            folder_path: a.folder_path === null ? null : folderOnDisk(ctx.config.wireRoot, a.folder_path),
            sectionName: names.get(String(a.section_id)) ?? '—',
          })),
          form,
          sections,
          csrfToken,
          message: status === 200 ? messageOf(request) : undefined,
        }),
    });
  };

  const agencyScreen = async (request: FastifyRequest, reply: FastifyReply, id: number, form?: AgencyFormState, status = 200) => {
    const agency = await findAgency(ctx.db, id);
    if (!agency) throw AppError.notFound('Cette agence n’existe pas.');
    const sections = await sectionOptions(ctx.db, 'Choisissez une rubrique');
    return sendAccountPage(ctx, request, reply, {
      title: agency.name,
      active: 'agences',
      status,
      main: (csrfToken) =>
        renderAgencyPage({
          agency,
          form: form ?? agencyForm(agency, ctx.config.wireRoot),
          sections,
          csrfToken,
          message: status === 200 ? messageOf(request) : undefined,
        }),
    });
  };

  app.get('/admin/agences', { preHandler: manage }, (request, reply) => listScreen(request, reply));

  app.post('/admin/agences', write(manage), async (request, reply) => {
    const form = formOf(request.body);
    try {
      const id = await createAgency(ctx, actorOf(request), agencyInputFromForm(form));
      return reply.redirect(`/admin/agences/${id}?ok=ajoutee`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return listScreen(request, reply, { ...form, errors }, 422);
    }
  });

  app.get('/admin/agences/:id', { preHandler: manage }, (request, reply) =>
    agencyScreen(request, reply, idOf(request, 'Cette agence n’existe pas.')),
  );

  app.post('/admin/agences/:id', write(manage), async (request, reply) => {
    const id = idOf(request, 'Cette agence n’existe pas.');
    const form = formOf(request.body);
    try {
      await editAgency(ctx, actorOf(request), id, agencyInputFromForm(form));
      return reply.redirect(`/admin/agences/${id}?ok=enregistree`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return agencyScreen(request, reply, id, { ...form, errors }, 422);
    }
  });

  app.post('/admin/agences/:id/relever', write(manage), async (request, reply) => {
    const id = idOf(request, 'Cette agence n’existe pas.');
    await pollNow(ctx, actorOf(request), id);
    return reply.redirect(`/admin/agences/${id}?ok=releve`, 303);
  });

  app.post('/admin/agences/:id/supprimer', write(manage), async (request, reply) => {
    await removeAgency(ctx, actorOf(request), idOf(request, 'Cette agence n’existe pas.'));
    return reply.redirect('/admin/agences?ok=supprimee', 303);
  });

  app.get('/admin/depeches', { preHandler: publish }, async (request, reply) => {
    const [rows, problems] = await Promise.all([listItemsInState(ctx.db, 'held'), listPhotoProblems(ctx.db)]);
    const entries = rows.map((r) => ({
      id: r.id,
      agencyName: r.agencyName,
      version: r.version,
      receivedAt: r.updated_at,
      item: wireItemSchema.parse(JSON.parse(r.payload)),
    }));
    return sendAccountPage(ctx, request, reply, {
      title: 'Dépêches en attente',
      active: 'depeches',
      main: (csrfToken) =>
        renderHeldQueue({
          entries,
          problems: problems.map((p) => ({
            articleId: p.article_id!,
            headline: p.headline,
            agencyName: p.agencyName,
            version: p.version,
            updatedAt: p.updated_at,
            code: p.photo_problem,
            reason: p.photo_reason,
          })),
          csrfToken,
          message: messageOf(request),
          warning: photoWarningOf(request),
        }),
    });
  });

  app.post('/admin/depeches/:id/publier', write(publish), async (request, reply) => {
    const { state, photo } = await publishHeld(ctx, actorOf(request), idOf(request, 'Cette dépêche n’existe pas.'));
    const ok = state === 'scheduled' ? 'programmee' : 'publiee';
    return reply.redirect(`/admin/depeches?ok=${ok}${photo.kind === 'failed' ? `&photo=${photo.code}` : ''}`, 303);
  });

  app.post('/admin/depeches/:id/ecarter', write(publish), async (request, reply) => {
    await discardHeld(ctx, actorOf(request), idOf(request, 'Cette dépêche n’existe pas.'));
    return reply.redirect('/admin/depeches?ok=ecartee', 303);
  });
}
