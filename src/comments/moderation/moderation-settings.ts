import { z } from 'zod';
import { assertCan, type Actor } from '../../accounts/policy.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { FALLBACK_SETTINGS, forgetSiteChrome } from '../../publication/publication-repository.ts';
import { newWebhookSecret } from '../../webhooks/webhook-signature.ts';

/** A score between 0 and 1 typed the French way ("0,8") or not ("0.8"). */
const score = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(0([.,]\d{1,2})?|1([.,]0{1,2})?)$/, `${label} : un nombre entre 0 et 1, par exemple 0,8.`)
    .transform((v) => Number(v.replace(',', '.')));
const whole = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, `${label} : un nombre entier entre ${min} et ${max}.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} : un nombre entier entre ${min} et ${max}.`);

const schema = z.object({
  spamThreshold: score('Seuil du score de spam'),
  alertThreshold: whole('Seuil d’alerte', 0, 1000),
  alertWindowHours: whole('Fenêtre d’alerte', 1, 168),
  classifierUrl: z
    .string()
    .trim()
    .max(500, 'L’adresse du classificateur ne doit pas dépasser 500 caractères.')
    .refine(
      (v) => v === '' || z.url({ protocol: /^https?$/ }).safeParse(v).success,
      'Adresse du classificateur invalide : une adresse http(s) complète.',
    ),
  classifierThreshold: score('Seuil du classificateur'),
  newSecret: z.boolean(),
});

/** The moderation settings form, as typed. */
export type ModerationSettingsForm = { [K in Exclude<keyof z.input<typeof schema>, 'newSecret'>]: string } & { newSecret: boolean };

/**
 * Saves the moderation thresholds and the external classifier (administrators only: comments may
 * leave for another service). Everything is checked before anything is written. A signing secret is
 * made with the classifier's first address, or on request, and returned to be shown once; an empty
 * address turns the classifier off.
 */
export async function saveModerationSettings(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  input: ModerationSettingsForm,
): Promise<{ secret: string | null }> {
  assertCan(actor, 'settings:manage');
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', 422, issue.message, { details: { field: String(issue.path[0] ?? '') } });
  }
  const data = parsed.data;
  const now = new Date().toISOString();
  const thresholds = {
    comments_spam_threshold: data.spamThreshold,
    comments_alert_threshold: data.alertThreshold,
    comments_alert_window_hours: data.alertWindowHours,
  };
  const secret = await ctx.db.transaction().execute(async (trx) => {
    const settings = await trx.selectFrom('settings').select('id').where('id', '=', 1).executeTakeFirst();
    if (settings) await trx.updateTable('settings').set(thresholds).where('id', '=', 1).execute();
    else
      await trx
        .insertInto('settings')
        .values({ ...FALLBACK_SETTINGS, ...thresholds, updated_at: now })
        .execute();
    const before = await trx.selectFrom('comment_classifier').selectAll().where('id', '=', 1).executeTakeFirst();
    const url = data.classifierUrl;
    const kept = before?.secret ?? '';
    const secretNow = url === '' ? '' : data.newSecret || kept === '' ? newWebhookSecret() : kept;
    const row = { url, threshold: data.classifierThreshold, secret: secretNow, updated_at: now };
    await trx
      .insertInto('comment_classifier')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await recordAudit(
      trx,
      actor,
      'comments.settings',
      { type: 'settings', id: 1 },
      {
        ...thresholds,
        classifierUrl: url,
        classifierThreshold: data.classifierThreshold,
        newSecret: secretNow !== '' && secretNow !== kept,
      },
    );
    return secretNow !== '' && secretNow !== kept ? secretNow : null;
  });
  forgetSiteChrome(ctx.db);
  return { secret };
}
