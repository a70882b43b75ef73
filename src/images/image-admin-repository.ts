import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../core/db/database.ts';
import { matchesText } from '../core/db/text-match.ts';
import { originalPath } from './image-store.ts';
import type { ImageRecord } from './image-types.ts';

/** One page of the image library, newest first. */
export interface ImagePage {
  items: ImageRecord[];
  total: number;
  page: number;
  pages: number;
}

/** Editorial fields an editor may change after upload (the file itself never changes). */
export interface ImageMetaUpdate {
  alt: string;
  caption: string;
  credit: string;
  focalX: number;
  focalY: number;
}

/** Images whose alt text, caption or credit contain `q` (accents, case and ligatures aside), newest first, paginated. */
export async function listImages(db: Db, options: { q?: string; page?: number; perPage?: number } = {}): Promise<ImagePage> {
  const perPage = options.perPage ?? 24;
  const q = options.q?.trim() ?? '';
  let query = db.selectFrom('images');
  if (q) {
    query = query.where((eb) => eb.or((['alt', 'caption', 'credit'] as const).map((column) => matchesText(column, q))));
  }
  const counted = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pages);
  const items = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items, total, page, pages };
}

/** Updates alt, caption, credit and focal point; returns the new row, or undefined if the image is gone. */
export async function updateImageMeta(db: Db, id: number, meta: ImageMetaUpdate): Promise<ImageRecord | undefined> {
  return db
    .updateTable('images')
    .set({ alt: meta.alt, caption: meta.caption, credit: meta.credit, focal_x: meta.focalX, focal_y: meta.focalY })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the image row; true when a row was removed. Callers check usage first (see media/image-usage.ts). */
export async function deleteImageRow(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('images').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Directory holding every cached variant of one original (see variants.ts `variantPath`). */
export function variantsDirectory(dataDir: string, fileKey: string): string {
  const stem = fileKey.replace(/\.[a-z0-9]+$/i, '');
  return path.join(dataDir, 'media', 'variants', stem.slice(0, 2), stem);
}

/**
 * Removes an original and all its variants from disk, unless another row still points at the same
 * content-addressed file (it cannot today: file_key is unique, but the check costs one query).
 */
export async function deleteImageFiles(db: Db, dataDir: string, fileKey: string): Promise<void> {
  const other = await db.selectFrom('images').select('id').where('file_key', '=', fileKey).executeTakeFirst();
  if (other) return;
  await fs.rm(originalPath(dataDir, fileKey), { force: true });
  await fs.rm(variantsDirectory(dataDir, fileKey), { recursive: true, force: true });
}
