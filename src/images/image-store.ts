import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './image-limits.ts';
import { getImageByFileKey } from './image-repository.ts';
import { type DecodeOptions, ImageOperationError, imageWorker } from './image-worker.ts';
import type { ImageRecord } from './image-types.ts';

/** Editorial data that comes with an uploaded image. */
export interface ImageMeta {
  alt: string;
  caption?: string;
  credit: string;
  focalX?: number;
  focalY?: number;
}

const focal = z
  .number({ error: 'Le point focal doit être un nombre entre 0 et 1.' })
  .min(0, 'Le point focal doit être compris entre 0 et 1.')
  .max(1, 'Le point focal doit être compris entre 0 et 1.')
  .default(0.5);

const metaSchema = z.object({
  alt: z
    .string({ error: 'Le texte alternatif doit être une chaîne.' })
    .trim()
    .max(500, 'Le texte alternatif est trop long (500 caractères au plus).'),
  caption: z.string().trim().max(1000, 'La légende est trop longue (1 000 caractères au plus).').default(''),
  credit: z
    .string({ error: 'Le crédit photo est obligatoire.' })
    .trim()
    .min(1, 'Le crédit photo est obligatoire.')
    .max(300, 'Le crédit photo est trop long (300 caractères au plus).'),
  focalX: focal,
  focalY: focal,
});

/** Input formats we accept, by sharp's decoder name (AVIF is decoded by the `heif` loader). */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

// 'error' rather than the default 'warning': cameras and phones often write JPEGs with harmless
// warnings (extra bytes after the end marker) that would otherwise be refused.
const decodeOptions: DecodeOptions = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS };

/**
 * Validates, normalises and stores an uploaded image, then records it.
 * The original is auto-oriented and stripped of all metadata (EXIF, GPS, XMP): photographers'
 * files routinely carry the place a picture was taken. Opaque images are stored as JPEG quality 92
 * (4:4:4, visually lossless, a fraction of a PNG's size); images with real transparency stay PNG
 * because JPEG cannot carry an alpha channel (logos, cut-outs). Files are content-addressed, so the
 * same picture uploaded twice yields the existing record rather than a duplicate.
 */
export async function storeImage(
  db: Db,
  dataDir: string,
  input: Buffer,
  meta: ImageMeta,
  options: { uploadedByUserId?: number | null } = {},
): Promise<ImageRecord> {
  const parsed = metaSchema.safeParse(meta);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('validation_failed', 422, first?.message ?? 'Données de l’image invalides.', {
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const clean = parsed.data;

  if (input.length > MAX_IMAGE_BYTES) {
    throw new AppError('payload_too_large', 413, 'Le fichier dépasse la taille maximale de 20 Mo.');
  }

  const info = await readHeader(input);
  const normalised = await normalise(input, info.hasAlpha);

  const ext = normalised.format === 'png' ? 'png' : 'jpg';
  const fileKey = `${createHash('sha256').update(normalised.data).digest('hex').slice(0, 32)}.${ext}`;
  const existing = await getImageByFileKey(db, fileKey);
  if (existing) return existing;

  await writeOriginal(dataDir, fileKey, normalised.data);
  try {
    return await db
      .insertInto('images')
      .values({
        file_key: fileKey,
        mime: normalised.format === 'png' ? 'image/png' : 'image/jpeg',
        width: normalised.width,
        height: normalised.height,
        bytes: normalised.data.length,
        alt: clean.alt,
        caption: clean.caption,
        credit: clean.credit,
        focal_x: clean.focalX,
        focal_y: clean.focalY,
        created_at: new Date().toISOString(),
        uploaded_by_user_id: options.uploadedByUserId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    // A concurrent upload of the same picture won the unique file_key: theirs is ours.
    const raced = await getImageByFileKey(db, fileKey);
    if (raced) return raced;
    throw error;
  }
}

/** Path of a stored original. */
export function originalPath(dataDir: string, fileKey: string): string {
  return path.join(dataDir, 'media', 'originals', fileKey);
}

/** Reads only the header: type from the bytes (never the file name), then the size limits. */
async function readHeader(input: Buffer): Promise<{ hasAlpha: boolean }> {
  let metadata: Awaited<ReturnType<typeof imageWorker.header>>;
  try {
    // Header only, no pixels decoded: the pixel limit is checked below, with a clear message,
    // rather than by sharp (which would refuse too-large images as if they were not images).
    metadata = await imageWorker.header(input, { ...decodeOptions, limitInputPixels: false });
  } catch (error) {
    if (!(error instanceof ImageOperationError)) throw error;
    throw unsupported();
  }
  const isAvif = metadata.format === 'heif' && metadata.compression === 'av1';
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format) || (metadata.format === 'heif' && !isAvif)) throw unsupported();

  const { width, height } = metadata;
  if (!width || !height) throw unsupported();
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new AppError(
      'validation_failed',
      422,
      `L’image est trop grande : ${MAX_IMAGE_SIDE} pixels au plus de côté (reçu ${width} × ${height}).`,
    );
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError('validation_failed', 422, `L’image est trop grande : 40 mégapixels au plus (reçu ${width} × ${height}).`);
  }
  return { hasAlpha: metadata.hasAlpha };
}

/** Decodes the first frame, applies the EXIF orientation, converts to sRGB and re-encodes without metadata. */
async function normalise(
  input: Buffer,
  hasAlpha: boolean,
): Promise<{ data: Buffer; format: 'jpeg' | 'png'; width: number; height: number }> {
  try {
    // In the image process (image-worker.ts): the first frame, oriented, sRGB, no metadata (EXIF,
    // GPS, XMP and IPTC dropped); PNG only for real transparency.
    return await imageWorker.normalise(input, hasAlpha, decodeOptions);
  } catch (error) {
    if (!(error instanceof ImageOperationError)) throw error;
    throw new AppError('validation_failed', 422, 'L’image est illisible ou endommagée.');
  }
}

/** Writes atomically (temporary file then rename) so a reader never sees half a file. */
async function writeOriginal(dataDir: string, fileKey: string, data: Buffer): Promise<void> {
  const target = originalPath(dataDir, fileKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.access(target);
    return; // same content already on disk
  } catch {
    // not there yet
  }
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, data);
  await fs.rename(temp, target);
}

function unsupported(): AppError {
  return new AppError(
    'unsupported_media_type',
    415,
    'Format d’image non pris en charge : envoyez un fichier JPEG, PNG, WebP, AVIF ou GIF.',
  );
}
