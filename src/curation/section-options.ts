import type { Db } from '../core/db/database.ts';

/** The sections as options of a select, with a first "none" option. */
export async function sectionOptions(db: Db, noneLabel = 'Aucune rubrique'): Promise<{ value: string; label: string }[]> {
  const sections = await db.selectFrom('sections').select(['id', 'name']).orderBy('position').orderBy('id').execute();
  return [{ value: '', label: noneLabel }, ...sections.map((s) => ({ value: String(s.id), label: s.name }))];
}
