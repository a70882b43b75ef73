import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { availableWidths, cropRegion, variantSize } from './crop-geometry.ts';
import { originalPath } from './image-store.ts';
import type { CropName, ImageRecord, VariantFormat } from './image-types.ts';
import { CROP_NAMES, FORMAT_EXTENSION, VARIANT_FORMATS } from './image-types.ts';
import { variantHash } from './variant-key.ts';
import { imageWorker } from './image-worker.ts';

/** A variant on disk, ready to be served. */
export interface VariantFile {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

// Generations in progress, by target path: concurrent requests for one variant share one encode.
const inFlight = new Map<string, Promise<VariantFile>>();

/**
 * Encode slots: at most one encode per core. Readers come first: a background encode (the job
 * runner warming an upload's variants) never takes the last free slot and lets waiting readers go
 * before it, so a 40-megapixel upload never queues a reader behind its dozens of encodes.
 */
export class EncodeSlots {
  private running = 0;
  private backgroundRunning = 0;
  private readonly live: Array<() => void> = [];
  private readonly background: Array<() => void> = [];

  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Background work may use every slot but one (one when there is only one). */
  get maxBackground(): number {
    return Math.max(1, this.max - 1);
  }

  /** Runs task when a slot is free for its priority. */
  async run<T>(task: () => Promise<T>, priority: 'live' | 'background' = 'live'): Promise<T> {
    if (!this.canStart(priority)) await new Promise<void>((resolve) => (priority === 'live' ? this.live : this.background).push(resolve));
    else this.take(priority);
    try {
      return await task();
    } finally {
      this.running--;
      if (priority === 'background') this.backgroundRunning--;
      this.wake();
    }
  }

  private canStart(priority: 'live' | 'background'): boolean {
    if (this.running >= this.max) return false;
    return priority === 'live' || (this.live.length === 0 && this.backgroundRunning < this.maxBackground);
  }

  private take(priority: 'live' | 'background'): void {
    this.running++;
    if (priority === 'background') this.backgroundRunning++;
  }

  // Hands freed slots to readers first, then to background work within its share.
  private wake(): void {
    while (this.live.length && this.canStart('live')) {
      this.take('live');
      this.live.shift()?.();
    }
    while (this.background.length && this.canStart('background')) {
      this.take('background');
      this.background.shift()?.();
    }
  }
}

const slots = new EncodeSlots(Math.max(1, os.availableParallelism()));

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
  priority: 'live' | 'background' = 'live',
): Promise<VariantFile> {
  const ready = await variantOnDisk(dataDir, image, width, format, crop);
  if (ready) return ready;
  const target = variantPath(dataDir, image, width, format, crop);
  let pending = inFlight.get(target);
  if (!pending) {
    const size = variantSize(image, width, crop);
    pending = slots.run(() => generate(dataDir, image, target, size, format, crop), priority).finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

/** The variant if it is already encoded on disk, without encoding it. */
export async function variantOnDisk(
  dataDir: string,
  image: ImageRecord,
  width: number,
  format: VariantFormat,
  crop: CropName = 'free',
): Promise<VariantFile | undefined> {
  const target = variantPath(dataDir, image, width, format, crop);
  try {
    const stat = await fs.stat(target);
    return { path: target, bytes: stat.size, ...variantSize(image, width, crop) };
  } catch {
    return undefined; // not generated yet
  }
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
 * format for the crops pages use most. One at a time and at background priority, so a warm-up
 * never makes a reader wait. With a deadline (ms since the epoch), it stops once past it (after one
 * encode at least) and says it is not complete: the job runs again for the rest, letting other jobs go in between.
 */
export async function pregenerateVariants(
  dataDir: string,
  image: ImageRecord,
  options: { crops?: readonly CropName[]; formats?: readonly VariantFormat[]; widths?: readonly number[]; deadline?: number } = {},
): Promise<{ paths: string[]; complete: boolean }> {
  const crops = options.crops ?? (['16x9', 'free'] as const);
  const formats = options.formats ?? VARIANT_FORMATS;
  const paths: string[] = [];
  for (const crop of crops) {
    if (!CROP_NAMES.includes(crop)) continue;
    for (const width of availableWidths(image, crop, options.widths)) {
      for (const format of formats) {
        // At least one encode per run, so a run always makes progress.
        if (options.deadline !== undefined && paths.length > 0 && Date.now() > options.deadline) return { paths, complete: false };
        paths.push((await getVariantFile(dataDir, image, width, format, crop, 'background')).path);
      }
    }
  }
  return { paths, complete: true };
}

async function generate(
  dataDir: string,
  image: ImageRecord,
  target: string,
  size: { width: number; height: number },
  format: VariantFormat,
  crop: CropName,
): Promise<VariantFile> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // Out of the web server's process (image-worker.ts): libvips keeps the memory it used.
    const info = await imageWorker.encodeVariant({
      source: originalPath(dataDir, image.file_key),
      target: temp,
      extract: crop === 'free' ? null : cropRegion(image, crop),
      width: size.width,
      height: size.height,
      format,
    });
    // Atomic rename: another process serving the same file sees it whole or not at all.
    await fs.rename(temp, target);
    return { path: target, bytes: info.bytes, width: info.width, height: info.height };
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
