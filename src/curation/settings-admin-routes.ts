import type { FastifyInstance } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { csrfCheck, csrfTokenFor, formBody, formValue, seeOther, sendCurationPage } from './curation-http.ts';
import { FormError } from './curation-validation.ts';
import { settingsInputFromForm, settingsValues, updateSettings, type SettingsValues } from './settings-admin-operations.ts';
import { renderSettingsForm } from './settings-admin-view.ts';

const NOTICES = { enregistre: 'Réglages enregistrés : le site est à jour.' };

/** /admin/reglages: publication settings, administrators only. */
export function settingsAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/reglages', { preHandler: requireActor('settings:manage') }, async (request, reply) => {
    const { settings } = await loadSiteChrome(ctx.db);
    const csrfToken = csrfTokenFor(reply);
    const main = renderSettingsForm(settingsValues(settings), csrfToken, { notice: noticeFromQuery(request.query, NOTICES) });
    return sendCurationPage(ctx, request, reply, { title: 'Réglages', active: 'reglages', csrfToken, main: () => main });
  });

  app.post('/admin/reglages', { onRequest: csrfCheck(app), preHandler: requireActor('settings:manage') }, async (request, reply) => {
    const body = formBody(request);
    const values: SettingsValues = {
      name: formValue(body.name),
      tagline: formValue(body.tagline),
      publicUrl: formValue(body.publicUrl),
      language: formValue(body.language),
      logoImageId: formValue(body.logoImageId),
      commentsMode: formValue(body.commentsMode),
      commentsNotice: formValue(body.commentsNotice),
      commentsCloseAfterDays: formValue(body.commentsCloseAfterDays),
      feedContent: formValue(body.feedContent),
    };
    try {
      await updateSettings(ctx, actorOf(request), settingsInputFromForm(values));
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      const csrfToken = csrfTokenFor(reply);
      const main = renderSettingsForm(values, csrfToken, { errors: error.fields });
      return sendCurationPage(ctx, request, reply, { title: 'Réglages', active: 'reglages', status: 422, csrfToken, main: () => main });
    }
    return seeOther(reply, '/admin/reglages?ok=enregistre');
  });
}
