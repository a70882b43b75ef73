import type { Config } from '../core/config.ts';
import type { MediaKind } from '../core/db/schema.ts';
import { MAX_IMAGE_BYTES } from '../images/image-limits.ts';

/** Largest upload accepted, in bytes, per kind of media. */
export interface MediaLimits {
  image: number;
  audio: number;
  video: number;
}

const MB = 1024 * 1024;

/**
 * Defaults: 20 MB for a press photo (what storeImage accepts), 200 MB for a sound (a two-hour
 * podcast in 192 kbit/s MP3 is 170 MB), 1 GB for a video (about ten minutes of 1080p).
 */
export const DEFAULT_MEDIA_LIMITS: Readonly<MediaLimits> = { image: MAX_IMAGE_BYTES, audio: 200 * MB, video: 1024 * MB };

/**
 * The limits of this installation: MEDIA_MAX_*_BYTES from the configuration (core/config.ts), else
 * the defaults. The image limit cannot be raised above what storeImage decodes.
 */
export function mediaLimits(config: Pick<Config, 'mediaMaxBytes'>): MediaLimits {
  const set = config.mediaMaxBytes;
  return {
    image: Math.min(set.image ?? DEFAULT_MEDIA_LIMITS.image, MAX_IMAGE_BYTES),
    audio: set.audio ?? DEFAULT_MEDIA_LIMITS.audio,
    video: set.video ?? DEFAULT_MEDIA_LIMITS.video,
  };
}

/** "20 Mo", "1 Go", "1,5 Mo": a size as French readers write it. */
export function formatBytes(value: number): string {
  const units = ['octets', 'Ko', 'Mo', 'Go'];
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  const rounded = unit === 0 ? String(n) : n.toLocaleString('fr-FR', { maximumFractionDigits: n < 10 ? 1 : 0 });
  return `${rounded}\u00a0${units[unit]}`;
}

/** The French sentence refusing a file over the limit of its kind. */
export function tooLargeMessage(kind: 'image' | MediaKind, limit: number): string {
  const what = kind === 'image' ? 'L’image' : kind === 'audio' ? 'Le fichier son' : 'La vidéo';
  return `${what} dépasse la taille maximale de ${formatBytes(limit)}.`;
}
