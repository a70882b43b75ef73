import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { csrfCheck, formBody, formValue, sendCurationPage } from '../../curation/curation-http.ts';
import { loadSiteChrome } from '../../publication/publication-repository.ts';
import { classifierSettings } from '../external-classifier.ts';
import { type ModerationSettingsForm, saveModerationSettings } from './moderation-settings.ts';
import { renderModerationSettingsPage } from './moderation-settings-view.ts';

const decimal = (n: number) => String(n).replace('.', ',');

/**
 * Moderation settings (administrators, settings:manage: comments may leave for another service):
 *   GET|POST /admin/commentaires/reglages   spam and alert thresholds; the external classifier (secret shown once)
 */
export function moderationSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const csrf = csrfCheck(app);
  const guard = requireActor('settings:manage');

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      secret?: string | null;
      notice?: string | null;
      error?: { field: string; message: string } | null;
      values?: ModerationSettingsForm;
      status?: number;
    } = {},
  ) {
    const [{ settings }, classifier] = await Promise.all([loadSiteChrome(ctx.db), classifierSettings(ctx.db)]);
    const stored = {
      spamThreshold: decimal(settings.comments_spam_threshold),
      alertThreshold: String(settings.comments_alert_threshold),
      alertWindowHours: String(settings.comments_alert_window_hours),
      classifierUrl: classifier?.url ?? '',
      classifierThreshold: decimal(classifier?.threshold ?? 0.8),
    };
    return sendCurationPage(ctx, request, reply, {
      title: 'Réglages de la modération',
      active: 'commentaires',
      status: extra.status,
      main: (token) =>
        renderModerationSettingsPage({
          csrf: token,
          values: extra.values ?? stored,
          classifierConfigured: Boolean(classifier),
          secret: extra.secret ?? null,
          notice: extra.notice ?? null,
          error: extra.error ?? null,
        }),
    });
  }

  app.get('/admin/commentaires/reglages', { preHandler: guard }, (request, reply) => show(request, reply));

  app.post('/admin/commentaires/reglages', { onRequest: csrf, preHandler: guard }, async (request, reply) => {
    const body = formBody(request);
    const values: ModerationSettingsForm = {
      spamThreshold: formValue(body.spamThreshold),
      alertThreshold: formValue(body.alertThreshold),
      alertWindowHours: formValue(body.alertWindowHours),
      classifierUrl: formValue(body.classifierUrl),
      classifierThreshold: formValue(body.classifierThreshold),
      newSecret: formValue(body.newSecret) === '1',
    };
    try {
      const { secret } = await saveModerationSettings(ctx, actorOf(request), values);
      // The secret is on this answer only (never in a URL, never shown again).
      return show(request, reply, { secret, notice: 'Réglages de la modération enregistrés.' });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const field = (error.details as { field?: string } | undefined)?.field ?? '';
      return show(request, reply, { error: { field, message: error.message }, values, status: error.status });
    }
  });
}
