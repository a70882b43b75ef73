import { z } from 'zod';

// What every agency format is read into: one dépêche as the agency sent it, before it becomes an
// article. Validated by zod whatever the format, so NewsML-G2, ninjs and RSS obey one set of rules.

/** Why a file (or HTTP answer) of an agency cannot be read, in French; nothing of it is taken. */
export class WireFileError extends Error {}

/** Largest file (or HTTP answer) read from an agency; bigger ones are refused whole. */
export const WIRE_MAX_BYTES = 5 * 1024 * 1024;

export const PUB_STATUSES = ['usable', 'withdrawn', 'canceled'] as const;
export type PubStatus = (typeof PUB_STATUSES)[number];

/**
 * The path, inside the agency's watched folder, of a photo delivered with the item (a relative
 * reference such as `photos/port.jpg`, the way agencies drop pictures beside their NewsML files),
 * or null for a photo on the agency's server (an http(s) address) or an unusable reference.
 * Dot segments are resolved within the folder, so a reference never leads out of it.
 */
export function deliveredPhotoPath(href: string): string | null {
  if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//') || href.includes('\\')) return null;
  let segments: string[];
  try {
    segments = new URL(href, 'http://dossier.invalid/').pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  if (segments.length === 0 || segments.some((s) => s.includes('/') || s.includes('\\') || s.includes('\0'))) return null;
  return segments.join('/');
}

const photoHref = z
  .string()
  .max(2000)
  .refine((href) => deliveredPhotoPath(href) !== null || z.url({ protocol: /^https?$/ }).safeParse(href).success, {
    error: 'photo : adresse http(s) ou fichier livré avec la dépêche attendu',
  });

const photoSchema = z.object({
  /** An http(s) address on the agency's server, or a file delivered in its folder (deliveredPhotoPath). */
  href: photoHref,
  caption: z.string().max(600).default(''),
  credit: z.string().max(200).default(''),
});
export type WirePhoto = z.infer<typeof photoSchema>;

export const wireItemSchema = z.object({
  guid: z
    .string({ error: 'identifiant (GUID) manquant' })
    .trim()
    .min(1, { error: 'identifiant (GUID) manquant' })
    .max(500, { error: 'identifiant (GUID) trop long (500 caractères au plus)' }),
  version: z
    .number({ error: 'version illisible' })
    .int({ error: 'version : nombre entier attendu' })
    .min(1)
    .max(2 ** 31 - 1),
  pubStatus: z.enum(PUB_STATUSES, { error: 'statut de publication inconnu (usable, withdrawn ou canceled attendu)' }),
  /** ISO instant before which nothing may be published, or null. */
  embargo: z.iso.datetime({ offset: true, error: 'date d’embargo illisible' }).nullable(),
  headline: z.string().trim().max(2000).default(''),
  lead: z.string().trim().max(5000).default(''),
  /** The text as HTML (agency markup): sanitised into the article body format later (wire-body.ts). */
  bodyHtml: z.string().default(''),
  keywords: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  photos: z.array(photoSchema).max(20).default([]),
});
export type WireItem = z.infer<typeof wireItemSchema>;

/** An item of a file, validated; throws a French message naming the item's place in the file. */
export function checkItem(raw: unknown, place: string): WireItem {
  const parsed = wireItemSchema.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.pubStatus === 'usable' && !parsed.data.headline) throw new WireFileError(`${place} : titre manquant`);
    return parsed.data;
  }
  const issue = parsed.error.issues[0]!;
  throw new WireFileError(`${place} : ${issue.message}`);
}

/**
 * An instant as the agency wrote it, in ISO form, or null when absent. An unreadable one is kept
 * as written, so validation refuses it (an embargo must never be silently dropped).
 */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
