/**
 * French typography for text nodes, applied at render time (never to URLs, attributes or code).
 *
 * Rules (see docs standards): narrow no-break space U+202F before ; ! ? and inside « »,
 * no-break space U+00A0 before :, apostrophe ’, ellipsis …, straight "quotes" → « guillemets »,
 * spaced hyphen → spaced en dash (the French "tiret d'incise"). Every rule is idempotent, so
 * text that is already correct, or that went through this function before, comes out unchanged.
 */

import { BoundedMemo } from '../cache/bounded-memo.ts';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

// All regular expressions are compiled once: this runs on the uncached rendering path.

/** Quick rejection: text without any of these characters needs no work. */
const NEEDS_WORK = /['".;:!?«»-]/;

/**
 * URL-like tokens and e-mail addresses are copied verbatim. Like linkifiers, a URL does not end
 * with sentence punctuation: in "voir https://a.fr/x: la suite", the colon is prose.
 */
const PROTECTED_TOKEN = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\bmailto:)(?:[^\s«»"<>]*[^\s«»"<>.,:;!?)'’])?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const MAY_HAVE_PROTECTED = /:\/\/|www\.|mailto:|@/i;

const ELLIPSIS = /(?<!\.)\.\.\.(?!\.)/g;
/** ' between letters, or before an opening quote (l'« Europe », l'"Europe"). */
const APOSTROPHE = /(?<=\p{L})'(?=[\p{L}«"])/gu;
const STRAIGHT_QUOTE = /"/g;
const SPACED_HYPHEN = /(?<=[ \u00A0])--?(?=[ \u00A0])/g;
/** Punctuation that takes a space: the scanner in spaceBeforePunctuation() stops only on these. */
const SPACED_PUNCTUATION = /[;:!?«»]/g;
/** What follows the colon or semicolon of an emoticon such as :) ;-) :D (checked at one position). */
const EMOTICON_TAIL = /[-']?[()DPp\][|\\/*](?:$|[\s.,!?;])/y;
/** After these, a missing space before ; ! ? is inserted (not after ? or !, so "?!" stays together). */
const WORD_BEFORE_HIGH_PUNCT = /[\p{L}\p{N}»)\]’%€$]/u;
const WORD_BEFORE_COLON = /[\p{L}\p{N}»)\]’%]/u;
const DIGIT = /\p{N}/u;

const OPENING_CONTEXT = /[\s([{«—–’'/]/;
const CLOSING_CONTEXT = /[\s.,;:!?)\]}…»]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Applies French typography to one text node. `before` is the last character of the text that
 * precedes this node in the same block (for text split by bold/italic/link marks), so that
 * "<em>mot</em>?" gets its space and a lone closing quote is recognised.
 */
export function frenchTypography(text: string, before = ''): string {
  if (!NEEDS_WORK.test(text)) return text;
  // Headlines, kickers, leads and names come back on every page listing them: kept by their text.
  if (before === '' && text.length <= SHORT_TEXT) return shortTexts.get(text, () => typographed(text, ''));
  return typographed(text, before);
}

/** The longest text kept by its value: a lead (the body's paragraphs are rendered at save time). */
const SHORT_TEXT = 400;
const shortTexts = new BoundedMemo<string>(2048);

function typographed(text: string, before: string): string {
  if (!MAY_HAVE_PROTECTED.test(text)) return withContext(text, before);
  // Split around URLs/e-mails, typographing only the prose between them.
  let result = '';
  let last = 0;
  let previous = before;
  PROTECTED_TOKEN.lastIndex = 0;
  for (let match = PROTECTED_TOKEN.exec(text); match !== null; match = PROTECTED_TOKEN.exec(text)) {
    const prose = text.slice(last, match.index);
    if (prose) {
      const done = withContext(prose, previous);
      result += done;
      previous = done.at(-1) ?? previous;
    }
    result += match[0];
    previous = match[0].at(-1) ?? previous;
    last = match.index + match[0].length;
  }
  const rest = text.slice(last);
  return rest ? result + withContext(rest, previous) : result;
}

/** Short alias of {@link frenchTypography}, for templates. */
export const fr = frenchTypography;

/**
 * Runs the rules with the preceding character visible to them. The real character is replaced by
 * a representative that no rule rewrites (a letter stays a letter, a closing mark becomes ")"),
 * so the prefix can be sliced off again afterwards.
 */
function withContext(text: string, before: string): string {
  const prefix = contextPrefix(before);
  const done = applyRules(prefix + text);
  return prefix ? done.slice(1) : done;
}

function contextPrefix(before: string): string {
  if (!before) return '';
  if (LETTER_OR_DIGIT.test(before)) return before >= '0' && before <= '9' ? '0' : 'a';
  if (before === '»' || before === ')' || before === ']' || before === '%') return ')';
  if (before === '«' || before === '(' || before === '[' || before === '’') return '(';
  return '';
}

function applyRules(text: string): string {
  let out = text;
  if (out.includes('...')) out = out.replace(ELLIPSIS, '…');
  if (out.includes("'")) out = out.replace(APOSTROPHE, '’');
  if (out.includes('"')) out = convertStraightQuotes(out);
  if (out.includes('-')) out = out.replace(SPACED_HYPHEN, '–');
  return spaceBeforePunctuation(out);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x202f;
}

/**
 * One pass over ; : ! ? « »: spaces typed before ; : ! ? » (or after «) become exactly one
 * narrow no-break space (no-break space for :), and a missing one is inserted after a word.
 * Exceptions: "?!" stays together, digit:digit (8:05, 3:1), "://", "::" and emoticons (;-) :D).
 */
function spaceBeforePunctuation(text: string): string {
  let out = '';
  let last = 0;
  SPACED_PUNCTUATION.lastIndex = 0;
  for (let match = SPACED_PUNCTUATION.exec(text); match !== null; match = SPACED_PUNCTUATION.exec(text)) {
    const index = match.index;
    const mark = match[0];
    if (mark === '«') {
      let next = index + 1;
      while (next < text.length && isSpace(text.charCodeAt(next))) next++;
      out += `${text.slice(last, index)}«${NNBSP}`;
      last = next;
      continue;
    }
    let start = index; // first of the spaces typed before the mark
    while (start > last && isSpace(text.charCodeAt(start - 1))) start--;
    const space = mark === ':' ? NBSP : NNBSP;
    let spaced: boolean;
    if (start < index || mark === '»') {
      spaced = true;
    } else {
      const previous = index > 0 ? text[index - 1] : '';
      spaced = previous !== '' && (mark === ':' ? colonTakesSpace(text, index, previous) : highTakesSpace(text, index, mark, previous));
    }
    out += text.slice(last, start) + (spaced ? space : '') + mark;
    last = index + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

function highTakesSpace(text: string, index: number, mark: string, previous: string): boolean {
  if (!WORD_BEFORE_HIGH_PUNCT.test(previous)) return false;
  return mark !== ';' || !isEmoticonTail(text, index + 1);
}

function colonTakesSpace(text: string, index: number, previous: string): boolean {
  if (!WORD_BEFORE_COLON.test(previous)) return false;
  const next = text[index + 1] ?? '';
  if (next === ':' || next === '/') return false;
  if (next && DIGIT.test(previous) && DIGIT.test(next)) return false;
  return !isEmoticonTail(text, index + 1);
}

function isEmoticonTail(text: string, at: number): boolean {
  EMOTICON_TAIL.lastIndex = at;
  return EMOTICON_TAIL.test(text);
}

/**
 * Straight double quotes become « » by looking at their neighbours: after a space (or at the
 * start) and before a word, a quote opens; after a word, it closes. Ambiguous ones (a"b, or a
 * quote between two spaces) are left as typed rather than guessed wrong.
 */
function convertStraightQuotes(text: string): string {
  return text.replace(STRAIGHT_QUOTE, (_quote: string, offset: number, whole: string) => {
    const previous = offset > 0 ? whole[offset - 1] : '';
    const next = offset + 1 < whole.length ? whole[offset + 1] : '';
    const afterBlank = previous === '' || OPENING_CONTEXT.test(previous);
    const beforeBlank = next === '' || CLOSING_CONTEXT.test(next);
    if (afterBlank && !beforeBlank) return `«${NNBSP}`;
    if (afterBlank && next === '') return `«${NNBSP}`;
    if (!afterBlank) return beforeBlank ? `${NNBSP}»` : '"';
    // Blank on both sides: only a quote at the very start followed by a space closes ("» suite").
    return previous === '' ? `${NNBSP}»` : '"';
  });
}
