import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { MediaFileTable, MediaKind } from '../core/db/schema.ts';
import { matchesText } from '../core/db/text-match.ts';

/** One stored sound or video. */
export type MediaFileRecord = Selectable<MediaFileTable>;

/** Sounds or videos whose title or credit contain `q`, newest first, paginated. */
export async function listMediaFiles(
  db: Db,
  options: { kind: MediaKind; q?: string; page?: number; perPage?: number },
): Promise<{ items: MediaFileRecord[]; total: number; page: number; pages: number }> {
  const perPage = options.perPage ?? 24;
  const q = options.q?.trim() ?? '';
  let query = db.selectFrom('media_files').where('kind', '=', options.kind);
  if (q) {
    query = query.where((eb) => eb.or((['title', 'credit'] as const).map((column) => matchesText(column, q))));
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

/** One sound or video by id, or undefined. */
export async function getMediaFileById(db: Db, id: number): Promise<MediaFileRecord | undefined> {
  return db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One sound or video by its file key (the name it is served under), or undefined. */
export async function getMediaFileByKey(db: Db, fileKey: string): Promise<MediaFileRecord | undefined> {
  return db.selectFrom('media_files').selectAll().where('file_key', '=', fileKey).executeTakeFirst();
}

/** Records a stored file; if the same content was stored meanwhile, returns that row instead. */
export async function insertMediaFile(db: Db, row: Omit<MediaFileRecord, 'id'>): Promise<{ record: MediaFileRecord; created: boolean }> {
  const existing = await getMediaFileByKey(db, row.file_key);
  if (existing) return { record: existing, created: false };
  try {
    return { record: await db.insertInto('media_files').values(row).returningAll().executeTakeFirstOrThrow(), created: true };
  } catch (error) {
    const raced = await getMediaFileByKey(db, row.file_key);
    if (raced) return { record: raced, created: false };
    throw error;
  }
}

/** Changes title and credit; returns the new row, or undefined if it is gone. */
export async function updateMediaFileMeta(
  db: Db,
  id: number,
  meta: { title: string; credit: string },
): Promise<MediaFileRecord | undefined> {
  return db
    .updateTable('media_files')
    .set({ title: meta.title, credit: meta.credit })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the row; true when one was removed. */
export async function deleteMediaFileRow(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('media_files').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
