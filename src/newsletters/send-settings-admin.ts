import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { csrfInput, errorSummary, okNotice, textField } from '../curation/curation-form-fields.ts';
import { sendCurationPage } from '../curation/curation-http.ts';
import type { FieldErrors } from '../curation/curation-validation.ts';
import { readSendingLimits, saveSendingLimits, slotSpacingMs } from './send-pace.ts';

const PATH = '/admin/newsletters/envoi';
const LABELS = { perSecond: 'Messages par seconde au plus', perHour: 'Messages par heure au plus' };

interface Values {
  perSecond: string;
  perHour: string;
}

/** The cap in words, as every sending process applies it. */
function paceSummary(perSecond: number, perHour: number): string {
  const spacing = slotSpacingMs({ perSecond, perHour });
  if (spacing === 0) return 'Aucune limite : les messages partent aussi vite que le serveur de courrier les accepte.';
  const rate = 1000 / spacing;
  const shown =
    rate >= 1
      ? `${rate.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} message(s) par seconde`
      : `un message toutes les ${(spacing / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} secondes`;
  return `Limite appliquée par l’ensemble des processus d’envoi : ${shown} au plus.`;
}

function renderSendSettings(o: {
  values: Values;
  summary: string;
  worker: boolean;
  errors?: FieldErrors;
  csrf: string;
  notice: string | null;
}): string {
  const e = o.errors;
  const where = o.worker
    ? 'Ce serveur web n’envoie rien : les newsletters partent d’un processus à part (npm run kiosque -- newsletter:worker).'
    : 'Ce serveur web envoie lui-même les newsletters (NEWSLETTER_JOBS=web).';
  return html`<div class="page-header"><h1>Réglages d’envoi</h1><a class="button button--quiet" href="/admin/newsletters">Newsletters</a></div>!${okNotice(o.notice)}<p>${fr(o.summary)}</p><p class="field__hint">${fr(where)}</p><form method="post" action="${PATH}" class="admin-form" novalidate>!${csrfInput(o.csrf)}!${errorSummary(e, LABELS)}!${textField({ name: 'perSecond', label: LABELS.perSecond, value: o.values.perSecond, errors: e, type: 'number', inputmode: 'numeric', hint: 'Le plafond de votre fournisseur (14 chez Amazon SES au départ, par exemple) ; 0 : aucune limite.' })}!${textField({ name: 'perHour', label: LABELS.perHour, value: o.values.perHour, errors: e, type: 'number', inputmode: 'numeric', hint: 'Réparti régulièrement sur l’heure ; 0 : aucune limite.' })}<div class="button-row"><button type="submit" class="button">Enregistrer la limite</button></div></form>`;
}

const bodySchema = z.object({ perSecond: z.string().default(''), perHour: z.string().default('') });

/** A whole number typed in a field ('' counts as 0); NaN when it is not one. */
function wholeNumber(value: string): number {
  const trimmed = value.trim();
  if (trimmed === '') return 0;
  return /^[0-9]{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * /admin/newsletters/envoi: the publication's sending cap (send-pace.ts), honoured by every
 * process that sends, and whether this web process sends at all.
 */
export function sendSettingsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: { read: RouteShorthandOptions; write: RouteShorthandOptions },
): void {
  const screen = async (request: FastifyRequest, reply: FastifyReply, form?: { values: Values; errors: FieldErrors }) => {
    const limits = await readSendingLimits(ctx.db);
    const ok = (request.query as { ok?: unknown } | undefined)?.ok === 'enregistre';
    return sendCurationPage(ctx, request, reply, {
      title: 'Réglages d’envoi',
      active: 'newsletters',
      status: form ? 422 : 200,
      main: (csrf) =>
        renderSendSettings({
          values: form?.values ?? { perSecond: String(limits.perSecond), perHour: String(limits.perHour) },
          summary: paceSummary(limits.perSecond, limits.perHour),
          worker: ctx.config.newsletterMail.jobs === 'worker',
          errors: form?.errors,
          csrf,
          notice: ok && !form ? 'La limite d’envoi est enregistrée.' : null,
        }),
    });
  };

  app.get(PATH, options.read, (request, reply) => screen(request, reply));

  app.post(PATH, options.write, async (request, reply) => {
    const values = bodySchema.parse(request.body ?? {});
    try {
      await saveSendingLimits(ctx, actorOf(request), { perSecond: wholeNumber(values.perSecond), perHour: wholeNumber(values.perHour) });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const errors: FieldErrors = {};
      for (const p of AppError.problemsOf(error)) errors[p.path || '_form'] ??= p.message;
      return screen(request, reply, { values, errors });
    }
    return reply.redirect(`${PATH}?ok=enregistre`, 303);
  });
}
