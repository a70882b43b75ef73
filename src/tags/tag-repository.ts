import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';
import type { TagTable } from '../core/db/schema.ts';

export type Tag = Selectable<TagTable>;

/** The tag with this slug, or undefined. */
export async function findTagBySlug(db: Db, slug: string): Promise<Tag | undefined> {
  // Built once (executeReusable): a crawler walks thousands of tag pages.
  const [row] = await executeReusable(db, 'tag:slug', { slug }, (value) =>
    db.selectFrom('tags').selectAll().where('slug', '=', value('slug')),
  );
  return row;
}
