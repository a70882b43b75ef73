import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { stemWord } from './french-text.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const SNIPPET_WORDS = 32;

/** The stems a query looks for, to mark them in what is shown. */
export function queryStems(groups: string[][]): Set<string> {
  return new Set(groups.flat().map(stemWord));
}

/**
 * Text with the words of the query marked: escaped, typographed, each matching word (same stem)
 * wrapped in <mark>. Only the reader's words are compared, never inserted: nothing they type
 * reaches the markup.
 */
export function highlight(text: string, stems: ReadonlySet<string>): string {
  const typographed = fr(text);
  let out = '';
  let last = 0;
  for (const match of typographed.matchAll(WORD)) {
    if (!stems.has(stemWord(match[0].toLocaleLowerCase('fr')))) continue;
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
  const matches = [...text.matchAll(WORD)];
  if (matches.length === 0) return '';
  const hits = matches.map((m) => (stems.has(stemWord(m[0].toLocaleLowerCase('fr'))) ? 1 : 0));
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
  // Start a few words before the first hit of the window, so it reads in context.
  const firstHit = hits.indexOf(1, best);
  const start = firstHit === -1 ? 0 : Math.max(0, Math.min(best, firstHit - 6));
  const end = Math.min(matches.length, start + SNIPPET_WORDS);
  const from = matches[start]!.index;
  const lastWord = matches[end - 1]!;
  const to = end === matches.length ? text.length : lastWord.index + lastWord[0].length;
  const body = highlight(text.slice(from, to).trim(), stems);
  return `${start > 0 ? '… ' : ''}${body}${end < matches.length ? ' …' : ''}`;
}
