import { availableWidths, variantSize } from './crop-geometry.ts';
import type { CropName, ImageRecord, VariantFormat } from './image-types.ts';
import { FORMAT_EXTENSION, VARIANT_WIDTHS } from './image-types.ts';
import { variantHash } from './variant-key.ts';

/** The parts of a variant URL's file name. */
export interface VariantName {
  id: number;
  hash: string;
  crop: CropName;
  width: number;
  format: VariantFormat;
}

// /media/<id>-<hash>-<crop>-<width>.<ext>, e.g. /media/12-ab12cd34-16x9-960.avif
const NAME = /^([1-9][0-9]{0,9})-([0-9a-f]{8})-(16x9|4x3|1x1|free)-([1-9][0-9]{0,4})\.(avif|webp|jpg)$/;
const FORMAT_BY_EXTENSION: Readonly<Record<string, VariantFormat>> = { avif: 'avif', webp: 'webp', jpg: 'jpeg' };

/**
 * Width actually served for a request: the smallest offered width at least as wide (so a caller
 * asking for 1200 gets the 1280 variant), capped at the source width since nothing is upscaled.
 */
export function servedWidth(image: ImageRecord, width: number, crop: CropName): number {
  const offered = availableWidths(image, crop, VARIANT_WIDTHS);
  return offered.find((w) => w >= width) ?? offered[offered.length - 1] ?? variantSize(image, width, crop).width;
}

/** Immutable URL of one variant; the hash changes whenever the bytes could. */
export function imageUrl(image: ImageRecord, width: number, format: VariantFormat, crop: CropName = 'free'): string {
  return variantUrl(image.id, variantHash(image), crop, servedWidth(image, width, crop), format);
}

/** Builds a variant URL from parts already computed (the width must be an offered one). */
export function variantUrl(id: number, hash: string, crop: CropName, width: number, format: VariantFormat): string {
  return `/media/${id}-${hash}-${crop}-${width}.${FORMAT_EXTENSION[format]}`;
}

/** URL and pixel size of a variant, for Open Graph and structured data (which want dimensions). */
export function imageVariant(
  image: ImageRecord,
  width: number,
  format: VariantFormat,
  crop: CropName = 'free',
): { url: string; width: number; height: number } {
  const size = variantSize(image, servedWidth(image, width, crop), crop);
  return { url: imageUrl(image, width, format, crop), ...size };
}

/** Parses a variant file name strictly; anything else is null (and a 404 upstream). */
export function parseVariantName(name: string): VariantName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, id, hash, crop, width, ext] = match as unknown as [string, string, string, CropName, string, string];
  const format = FORMAT_BY_EXTENSION[ext];
  if (!format) return null;
  return { id: Number(id), hash, crop, width: Number(width), format };
}

/** Whether a parsed name is one this image really offers (prevents generating arbitrary sizes). */
export function isOfferedVariant(image: ImageRecord, name: VariantName): boolean {
  return name.id === image.id && name.hash === variantHash(image) && availableWidths(image, name.crop, VARIANT_WIDTHS).includes(name.width);
}
