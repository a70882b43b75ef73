/**
 * Finding people for the byline without listing them all: the selects carry only the staff and
 * the people already named, and anyone else is added by typing their exact name or slug (no
 * JavaScript) or through the search the combobox island calls.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { foldText, matchesText, sameText } from '../../core/db/text-match.ts';
import type { FieldIssue } from '../operations/article-input.ts';
import type { PersonChoice } from './editor-repository.ts';
import type { EditorValues } from './editor-values.ts';

/** At most this many people in one search answer. */
export const PEOPLE_SEARCH_LIMIT = 20;

/** People whose name or role line contains the text (accents, case and ligatures aside), staff first. */
export async function searchPeople(db: Db, query: string): Promise<PersonChoice[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'kind', 'role_line'])
    .where((eb) => eb.or([matchesText('name', query), matchesText('role_line', query)]))
    .orderBy(sql`case when kind = 'staff' then 0 else 1 end`)
    .orderBy('name')
    .orderBy('id')
    .limit(PEOPLE_SEARCH_LIMIT)
    .execute();
  return rows.map((p) => ({ id: p.id, name: p.name, kind: p.kind, roleLine: p.role_line }));
}

/** The person an exact slug or name designates (accents, case and ligatures aside): one, none, or several of the same name. */
export async function findPersonByNameOrSlug(
  db: Db,
  text: string,
): Promise<{ kind: 'found'; id: number } | { kind: 'unknown' } | { kind: 'ambiguous' }> {
  const wanted = text.trim().replace(/\s+/g, ' ');
  const rows = await db
    .selectFrom('people')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([sameText('slug', wanted), sameText('name', wanted)]))
    .orderBy('id')
    .limit(10)
    .execute();
  // A slug is unique, so it wins over a homonym's name.
  const bySlug = rows.filter((r) => foldText(r.slug) === foldText(wanted));
  if (bySlug.length === 1) return { kind: 'found', id: bySlug[0]!.id };
  if (rows.length === 1) return { kind: 'found', id: rows[0]!.id };
  return rows.length === 0 ? { kind: 'unknown' } : { kind: 'ambiguous' };
}

/**
 * The values with the person typed in "Ajouter un contributeur" appended to the byline (and the
 * field emptied), or the issue to show next to that field. Someone already in the byline is not added twice.
 */
export async function applyAuthorLookup(db: Db, values: EditorValues): Promise<{ values: EditorValues; issues: FieldIssue[] }> {
  const text = values.authorLookup.trim();
  if (text === '') return { values, issues: [] };
  const found = await findPersonByNameOrSlug(db, text);
  if (found.kind === 'unknown')
    return {
      values,
      issues: [{ path: 'authorLookup', message: `Ajouter un contributeur : personne ne porte le nom ou l’identifiant « ${text} »` }],
    };
  if (found.kind === 'ambiguous')
    return {
      values,
      issues: [
        {
          path: 'authorLookup',
          message: `Ajouter un contributeur : plusieurs personnes s’appellent « ${text} », indiquez son identifiant (slug)`,
        },
      ],
    };
  const id = String(found.id);
  const authorPersonIds = values.authorPersonIds.includes(id) ? values.authorPersonIds : [...values.authorPersonIds, id];
  return { values: { ...values, authorPersonIds, authorLookup: '' }, issues: [] };
}
