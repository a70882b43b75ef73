import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// kiosque_fold(text) on PostgreSQL: the text with accents, case and ligatures folded, as the
// function SQLite connections register (src/core/db/text-match.ts), so searches match "Élysée"
// with "elysee" on both engines. Built from translate() and replace() rather than the unaccent
// extension: nothing to install or to be allowed to create, IMMUTABLE (an expression index may use
// it), and the very same result as SQLite for every Latin letter (a test compares them).
// The folding steps are copied here on purpose: a migration never imports application code and
// must create tomorrow the function it created today. Immutable once merged.

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

function fold(text: string): string {
  return [
    ...text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  ]
    .map((c) => SPECIAL_LETTERS[c] ?? c)
    .join('');
}

/** Latin-1, Latin Extended-A and B, combining marks, Latin Extended Additional, Latin ligatures. */
const RANGES: [number, number][] = [
  [0x00a0, 0x024f],
  [0x0300, 0x036f],
  [0x1e00, 0x1eff],
  [0xfb00, 0xfb06],
];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function functionBody(): string {
  let from = '';
  let to = '';
  let deleted = '';
  const replacements: [string, string][] = [];
  for (const [first, last] of RANGES) {
    for (let code = first; code <= last; code++) {
      const c = String.fromCodePoint(code);
      const f = fold(c);
      if (f === c) continue;
      if (f.length === 0) deleted += c;
      else if (f.length === 1) {
        from += c;
        to += f;
      } else replacements.push([c, f]);
    }
  }
  let expression = `translate(lower(value), ${literal(from + deleted)}, ${literal(to)})`;
  for (const [c, f] of replacements) expression = `replace(${expression}, ${literal(c)}, ${literal(f)})`;
  return expression;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return; // SQLite connections register the function when they open
  await sql
    .raw(
      `create or replace function kiosque_fold(value text) returns text language sql immutable strict parallel safe as $fold$ select ${functionBody()} $fold$`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`drop function if exists kiosque_fold(text)`.execute(db);
}
