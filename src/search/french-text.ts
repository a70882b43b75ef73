import snowball from 'snowball-stemmers';
import { foldText } from '../core/db/text-match.ts';

// French text as the search index and queries see it: words, each stemmed with the Snowball French
// stemmer, then folded by the one folding rule of every search (foldText: no accents, lower case,
// ligatures spelt out), so "Présidents" and "président", "État" and
// "etat", "rencontrés" and "rencontre" meet on one form. Index and query use these same functions.

const stemmer = snowball.newStemmer('french');
const WORD = /[\p{L}\p{N}]+/gu;
// Elided articles and pronouns glued by an apostrophe: "l'État" is "État", "qu'il" is "il".
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)$/;

/** The words of a text, in order, lower-cased (accents kept), elisions dropped. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.replaceAll('’', "'").toLocaleLowerCase('fr').matchAll(WORD)) {
    const word = match[0];
    const next = text[match.index + word.length];
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
    stem = foldText(stemmer.stem(word));
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
