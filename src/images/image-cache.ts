import type { Db } from '../core/db/database.ts';
import { getImageById } from './image-repository.ts';
import type { ImageRecord } from './image-types.ts';

// Enough for every image of a busy week; a row is a few hundred bytes.
const MAX_ENTRIES = 5000;

// One LRU per database handle (tests and tools may open several); iterable for forgetImage.
const byDb = new WeakMap<Db, Map<number, ImageRecord>>();
const all = new Set<WeakRef<Map<number, ImageRecord>>>();

/** Image row by id from memory, reading the database only on a miss (misses are not cached). */
export async function getImageCached(db: Db, id: number): Promise<ImageRecord | undefined> {
  let cache = byDb.get(db);
  if (!cache) {
    cache = new Map();
    byDb.set(db, cache);
    all.add(new WeakRef(cache));
  }
  const hit = cache.get(id);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const row = await getImageById(db, id);
  if (row) {
    cache.set(id, row);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as number);
  }
  return row;
}

/** Drops an image from the cache; call after its row is updated (focal point, file) or deleted. */
export function forgetImage(id: number): void {
  for (const ref of all) {
    const cache = ref.deref();
    if (cache) cache.delete(id);
    else all.delete(ref);
  }
}

/**
 * The content tag of an image row kept in a page's memo (the article page's hero, body images and
 * authors' photos: articles/full-article.ts), invalidated when the row is updated or deleted.
 */
export function imageTag(id: number): string {
  return `image:${id}`;
}
