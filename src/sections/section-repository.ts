import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { SectionTable } from '../core/db/schema.ts';

export type Section = Selectable<SectionTable>;

/** The section with this slug, or undefined. */
export function findSectionBySlug(db: Db, slug: string): Promise<Section | undefined> {
  return db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Every section, in the editors' order. */
export function listSections(db: Db): Promise<Section[]> {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute();
}

/** The section with this id, or undefined (for breadcrumbs of dossiers and series). */
export function findSectionById(db: Db, id: number): Promise<Section | undefined> {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}
