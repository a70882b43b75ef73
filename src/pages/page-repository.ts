import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { PageTable } from '../core/db/schema.ts';

export type StaticPage = Selectable<PageTable>;

/** The static page (about, legal notice…) with this slug, or undefined. */
export function findPageBySlug(db: Db, slug: string): Promise<StaticPage | undefined> {
  return db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
}
