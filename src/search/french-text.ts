import type snowballStemmers from 'snowball-stemmers';
import { lazyPackage } from '../core/lazy-package.ts';
import { foldText } from '../core/db/text-match.ts';

// French text as the search index and queries see it: words, each stemmed with the Snowball French
// stemmer, then folded by the one folding rule of every search (foldText: no accents, lower case,
// ligatures spelt out), so "Présidents" and "président", "État" and
// "etat", "rencontrés" and "rencontre" meet on one form. Index and query use these same functions.

// The stemmer's package holds every language (850 KB): loaded with the first word stemmed (core/lazy-package.ts).
const snowball = lazyPackage<typeof snowballStemmers>('snowball-stemmers');
let french: ReturnType<typeof snowballStemmers.newStemmer> | undefined;
const stemmer = () => (french ??= snowball().newStemmer('french'));
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
// Below U+20D0 (Latin, Greek, Cyrillic, Hebrew, Arabic… and the usual punctuation ’ « » … — €)
// whether a character is a letter or digit is read from a table built from that Unicode rule: a
// scan of char codes costs a tenth of a Unicode regular expression, which took a millisecond per
// article body. Other characters are asked of the rule itself, once each.
const TABLE_END = 0x20d0;
const IS_WORD_CHAR = new Uint8Array(TABLE_END);
for (let code = 0; code < TABLE_END; code++) IS_WORD_CHAR[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
const otherWordChars = new Map<number, boolean>();

function isWordCodePoint(code: number): boolean {
  if (code < TABLE_END) return IS_WORD_CHAR[code] === 1;
  let known = otherWordChars.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(code));
    if (otherWordChars.size < 10_000) otherWordChars.set(code, known);
  }
  return known;
}

/**
 * The words of a text (runs of letters and digits, as \p{L}\p{N} reads them), as offsets: start and
 * end (exclusive) of each word in turn. The one rule of what a word is, for the index, the
 * queries and the snippets.
 */
export function wordSpans(text: string): number[] {
  const spans: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    const code = unit < TABLE_END ? unit : (text.codePointAt(i) ?? unit);
    const width = code > 0xffff ? 2 : 1;
    if (isWordCodePoint(code)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      spans.push(start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) spans.push(start, text.length);
  return spans;
}

// Elided articles and pronouns glued by an apostrophe: "l'État" is "État", "qu'il" is "il".
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)$/;

/** The words of a text, in order, lower-cased (accents kept), elisions dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  // French has no locale-specific case mapping: toLowerCase is toLocaleLowerCase('fr'), faster.
  const lower = text.toLowerCase();
  const spans = wordSpans(lower);
  for (let i = 0; i < spans.length; i += 2) {
    const word = lower.slice(spans[i], spans[i + 1]);
    const next = lower[spans[i + 1]!];
    if ((next === "'" || next === '’') && ELISION.test(word)) continue;
    out.push(word);
  }
  return out;
}

const stems = new Map<string, string>();

/** The search form of one lower-cased word: its French stem, folded. */
export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = foldText(stemmer().stem(word));
    if (stems.size > 100_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** A text as the index stores it: its stemmed, folded words separated by spaces. */
export function stemText(text: string): string {
  return words(text).map(stemWord).join(' ');
}

/** Common French words a query does without (they match almost everything, and PostgreSQL ignores them). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou ' +
    'par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etre avoir est sont ont'
  ).split(' '),
);
