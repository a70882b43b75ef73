import type { CropName, ImageRecord } from './image-types.ts';
import { VARIANT_WIDTHS } from './image-types.ts';

/** A rectangle of the original, in pixels. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

const RATIOS: Readonly<Record<Exclude<CropName, 'free'>, number>> = { '16x9': 16 / 9, '4x3': 4 / 3, '1x1': 1 };

type Geometry = Pick<ImageRecord, 'width' | 'height' | 'focal_x' | 'focal_y'>;

/** Width-to-height ratio of a crop for this image (`free` keeps the original's). */
export function cropRatio(image: Geometry, crop: CropName): number {
  return crop === 'free' ? image.width / image.height : RATIOS[crop];
}

/**
 * Largest region of the crop's ratio that fits in the original, centred on the focal point
 * and pushed back inside the frame when the focal point is near an edge.
 */
export function cropRegion(image: Geometry, crop: CropName): Region {
  const { width: W, height: H } = image;
  if (crop === 'free') return { left: 0, top: 0, width: W, height: H };
  const ratio = RATIOS[crop];
  const width = W / H > ratio ? Math.max(1, Math.min(W, Math.round(H * ratio))) : W;
  const height = W / H > ratio ? H : Math.max(1, Math.min(H, Math.round(W / ratio)));
  const left = clamp(Math.round(clamp(image.focal_x, 0, 1) * W - width / 2), 0, W - width);
  const top = clamp(Math.round(clamp(image.focal_y, 0, 1) * H - height / 2), 0, H - height);
  return { left, top, width, height };
}

/** Pixel size of the variant actually produced for a requested width: never upscaled. */
export function variantSize(image: Geometry, requestedWidth: number, crop: CropName): { width: number; height: number } {
  const region = cropRegion(image, crop);
  const width = Math.max(1, Math.min(Math.round(requestedWidth), region.width));
  const height = width === region.width ? region.height : Math.max(1, Math.min(region.height, Math.round(width / cropRatio(image, crop))));
  return { width, height };
}

/**
 * Widths worth offering for this image and crop: the listed widths below the source region's
 * width, plus the region's own width when a listed width would have needed upscaling.
 */
export function availableWidths(image: Geometry, crop: CropName, widths: readonly number[] = VARIANT_WIDTHS): number[] {
  const max = cropRegion(image, crop).width;
  // Every picture of every page asks with the listed widths: those are sorted once.
  const sorted = widths === VARIANT_WIDTHS ? SORTED_VARIANT_WIDTHS : sortedWidths(widths);
  const below = sorted.filter((w) => w < max);
  if (sorted.at(-1)! >= max) below.push(max);
  return below;
}

function sortedWidths(widths: readonly number[]): number[] {
  return [...new Set(widths)].filter((w) => Number.isInteger(w) && w > 0).sort((a, b) => a - b);
}

const SORTED_VARIANT_WIDTHS = sortedWidths(VARIANT_WIDTHS);

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
