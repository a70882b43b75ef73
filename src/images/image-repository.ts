import type { Db } from '../core/db/database.ts';
import { executeReusable, valueList } from '../core/db/reusable-query.ts';
import type { ImageRecord } from './image-types.ts';

const ID_CHUNK = 500;

/** Loads images by id in one query; missing ids are simply absent from the map. */
export async function getImagesByIds(db: Db, ids: number[]): Promise<Map<number, ImageRecord>> {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  const found = new Map<number, ImageRecord>();
  if (unique.length === 0) return found;
  // Chunked so a long list never exceeds the engines' bound-parameter limits.
  for (let start = 0; start < unique.length; start += ID_CHUNK) {
    const chunk = unique.slice(start, start + ID_CHUNK);
    // Built once per number of ids (executeReusable): pages ask for the same few counts again and again.
    const { names, keys } = valueList('id', chunk);
    const rows = await executeReusable(db, `images:${chunk.length}`, names, (value) =>
      db
        .selectFrom('images')
        .selectAll()
        .where(
          'id',
          'in',
          keys.map((key) => value(key)),
        ),
    );
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/** Loads one image by id, or undefined. */
export async function getImageById(db: Db, id: number): Promise<ImageRecord | undefined> {
  const [row] = await executeReusable(db, 'image:id', { id }, (value) => db.selectFrom('images').selectAll().where('id', '=', value('id')));
  return row;
}

/** Finds the image stored under a content-addressed file key, or undefined. */
export async function getImageByFileKey(db: Db, fileKey: string): Promise<ImageRecord | undefined> {
  return db.selectFrom('images').selectAll().where('file_key', '=', fileKey).executeTakeFirst();
}
