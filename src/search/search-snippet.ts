import { foldText } from '../core/db/text-match.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { stemWord } from './french-text.ts';

const WORD = /[\p{L}\p{N}]+/gu;
// The same words for a text in Latin script with the usual punctuation (’ « » … — €): in V8 the
// Unicode property escape costs ten times more, a millisecond per article body.
const LATIN_WORD = /[0-9A-Za-z\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+/g;
/** The characters LATIN_WORD reads exactly as WORD does; a text with any other takes WORD. */
export const LATIN_RANGE = /^[\u0000-\u024F\u2000-\u206F\u20A0-\u20CF]*$/;

/** The words of a text (letters and digits) with their positions. */
export function wordMatches(text: string): RegExpExecArray[] {
  return [...text.matchAll(LATIN_RANGE.test(text) ? LATIN_WORD : WORD)];
}
const SNIPPET_WORDS = 32;

/** The stems a query looks for, to mark them in what is shown. */
export function queryStems(groups: string[][]): Set<string> {
  return new Set(groups.flat().map(stemWord));
}

// Letters a word can begin with, folded ("é" and "É" are "e"; "œ" is "o"), for a quick first look.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzàâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ';
const FIRST_LETTERS = new Map<string, string[]>();
for (const letter of LETTERS + LETTERS.toUpperCase()) {
  const folded = foldText(letter)[0] ?? letter;
  FIRST_LETTERS.set(folded, [...(FIRST_LETTERS.get(folded) ?? []), letter]);
}

const matchers = new WeakMap<ReadonlySet<string>, (word: string) => boolean>();

/**
 * Whether a word has one of the stems: a Snowball stem keeps the word's first letter, so only the
 * words that begin like a stem (accents and case aside) are stemmed; a long body costs a set
 * look-up per word rather than a stemming.
 */
function matcherOf(stems: ReadonlySet<string>): (word: string) => boolean {
  let matcher = matchers.get(stems);
  if (!matcher) {
    const first = new Set([...stems].flatMap((stem) => FIRST_LETTERS.get(stem[0] ?? '') ?? [stem[0] ?? '']));
    matcher = (word) => first.has(word[0]!) && stems.has(stemWord(word.toLowerCase()));
    matchers.set(stems, matcher);
  }
  return matcher;
}

/**
 * Text with the words of the query marked: escaped, typographed, each matching word (same stem)
 * wrapped in <mark>. Only the reader's words are compared, never inserted: nothing they type
 * reaches the markup.
 */
export function highlight(text: string, stems: ReadonlySet<string>): string {
  const isHit = matcherOf(stems);
  const typographed = fr(text);
  let out = '';
  let last = 0;
  for (const match of wordMatches(typographed)) {
    if (!isHit(match[0])) continue;
    out += html`${typographed.slice(last, match.index)}<mark>${match[0]}</mark>`;
    last = match.index + match[0].length;
  }
  return out + html`${typographed.slice(last)}`;
}

/**
 * The passage of a text that holds the most query words (about 32 words), with an ellipsis where
 * it was cut, highlighted. The lead is used when no passage matches.
 */
export function snippet(text: string, stems: ReadonlySet<string>): string {
  const matches = wordMatches(text);
  if (matches.length === 0) return '';
  const isHit = matcherOf(stems);
  const hits = matches.map((m) => (isHit(m[0]) ? 1 : 0));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < hits.length; i++) {
    count += hits[i]!;
    if (i >= SNIPPET_WORDS) count -= hits[i - SNIPPET_WORDS]!;
    const start = Math.max(0, i - SNIPPET_WORDS + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a few words before the first hit of the window, so it reads in context (not with the hit
  // as its last word).
  const firstHit = hits.indexOf(1, best);
  const start = firstHit === -1 ? 0 : Math.max(0, firstHit - 6);
  const end = Math.min(matches.length, start + SNIPPET_WORDS);
  const from = matches[start]!.index;
  const lastWord = matches[end - 1]!;
  const to = end === matches.length ? text.length : lastWord.index + lastWord[0].length;
  const body = highlight(text.slice(from, to).trim(), stems);
  return `${start > 0 ? '… ' : ''}${body}${end < matches.length ? ' …' : ''}`;
}
