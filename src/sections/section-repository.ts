import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';
import type { SectionTable } from '../core/db/schema.ts';

export type Section = Selectable<SectionTable>;

/** The section with this slug, or undefined. */
export async function findSectionBySlug(db: Db, slug: string): Promise<Section | undefined> {
  // Built once (executeReusable): every section page and every article's breadcrumb asks.
  const [row] = await executeReusable(db, 'section:slug', { slug }, (value) =>
    db.selectFrom('sections').selectAll().where('slug', '=', value('slug')),
  );
  return row;
}

/** Every section, in the editors' order. */
export function listSections(db: Db): Promise<Section[]> {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
}

/** The section with this id, or undefined (for breadcrumbs of dossiers and series). */
export async function findSectionById(db: Db, id: number): Promise<Section | undefined> {
  const [row] = await executeReusable(db, 'section:id', { id }, (value) =>
    db.selectFrom('sections').selectAll().where('id', '=', value('id')),
  );
  return row;
}
