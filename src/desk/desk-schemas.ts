import { z } from 'zod';
import { DESK_FEED_KINDS } from './desk-labels.ts';

// What the desk's forms and operations accept (typed values; screens convert their forms once).

const httpUrl = (label: string) =>
  z
    .string({ error: `${label} : texte attendu` })
    .trim()
    .max(2000, { error: `${label} : 2 000 caractères au plus` })
    .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), { error: `${label} : une adresse web complète est attendue (https://…)` });

export const outletInputSchema = z.strictObject({
  name: z
    .string({ error: 'Nom : texte attendu' })
    .trim()
    .min(1, { error: 'Nom : obligatoire' })
    .max(120, { error: 'Nom : 120 caractères au plus' }),
  siteUrl: httpUrl('Site'),
  logoUrl: z.union([z.literal(''), httpUrl('Logo')]).transform((v) => v || null),
  language: z
    .string({ error: 'Langue : texte attendu' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, { error: 'Langue : un code de deux lettres est attendu (fr, en, de…)' }),
  country: z
    .string({ error: 'Pays : texte attendu' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: 'Pays : un code de deux lettres est attendu (FR, BE, CH…)' }),
  quoteAllowed: z.boolean({ error: 'Citations : oui ou non' }).default(false),
});

export type OutletInput = z.input<typeof outletInputSchema>;

export const feedInputSchema = z.strictObject({
  url: httpUrl('Adresse du flux'),
  kind: z.enum(DESK_FEED_KINDS, { error: 'Type de flux : valeur inconnue' }).default('auto'),
  intervalMinutes: z
    .number({ error: 'Fréquence : un nombre de minutes est attendu' })
    .int({ error: 'Fréquence : un nombre entier de minutes est attendu' })
    .min(5, { error: 'Fréquence : au moins toutes les 5 minutes' })
    .max(1440, { error: 'Fréquence : au plus une fois par jour (1 440 minutes)' }),
});

export type FeedInput = z.input<typeof feedInputSchema>;

/** The desk's filters, from its query string or a saved view. */
export const DESK_HOURS = [1, 3, 6, 12, 24, 48, 72] as const;
export const deskFiltersSchema = z.object({
  q: z.string().trim().max(200).catch(''),
  outlet: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .refine((n) => n < 2 ** 31)
    .optional()
    .catch(undefined),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional()
    .catch(undefined),
  hours: z.coerce
    .number()
    .refine((n) => (DESK_HOURS as readonly number[]).includes(n))
    .catch(24),
});

export type DeskFilters = z.infer<typeof deskFiltersSchema>;

export const viewInputSchema = z.strictObject({
  name: z
    .string({ error: 'Nom de la vue : texte attendu' })
    .trim()
    .min(1, { error: 'Nom de la vue : obligatoire' })
    .max(80, { error: 'Nom de la vue : 80 caractères au plus' }),
  filters: deskFiltersSchema,
});

export const deskSettingsSchema = z
  .strictObject({
    quoteWarnWords: z
      .number({ error: 'Seuil d’alerte : un nombre de mots est attendu' })
      .int({ error: 'Seuil d’alerte : un nombre entier est attendu' })
      .min(5, { error: 'Seuil d’alerte : au moins 5 mots' })
      .max(500, { error: 'Seuil d’alerte : 500 mots au plus' }),
    quoteBlockWords: z
      .number({ error: 'Limite : un nombre de mots est attendu' })
      .int({ error: 'Limite : un nombre entier est attendu' })
      .min(5, { error: 'Limite : au moins 5 mots' })
      .max(1000, { error: 'Limite : 1 000 mots au plus' }),
  })
  .refine((s) => s.quoteBlockWords > s.quoteWarnWords, {
    path: ['quoteBlockWords'],
    error: 'Limite : elle doit dépasser le seuil d’alerte',
  });
