import type { Selectable } from 'kysely';
import type { ImageTable } from '../core/db/schema.ts';

/** One stored image as read from the `images` table. */
export type ImageRecord = Selectable<ImageTable>;

/** Output encodings offered to browsers, best compression first. */
export type VariantFormat = 'avif' | 'webp' | 'jpeg';

/** Crop ratios; `free` keeps the original aspect ratio. */
export type CropName = '16x9' | '4x3' | '1x1' | 'free';

export const VARIANT_FORMATS: readonly VariantFormat[] = ['avif', 'webp', 'jpeg'];
export const CROP_NAMES: readonly CropName[] = ['16x9', '4x3', '1x1', 'free'];

/** Widths served to browsers; a variant is never wider than its source region. */
export const VARIANT_WIDTHS: readonly number[] = [320, 480, 640, 960, 1280, 1600, 2000];

/** File extension used in URLs and on disk for each format. */
export const FORMAT_EXTENSION: Readonly<Record<VariantFormat, string>> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Content-Type for each format. */
export const FORMAT_MIME: Readonly<Record<VariantFormat, string>> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };
