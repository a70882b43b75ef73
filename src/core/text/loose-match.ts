/**
 * Matching text against word lists the way moderators mean it: regardless of accents, case,
 * simple look-alike digits and symbols (l33t), letters split by dots, dashes or spaces
 * ("c.o.n", "c o n"), and letters repeated for emphasis ("nuuul"). Both the text and the list
 * entries go through the same folding, so an entry is written once, plainly.
 */

import { foldText } from '../db/text-match.ts';

const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '€': 'e',
  '!': 'i',
  '|': 'i',
};

/** Characters that may be slipped between letters without changing the word for a reader. */
const FILLERS = /[.\-_*·'’`~^+=/\\]/g;

/** One word folded: no accents, lower case, look-alikes replaced, fillers dropped, repeats collapsed. */
function foldWord(word: string): string {
  // Punctuation or a number alone is not a disguised word ("!" is not "i", "2026" stays a number).
  if (!/\p{L}/u.test(word)) return word.replace(/[^\p{N}]/gu, '');
  // Accents, case and ligatures: the one text-matching rule of the searches (foldText).
  const plain = foldText(word)
    .replace(/[0-9@$€!|]/g, (c) => LOOK_ALIKES[c] ?? c)
    .replace(FILLERS, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
  return plain.replace(/(.)\1+/gu, '$1');
}

/**
 * The words of a text, folded. Runs of single letters ("c o n n a r d") are joined back into
 * one word, since nobody writes a real sentence that way.
 */
export function foldedWords(text: string): string[] {
  const raw = text
    .split(/[\s,;:?«»"()[\]{}<>]+/u)
    .map(foldWord)
    .filter(Boolean);
  const words: string[] = [];
  let run = '';
  for (const word of raw) {
    if (word.length === 1) {
      run += word;
      continue;
    }
    if (run) words.push(run.length > 2 ? run.replace(/(.)\1+/gu, '$1') : run);
    run = '';
    words.push(word);
  }
  if (run) words.push(run.length > 2 ? run.replace(/(.)\1+/gu, '$1') : run);
  return words;
}

/** A text folded into one comparable key (display names: "Élo-die" and "elodie" are one). */
export function foldedKey(text: string): string {
  return foldedWords(text).join('');
}

/** French inflections accepted after a listed word: "connard" also finds "connards", "connasse" is its own entry. */
const ENDINGS = ['', 's', 'x', 'e', 'es'];

/** The list entries found in the text (each entry may be several words). */
export function findListedWords(text: string, entries: readonly string[]): string[] {
  const words = foldedWords(text);
  const found: string[] = [];
  for (const entry of entries) {
    const parts = foldedWords(entry);
    if (parts.length === 0) continue;
    const matches =
      parts.length === 1
        ? words.some((w) => w.startsWith(parts[0]) && ENDINGS.includes(w.slice(parts[0].length)))
        : words.some((_, i) => parts.every((p, j) => words[i + j] === p));
    if (matches) found.push(entry);
  }
  return found;
}
