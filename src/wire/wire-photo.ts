import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { outboundGet } from '../core/http/outbound-fetch.ts';
import { uploadImage } from '../media/media-operations.ts';
import { isInside } from './wire-folder.ts';
import { deliveredPhotoPath, type WirePhoto } from './wire-item.ts';

// An agency's photo becomes the dépêche's main image: fetched once through the outbound GET
// (http/https only, private and loopback addresses refused unless WIRE_ALLOW_PRIVATE, size and
// time limits), then stored by the media library's upload (type read from the bytes, metadata
// stripped, content-addressed: the same picture fetched twice is one image). A photo that cannot
// be had never blocks the dépêche: it is published without it, and the reason is said in French.
// A photo the agency delivered in its folder (a relative reference, kept by the folder pass under
// processed/photos/) is read from there, with the same size limit and the same storing.

/** Limits of one photo download (the bench and tests may pass shorter ones). */
export interface PhotoLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const PHOTO_LIMITS: PhotoLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 10_000 };

/** Why a photo was not stored: a stable code (for the editor's notice) and the detail. */
export const PHOTO_FAILURES = ['introuvable', 'trop-lourde', 'pas-une-image', 'delai', 'injoignable'] as const;
export type PhotoFailure = (typeof PHOTO_FAILURES)[number];

/** What happened to the dépêche's photo when it was published. */
export type PhotoOutcome =
  | { kind: 'none' }
  | { kind: 'kept'; imageId: number }
  | { kind: 'stored'; imageId: number }
  | { kind: 'failed'; code: PhotoFailure; reason: string };

/** The French notice for an editor whose dépêche went out without its photo. */
const ADD_ONE = 'La dépêche part sans image : ajoutez-en une depuis son article si besoin.';
export const PHOTO_FAILURE_NOTICES: Record<PhotoFailure, string> = {
  introuvable: `Photo non reprise : l’agence ne la fournit pas à l’adresse ou dans le fichier indiqués. ${ADD_ONE}`,
  'trop-lourde': `Photo non reprise : le fichier de l’agence dépasse ${PHOTO_LIMITS.maxBytes / 1024 / 1024} Mo. ${ADD_ONE}`,
  'pas-une-image': `Photo non reprise : l’adresse de l’agence ne renvoie pas une image lisible. ${ADD_ONE}`,
  delai: `Photo non reprise : le serveur de l’agence n’a pas répondu en ${PHOTO_LIMITS.timeoutMs / 1000} secondes. ${ADD_ONE}`,
  injoignable: `Photo non reprise : le serveur de l’agence est injoignable, ou son adresse est refusée. ${ADD_ONE}`,
};

function failed(code: PhotoFailure, reason: string): PhotoOutcome {
  return { kind: 'failed', code, reason };
}

/** A short alternative text: the caption's first sentence, else the dépêche's headline. */
function altOf(photo: WirePhoto, headline: string): string {
  const caption = photo.caption.replace(/\s+/g, ' ').trim();
  const first = caption.split(/(?<=[.!?])\s/)[0] ?? '';
  const alt = first || caption || `Photo d’agence : ${headline}`;
  return alt.length <= 500 ? alt : `${alt.slice(0, 499).trimEnd()}…`;
}

/** Reads a photo delivered in the agency's folder, within the size limit; a failure otherwise. */
async function readDelivered(folder: string | null, relative: string, limits: PhotoLimits): Promise<Buffer | PhotoOutcome> {
  const missing = failed('introuvable', `fichier ${relative} absent du dossier de l’agence`);
  if (folder === null) return missing;
  const realFolder = await fs.realpath(folder).catch(() => null);
  const file = await fs.realpath(path.join(folder, relative)).catch(() => null);
  if (realFolder === null || file === null || !isInside(realFolder, file)) return missing;
  const stat = await fs.stat(file);
  if (!stat.isFile()) return missing;
  if (stat.size > limits.maxBytes) return failed('trop-lourde', `plus de ${limits.maxBytes} octets (${stat.size} octets)`);
  return fs.readFile(file);
}

/** The photo's bytes from the agency's server (outbound GET), or why they could not be had. */
async function download(ctx: AppContext, href: string, limits: PhotoLimits): Promise<Buffer | PhotoOutcome> {
  const answer = await outboundGet(href, {
    allowPrivate: ctx.config.wireAllowPrivate,
    maxBytes: limits.maxBytes,
    timeoutMs: limits.timeoutMs,
    maxRedirects: 3,
    headers: { accept: 'image/jpeg, image/png, image/webp, image/avif;q=0.9, image/*;q=0.5' },
  });
  if (!answer.ok) {
    if (answer.status !== undefined && answer.status !== 200) return failed('introuvable', answer.reason);
    if (answer.reason.startsWith('plus de ')) return failed('trop-lourde', answer.reason);
    if (answer.reason.startsWith('pas de réponse complète')) return failed('delai', answer.reason);
    return failed('injoignable', answer.reason);
  }
  if (!/^image\//i.test(answer.contentType.trim()))
    return failed('pas-une-image', `type ${answer.contentType || 'inconnu'} au lieu d’une image`);
  return answer.body;
}

/**
 * Downloads the photo (or reads it from the agency's folder) and stores it as an image credited
 * to the agency's photographer (or the agency); never throws for what the agency's server does,
 * only for the database.
 */
export async function fetchWirePhoto(
  ctx: AppContext,
  actor: Actor,
  photo: WirePhoto,
  context: { headline: string; agencyName: string; folder?: string | null },
  limits: PhotoLimits = PHOTO_LIMITS,
): Promise<PhotoOutcome> {
  const relative = deliveredPhotoPath(photo.href);
  const bytes = relative === null ? await download(ctx, photo.href, limits) : await readDelivered(context.folder ?? null, relative, limits);
  if (!Buffer.isBuffer(bytes)) return bytes;
  try {
    const { image } = await uploadImage(ctx, actor, bytes, {
      alt: altOf(photo, context.headline),
      caption: photo.caption.replace(/\s+/g, ' ').trim().slice(0, 1000),
      credit: (photo.credit.trim() || context.agencyName).slice(0, 300),
      focalX: 0.5,
      focalY: 0.5,
    });
    return { kind: 'stored', imageId: image.id };
  } catch (error) {
    // Bytes sharp cannot read, or a picture over the media library's limits.
    if (error instanceof AppError && error.status < 500) return failed('pas-une-image', error.message);
    throw error;
  }
}
