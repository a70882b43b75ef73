import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { csrfCheck, formBody, formValue, sendCurationPage } from '../../curation/curation-http.ts';
import { classifierSettings, saveClassifierSettings } from '../external-classifier.ts';
import { renderClassifierPage } from './classifier-view.ts';

/**
 * The external comment classifier (administrators, settings:manage: comments leave for another service):
 *   GET|POST /admin/commentaires/classificateur   address, threshold; the signing secret shown once
 */
export function classifierRoutes(app: FastifyInstance, ctx: AppContext): void {
  const csrf = csrfCheck(app);
  const guard = requireActor('settings:manage');

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      secret?: string | null;
      notice?: string | null;
      error?: { field: string; message: string } | null;
      values?: { url: string; threshold: string };
      status?: number;
    } = {},
  ) {
    const stored = await classifierSettings(ctx.db);
    return sendCurationPage(ctx, request, reply, {
      title: 'Classificateur externe',
      active: 'commentaires',
      status: extra.status,
      main: (token) =>
        renderClassifierPage({
          csrf: token,
          url: extra.values?.url ?? stored?.url ?? '',
          threshold: extra.values?.threshold ?? String(stored?.threshold ?? 0.8).replace('.', ','),
          configured: Boolean(stored),
          secret: extra.secret ?? null,
          notice: extra.notice ?? null,
          error: extra.error ?? null,
        }),
    });
  }

  app.get('/admin/commentaires/classificateur', { preHandler: guard }, (request, reply) => show(request, reply));

  app.post('/admin/commentaires/classificateur', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const body = formBody(request);
    const values = { url: formValue(body.url), threshold: formValue(body.threshold) };
    try {
      const { secret } = await saveClassifierSettings(ctx, actorOf(request), { ...values, newSecret: formValue(body.newSecret) === '1' });
      // The secret is shown on this answer only (never stored in a URL or shown again).
      return show(request, reply, {
        secret,
        notice: values.url ? 'Classificateur enregistré.' : 'Classificateur désactivé : aucun commentaire n’est plus envoyé.',
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const field = (error.details as { field?: string } | undefined)?.field ?? '';
      return show(request, reply, { error: { field, message: error.message }, values, status: error.status });
    }
  });
}
