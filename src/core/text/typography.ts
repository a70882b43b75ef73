/**
 * French typography for text nodes, applied at render time (never to URLs, attributes or code).
 *
 * Rules (see docs standards): narrow no-break space U+202F before ; ! ? and inside « »,
 * no-break space U+00A0 before :, apostrophe ’, ellipsis …, straight "quotes" → « guillemets »,
 * spaced hyphen → spaced en dash (the French "tiret d'incise"). Every rule is idempotent, so
 * text that is already correct, or that went through this function before, comes out unchanged.
 */

const NNBSP = '\u202F';
const NBSP = '\u00A0';

// All regular expressions are compiled once: this runs on the uncached rendering path.

/** Quick rejection: text without any of these characters needs no work. */
const NEEDS_WORK = /['".;:!?«»-]/;

/**
 * URL-like tokens and e-mail addresses are copied verbatim. Like linkifiers, a URL does not end
 * with sentence punctuation: in "voir https://a.fr/x: la suite", the colon is prose.
 */
const PROTECTED_TOKEN =
  /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\bmailto:)(?:[^\s«»"<>]*[^\s«»"<>.,:;!?)'’])?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const MAY_HAVE_PROTECTED = /:\/\/|www\.|mailto:|@/i;

const ELLIPSIS = /(?<!\.)\.\.\.(?!\.)/g;
/** ' between letters, or before an opening quote (l'« Europe », l'"Europe"). */
const APOSTROPHE = /(?<=\p{L})'(?=[\p{L}«"])/gu;
const STRAIGHT_QUOTE = /"/g;
const SPACED_HYPHEN = /(?<=[ \u00A0])--?(?=[ \u00A0])/g;
/** Any run of spaces after « or before » becomes exactly one narrow no-break space. */
const AFTER_OPENING_GUILLEMET = /«[ \u00A0\u202F]*/g;
const BEFORE_CLOSING_GUILLEMET = /[ \u00A0\u202F]*»/g;
/** What follows the colon or semicolon of an emoticon such as :) ;-) :D */
const EMOTICON_TAIL = String.raw`[-']?[()DPp\]\[|\\/*](?:$|[\s.,!?;])`;
/** Spaces typed before ; ! ? become a narrow no-break space. */
const SPACE_BEFORE_HIGH_PUNCT = /[ \u00A0\u202F]+(?=[;!?])/g;
/**
 * Missing space before ; ! ? after a word-like character. Not after another ? or ! (so "?!"
 * stays together), and not for winking emoticons such as ;) or ;-).
 */
const MISSING_BEFORE_HIGH_PUNCT = new RegExp(
  String.raw`(?<=[\p{L}\p{N}»)\]’%€$])(?:[!?]|;(?!${EMOTICON_TAIL}))`,
  'gu',
);
/** Spaces typed before : become a no-break space. */
const SPACE_BEFORE_COLON = /[ \u00A0\u202F]+:/g;
/**
 * Missing space before : after a word-like character, except digit:digit (12:30, 3:1),
 * scheme separators (://), doubled colons and emoticons such as :) or :-D.
 */
const MISSING_BEFORE_COLON = new RegExp(
  String.raw`(?<=[\p{L}»)\]’%]):(?![:/]|${EMOTICON_TAIL})|(?<=\p{N}):(?![:/\p{N}]|${EMOTICON_TAIL})`,
  'gu',
);

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
  if (out.includes('«')) out = out.replace(AFTER_OPENING_GUILLEMET, '«' + NNBSP);
  if (out.includes('»')) out = out.replace(BEFORE_CLOSING_GUILLEMET, NNBSP + '»');
  out = out.replace(SPACE_BEFORE_HIGH_PUNCT, NNBSP).replace(MISSING_BEFORE_HIGH_PUNCT, NNBSP + '$&');
  if (out.includes(':')) out = out.replace(SPACE_BEFORE_COLON, NBSP + ':').replace(MISSING_BEFORE_COLON, NBSP + ':');
  return out;
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
    if (afterBlank && !beforeBlank) return '«' + NNBSP;
    if (afterBlank && next === '') return '«' + NNBSP;
    if (!afterBlank) return beforeBlank ? NNBSP + '»' : '"';
    // Blank on both sides: only a quote at the very start followed by a space closes ("» suite").
    return previous === '' ? NNBSP + '»' : '"';
  });
}
