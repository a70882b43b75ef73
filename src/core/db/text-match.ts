import type { DatabaseSync } from 'node:sqlite';
import { type Expression, type RawBuilder, sql } from 'kysely';

// THE text-matching rule of every search (back office, API, people, tags, media): a text matches
// when it contains the words typed, whatever their accents, case or ligatures ("elysee" finds
// "Élysée", "oeuvre" finds "Œuvre", "strasse" finds "Straße"). Both engines have the same SQL
// function, kiosque_fold(text): registered on each SQLite connection (sqlite-adapter.ts) from
// foldText below, and created on PostgreSQL by the migration 20261203T0301-text-folding, whose
// table of characters is built by the same steps (a test compares the two, character by character).

/** The SQL function both engines provide. */
const FOLD_FUNCTION = 'kiosque_fold';

/** Letters that Unicode does not decompose into a base letter and a mark, and ligatures. */
const SPECIAL_LETTERS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŋ: 'n',
  ĸ: 'k',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

/** The text folded for matching: compatibility forms decomposed, marks dropped, lower case, ligatures spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (c) => SPECIAL_LETTERS[c]);
}

/** Registers kiosque_fold on a SQLite connection (deterministic: SQLite may use it in indexes). */
export function registerTextFolding(database: DatabaseSync): void {
  database.function(FOLD_FUNCTION, { deterministic: true }, (value) => (typeof value === 'string' ? foldText(value) : value));
}

/** Escapes LIKE wildcards so "50%" or "mot_clé" are matched literally (with `escape '\'`). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type TextColumn = string | Expression<string | null>;

const folded = (column: TextColumn) => sql`${sql.raw(FOLD_FUNCTION)}(${typeof column === 'string' ? sql.ref(column) : column})`;

/**
 * True when the column contains the query, ignoring accents, case and ligatures, on both engines.
 * The query is folded here and its LIKE wildcards escaped; an empty query matches every non-null text.
 */
export function matchesText(column: TextColumn, query: string): RawBuilder<boolean> {
  return sql<boolean>`${folded(column)} like ${`%${escapeLike(foldText(query.trim()))}%`} escape '\\'`;
}

/** True when the column equals the value, ignoring accents, case and ligatures (a name typed by hand). */
export function sameText(column: TextColumn, value: string): RawBuilder<boolean> {
  return sql<boolean>`${folded(column)} = ${foldText(value.trim())}`;
}
