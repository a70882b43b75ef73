import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { forgetSiteChrome, type Settings } from '../publication/publication-repository.ts';
import { assertImageExists, formId, optionalId, optionalText, parseForm, requiredText } from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;

/** The languages a publication can declare (html lang, feeds, Google News). */
export const LANGUAGES = [
  { value: 'fr', label: 'Français' },
  { value: 'fr-BE', label: 'Français (Belgique)' },
  { value: 'fr-CA', label: 'Français (Canada)' },
  { value: 'fr-CH', label: 'Français (Suisse)' },
] as const;

/** The settings form as typed. */
export interface SettingsValues {
  name: string;
  tagline: string;
  publicUrl: string;
  language: string;
  logoImageId: string;
  commentsMode: string;
  commentsNotice: string;
  commentsCloseAfterDays: string;
  /** 'full' (feeds carry the full text) or 'lead' (the lead only). */
  feedContent: string;
}

/** What saving the settings takes. */
export const settingsSchema = z.object({
  name: requiredText('Le nom de la publication', 80),
  tagline: optionalText('La devise', 160),
  publicUrl: z
    .string()
    .trim()
    .max(200, 'L’adresse publique ne doit pas dépasser 200 caractères.')
    .refine(
      (v) => v === '' || z.url({ protocol: /^https?$/ }).safeParse(v).success,
      'Adresse publique invalide : saisissez une adresse complète, par exemple https://www.exemple.fr.',
    )
    .transform((v) => (v === '' ? null : v.replace(/\/+$/, ''))),
  language: z.enum(LANGUAGES.map((l) => l.value) as [string, ...string[]], { error: 'Choisissez une langue de la liste.' }),
  logoImageId: optionalId('Le logo'),
  commentsMode: z.enum(['open', 'premoderation', 'closed', 'suspended'], {
    error: 'Choisissez si les commentaires sont ouverts, en pré-modération, fermés ou suspendus.',
  }),
  commentsCloseAfterDays: z
    .string()
    .trim()
    .regex(/^\d{0,4}$/, 'Fermeture automatique : un nombre de jours entre 0 et 3650.')
    .transform((v) => (v === '' ? 0 : Number(v)))
    .refine((n) => n <= 3650, 'Fermeture automatique : un nombre de jours entre 0 et 3650.'),
  commentsNotice: optionalText('Le message de suspension', 500),
  // Absent (an older form): full text, the default.
  feedContent: z
    .enum(['full', 'lead', ''], { error: 'Choisissez ce que les flux contiennent.' })
    .optional()
    .transform((v) => (v === 'lead' ? 0 : 1)),
});

export type SettingsInput = z.input<typeof settingsSchema>;

/** The form's strings as a settings input (choices outside the lists are refused with the other fields). */
export function settingsInputFromForm(values: SettingsValues): SettingsInput {
  return {
    ...values,
    logoImageId: formId(values.logoImageId),
    commentsMode: values.commentsMode as SettingsInput['commentsMode'],
    feedContent: values.feedContent as SettingsInput['feedContent'],
  };
}

/** The stored settings as form values. */
export function settingsValues(s: Settings): SettingsValues {
  return {
    name: s.name,
    tagline: s.tagline,
    publicUrl: s.public_url ?? '',
    language: s.language,
    logoImageId: s.logo_image_id === null ? '' : String(s.logo_image_id),
    commentsMode: s.comments_mode,
    commentsNotice: s.comments_notice,
    commentsCloseAfterDays: String(s.comments_close_after_days),
    feedContent: s.feed_full_text === 0 ? 'lead' : 'full',
  };
}

/** The stored settings row, if the publication has one yet. */
export function getSettings(db: Db): Promise<Settings | undefined> {
  return db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

/**
 * Saves the publication's settings (administrators only), records what changed in the audit log,
 * and drops every cached page: name, logo and the comments notice show everywhere.
 */
export async function updateSettings(ctx: Ctx, actor: Actor, input: SettingsInput): Promise<void> {
  assertCan(actor, 'settings:manage');
  const data = parseForm(settingsSchema, input);
  await assertImageExists(ctx.db, data.logoImageId, 'logoImageId');
  const row = {
    name: data.name,
    tagline: data.tagline,
    public_url: data.publicUrl,
    language: data.language,
    logo_image_id: data.logoImageId,
    comments_mode: data.commentsMode,
    comments_notice: data.commentsNotice,
    comments_close_after_days: data.commentsCloseAfterDays,
    feed_full_text: data.feedContent,
    updated_at: new Date().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirst();
    if (before) await trx.updateTable('settings').set(row).where('id', '=', 1).execute();
    else
      await trx
        .insertInto('settings')
        .values({ id: 1, ...row })
        .execute();
    const changed = (Object.keys(row) as (keyof typeof row)[]).filter((k) => k !== 'updated_at' && (!before || before[k] !== row[k]));
    await recordAudit(trx, actor, 'settings.update', { type: 'settings', id: 1 }, { changed, commentsMode: row.comments_mode });
  });
  forgetSiteChrome(ctx.db);
  ctx.pageCache.invalidate(['site']);
}
