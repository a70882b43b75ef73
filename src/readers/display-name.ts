import type { Db } from '../core/db/database.ts';
import { findListedWords, foldedKey } from '../core/text/loose-match.ts';
import { readModerationList } from './moderation-lists.ts';
import { userTextProblem } from './user-text.ts';

export const NAME_MIN = 2;
export const NAME_MAX = 40;

/** Words a reader's name may not contain, because they would pass for the newsroom. */
const RESERVED = [
  'redaction',
  'moderateur',
  'moderatrice',
  'moderation',
  'administrateur',
  'administratrice',
  'admin',
  'journaliste',
  'kiosque',
];

/**
 * Checks a display name; returns the French problem or null. Unique by its folded key (accents,
 * case, look-alikes), and never the name of a staff member or an author of the publication.
 */
export async function displayNameProblem(
  db: Db,
  name: string,
  options: { readerId?: number; publicationName: string /** The reader's own staff names (staff-identity.ts). */; ownNames?: string[] },
): Promise<string | null> {
  const textProblem = userTextProblem(name, 'Le nom');
  if (textProblem) return textProblem;
  if (name.length < NAME_MIN) return `Le nom doit compter au moins ${NAME_MIN} caractères.`;
  if (name.length > NAME_MAX) return `Le nom doit compter au plus ${NAME_MAX} caractères.`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} .'’_-]*$/u.test(name))
    return 'Le nom ne peut contenir que des lettres, des chiffres, des espaces et . - _ ’';
  const key = foldedKey(name);
  if (key.length < NAME_MIN) return 'Ce nom n’est pas assez lisible.';
  const reserved = [...RESERVED, foldedKey(options.publicationName)];
  if (reserved.some((r) => r && key.includes(r))) return 'Ce nom pourrait passer pour celui de la rédaction : choisissez-en un autre.';
  const banned = await readModerationList(db, 'banned_words');
  if (findListedWords(name, banned).length) return 'Ce nom contient un mot interdit : choisissez-en un autre.';
  const [users, people] = await Promise.all([
    db.selectFrom('users').select('name').execute(),
    db.selectFrom('people').select('name').execute(),
  ]);
  const own = new Set((options.ownNames ?? []).map(foldedKey));
  if (!own.has(key) && [...users, ...people].some((p) => foldedKey(p.name) === key))
    return 'Ce nom est celui d’un membre de la rédaction : choisissez-en un autre.';
  let taken = db.selectFrom('readers').select('id').where('name_key', '=', key);
  if (options.readerId !== undefined) taken = taken.where('id', '!=', options.readerId);
  if (await taken.executeTakeFirst()) return 'Ce nom est déjà pris : choisissez-en un autre.';
  return null;
}
