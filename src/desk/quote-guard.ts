import { foldText } from '../core/db/text-match.ts';
import { words } from '../search/french-text.ts';

// How much of a draft repeats the original it is based on, counted in words: the longest run of
// consecutive words both texts share (accents and case ignored), and how many of the draft's words
// sit in shared runs of at least RUN_WORDS words. French law allows short quotations (droit de
// courte citation) and publishers hold neighbouring rights on their articles: the desk's settings
// say from which run length the editor is warned, and from which publication is refused.

/** A shared run shorter than this is ordinary language, not a quotation. */
export const RUN_WORDS = 8;

/** What the guard found in a draft. */
export interface QuoteReport {
  /** Words of the longest run shared with the original. */
  longestRun: number;
  /** That run's words, lower-cased (for the editor to find it). */
  longestText: string;
  /** Words of the draft inside shared runs of RUN_WORDS words or more. */
  repeatedWords: number;
  draftWords: number;
}

function tokens(text: string): { folded: string[]; shown: string[] } {
  const shown = words(text);
  return { folded: shown.map(foldText), shown };
}

/** Compares a draft with the original's text. */
export function quoteReport(draft: string, original: string): QuoteReport {
  const d = tokens(draft);
  const o = tokens(original).folded;
  // Longest common run of words: dynamic programming over the two word lists, one row at a time.
  let longest = 0;
  let end = 0;
  let previous = new Uint32Array(o.length + 1);
  let current = new Uint32Array(o.length + 1);
  for (let i = 1; i <= d.folded.length; i++) {
    for (let j = 1; j <= o.length; j++) {
      const value = d.folded[i - 1] === o[j - 1] ? previous[j - 1]! + 1 : 0;
      current[j] = value;
      if (value > longest) {
        longest = value;
        end = i;
      }
    }
    [previous, current] = [current, previous];
    current.fill(0);
  }
  // Words in shared runs of RUN_WORDS or more: every RUN_WORDS-gram of the draft found in the original.
  const grams = new Set<string>();
  for (let j = 0; j + RUN_WORDS <= o.length; j++) grams.add(o.slice(j, j + RUN_WORDS).join(' '));
  const covered = new Uint8Array(d.folded.length);
  for (let i = 0; i + RUN_WORDS <= d.folded.length; i++) {
    if (grams.has(d.folded.slice(i, i + RUN_WORDS).join(' '))) covered.fill(1, i, i + RUN_WORDS);
  }
  return {
    longestRun: longest,
    longestText: d.shown.slice(end - longest, end).join(' '),
    repeatedWords: covered.reduce((sum, v) => sum + v, 0),
    draftWords: d.folded.length,
  };
}

/** The guard's verdict under the desk's settings: fine, warn, or block (never block when the outlet allows quoting). */
export function quoteVerdict(
  report: QuoteReport,
  settings: { warnWords: number; blockWords: number },
  quoteAllowed: boolean,
): 'ok' | 'warn' | 'block' {
  if (report.longestRun > settings.blockWords && !quoteAllowed) return 'block';
  if (report.longestRun > settings.warnWords) return 'warn';
  return 'ok';
}
