import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { availableWidths, cropRegion, variantSize } from './crop-geometry.ts';
import { originalPath } from './image-store.ts';
import type { CropName, ImageRecord, VariantFormat } from './image-types.ts';
import { CROP_NAMES, FORMAT_EXTENSION, VARIANT_FORMATS } from './image-types.ts';
import { variantHash } from './variant-key.ts';

/** A variant on disk, ready to be served. */
export interface VariantFile {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

// Generations in progress, by target path: concurrent requests for one variant share one encode.
const inFlight = new Map<string, Promise<VariantFile>>();

// Encoding is CPU- and memory-heavy: at most one encode per core, the rest wait their turn.
const maxParallel = Math.max(1, os.availableParallelism());
let running = 0;
const waiting: Array<() => void> = [];

/** Path of a variant file (whether or not it exists yet). */
export function variantPath(dataDir: string, image: ImageRecord, width: number, format: VariantFormat, crop: CropName): string {
  const stem = image.file_key.replace(/\.[a-z0-9]+$/i, '');
  const { width: actual } = variantSize(image, width, crop);
  // Sharded by the content key so no directory grows to hundreds of thousands of entries.
  return path.join(
    dataDir,
    'media',
    'variants',
    stem.slice(0, 2),
    stem,
    `${variantHash(image)}-${crop}-${actual}.${FORMAT_EXTENSION[format]}`,
  );
}

/** Returns the cached variant, encoding it from the original on first request only. */
export async function getVariantFile(
  dataDir: string,
  image: ImageRecord,
  width: number,
  format: VariantFormat,
  crop: CropName = 'free',
): Promise<VariantFile> {
  const target = variantPath(dataDir, image, width, format, crop);
  const size = variantSize(image, width, crop);
  try {
    const stat = await fs.stat(target);
    return { path: target, bytes: stat.size, ...size };
  } catch {
    // not generated yet
  }
  let pending = inFlight.get(target);
  if (!pending) {
    pending = withSlot(() => generate(dataDir, image, target, size, format, crop)).finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

/** Path of the cached variant, generated once with sharp on first request. */
export async function getVariant(
  dataDir: string,
  image: ImageRecord,
  width: number,
  format: VariantFormat,
  crop: CropName = 'free',
): Promise<string> {
  return (await getVariantFile(dataDir, image, width, format, crop)).path;
}

/**
 * Warms the cache (for the job runner after an upload): by default every useful width in every
 * format for the crops pages use most. One at a time, so a warm-up never starves live requests.
 */
export async function pregenerateVariants(
  dataDir: string,
  image: ImageRecord,
  options: { crops?: readonly CropName[]; formats?: readonly VariantFormat[]; widths?: readonly number[] } = {},
): Promise<string[]> {
  const crops = options.crops ?? (['16x9', 'free'] as const);
  const formats = options.formats ?? VARIANT_FORMATS;
  const paths: string[] = [];
  for (const crop of crops) {
    if (!CROP_NAMES.includes(crop)) continue;
    for (const width of availableWidths(image, crop, options.widths)) {
      for (const format of formats) paths.push(await getVariant(dataDir, image, width, format, crop));
    }
  }
  return paths;
}

async function generate(
  dataDir: string,
  image: ImageRecord,
  target: string,
  size: { width: number; height: number },
  format: VariantFormat,
  crop: CropName,
): Promise<VariantFile> {
  let pipeline = sharp(originalPath(dataDir, image.file_key), { failOn: 'error' });
  if (crop !== 'free') pipeline = pipeline.extract(cropRegion(image, crop));
  // 'cover' absorbs the sub-pixel rounding between the region and the target ratio without distortion.
  pipeline = pipeline.resize(size.width, size.height, { fit: 'cover', kernel: 'lanczos3' });
  if (format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 2 });
  else if (format === 'webp') pipeline = pipeline.webp({ quality: 72, effort: 4, smartSubsample: true });
  else pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true, progressive: true });

  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const info = await pipeline.toFile(temp);
    // Atomic rename: another process serving the same file sees it whole or not at all.
    await fs.rename(temp, target);
    return { path: target, bytes: info.size, width: info.width, height: info.height };
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

async function withSlot<T>(task: () => Promise<T>): Promise<T> {
  // A finishing task hands its slot straight to the next waiter, so `running` never overshoots.
  if (running >= maxParallel) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
