import { foldText } from '../core/db/text-match.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { stemWord, wordSpans } from './french-text.ts';

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

/** Whether the word of `text` between `start` and `end` has one of the query's stems. */
type Matcher = (text: string, start: number, end: number) => boolean;

const matchers = new WeakMap<ReadonlySet<string>, Matcher>();

/**
 * Whether a word has one of the stems: a Snowball stem keeps the word's first letter, so only the
 * words that begin like a stem (accents and case aside) are stemmed; a long body costs a set
 * look-up per word rather than a stemming.
 */
function matcherOf(stems: ReadonlySet<string>): Matcher {
  let matcher = matchers.get(stems);
  if (!matcher) {
    const first = new Set([...stems].flatMap((stem) => FIRST_LETTERS.get(stem[0] ?? '') ?? [stem[0] ?? '']));
    matcher = (text, start, end) => first.has(text[start]!) && stems.has(stemWord(text.slice(start, end).toLowerCase()));
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
  const spans = wordSpans(typographed);
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!;
    const end = spans[i + 1]!;
    if (!isHit(typographed, start, end)) continue;
    out += html`${typographed.slice(last, start)}<mark>${typographed.slice(start, end)}</mark>`;
    last = end;
  }
  return out + html`${typographed.slice(last)}`;
}

/**
 * The passage of a text that holds the most query words (about 32 words), with an ellipsis where
 * it was cut, highlighted. The lead is used when no passage matches.
 */
export function snippet(text: string, stems: ReadonlySet<string>): string {
  const spans = wordSpans(text);
  const words = spans.length / 2;
  if (words === 0) return '';
  const isHit = matcherOf(stems);
  const hits = new Uint8Array(words);
  for (let i = 0; i < words; i++) hits[i] = isHit(text, spans[2 * i]!, spans[2 * i + 1]!) ? 1 : 0;
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
  const end = Math.min(words, start + SNIPPET_WORDS);
  const from = spans[2 * start]!;
  const to = end === words ? text.length : spans[2 * end - 1]!;
  const body = highlight(text.slice(from, to).trim(), stems);
  return `${start > 0 ? '… ' : ''}${body}${end < words ? ' …' : ''}`;
}
