import { foldText } from '../core/db/text-match.ts';
import { STOP_WORDS, words } from './french-text.ts';

/** Longer queries are cut here (a 10 KB paste still searches its first words). */
export const MAX_QUERY_LENGTH = 200;
const MAX_GROUPS = 10;
const MAX_PHRASE_WORDS = 8;

/** A query as the search runs it: groups of words, each a single word or a phrase that was quoted. */
export interface ParsedQuery {
  /** What was asked, trimmed and cut to MAX_QUERY_LENGTH (shown back to the reader). */
  text: string;
  /** Every group must match; a group of several words must match as a phrase, in order. */
  groups: string[][];
  /** True when the query was cut, or words were left out (too many, or words like "le", "de"). */
  shortened: boolean;
}

// Straight and typographic double quotes open and close phrases; everything else that is not a
// letter or a digit separates words, so FTS syntax (*, :, -, NEAR, parentheses) means nothing here.
const QUOTES = /["«»“”„]/;

/** Reads a reader's query; never throws, whatever the input. */
export function parseQuery(raw: string): ParsedQuery {
  const trimmed = raw.replace(/\s+/g, ' ').trim();
  const text = trimmed.slice(0, MAX_QUERY_LENGTH);
  let shortened = trimmed.length > MAX_QUERY_LENGTH;
  const segments = text.split(QUOTES);
  const groups: string[][] = [];
  segments.forEach((segment, i) => {
    // Odd segments are inside quotes, unless the last quote was never closed.
    const quoted = i % 2 === 1 && i < segments.length - 1;
    const list = words(segment);
    if (quoted && list.length > 1) {
      if (list.every((w) => STOP_WORDS.has(foldText(w)))) shortened = true;
      else groups.push(list.slice(0, MAX_PHRASE_WORDS));
      if (list.length > MAX_PHRASE_WORDS) shortened = true;
      return;
    }
    for (const word of list) {
      if (STOP_WORDS.has(foldText(word))) shortened = true;
      else groups.push([word]);
    }
  });
  const unique = groups.filter((g, i) => groups.findIndex((o) => o.join(' ') === g.join(' ')) === i);
  if (unique.length > MAX_GROUPS) shortened = true;
  return { text, groups: unique.slice(0, MAX_GROUPS), shortened };
}
