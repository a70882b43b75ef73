import { createHash } from 'node:crypto';
import type { ImageRecord } from './image-types.ts';

/**
 * Bump when encoder settings change: every variant URL and cache file changes with it, which is
 * what lets browsers and CDNs keep variants forever (`immutable`).
 */
const VARIANT_SETTINGS_VERSION = 1;

/**
 * Short hash naming an image's variants: it covers the original's content (file_key), the focal
 * point (which moves every crop) and the encoder settings, so a URL never serves different bytes.
 */
export function variantHash(image: Pick<ImageRecord, 'file_key' | 'focal_x' | 'focal_y'>): string {
  return createHash('sha256')
    .update(`${VARIANT_SETTINGS_VERSION}:${image.file_key}:${image.focal_x}:${image.focal_y}`)
    .digest('hex')
    .slice(0, 8);
}
