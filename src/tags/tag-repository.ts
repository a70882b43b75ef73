import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { TagTable } from '../core/db/schema.ts';

export type Tag = Selectable<TagTable>;

/** The tag with this slug, or undefined. */
export function findTagBySlug(db: Db, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}
