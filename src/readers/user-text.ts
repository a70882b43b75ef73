/**
 * What readers may type in any field (names, comments, reports): printable text only. Control
 * characters, invisible direction overrides (used to disguise text) and the replacement character
 * (bytes that were not valid UTF-8) are refused, not silently removed, so nothing is stored that
 * the reader did not see.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DIRECTION_OVERRIDES = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
// A replacement character, or percent-escapes of bytes the form decoder could not turn into UTF-8.
const INVALID_BYTES = /\ufffd|%[89a-f][0-9a-f]/i;

/** The French reason a text is refused, or null when it is acceptable. */
export function userTextProblem(text: string, what: string): string | null {
  if (INVALID_BYTES.test(text)) return `${what} contient des caractères illisibles (encodage invalide).`;
  if (DIRECTION_OVERRIDES.test(text)) return `${what} contient des caractères invisibles de changement de sens d’écriture.`;
  if (CONTROL.test(text)) return `${what} contient des caractères de contrôle.`;
  return null;
}

/** Normalises what passed the check: NFC, Windows line ends, trailing spaces, 3+ blank lines. */
export function tidyUserText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
