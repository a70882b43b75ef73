/**
 * A small longest-common-subsequence diff for comparing revisions: paragraphs first, then the
 * words of a paragraph that was rewritten. Revisions are a few hundred paragraphs at most, so the
 * quadratic table is cheap; above a bound the texts are shown as wholly removed and added.
 */

export type DiffPart<T> = { kind: 'same' | 'added' | 'removed'; value: T };

/** Largest table (rows × columns) computed; past it the diff is "all removed, all added". */
const MAX_CELLS = 2_000_000;

/** The edit script turning `before` into `after`, in order. */
export function diffSequences<T>(before: readonly T[], after: readonly T[], equal: (a: T, b: T) => boolean = Object.is): DiffPart<T>[] {
  // Common head and tail cost nothing and shrink the table.
  let head = 0;
  while (head < before.length && head < after.length && equal(before[head], after[head])) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    equal(before[before.length - 1 - tail], after[after.length - 1 - tail])
  )
    tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle: DiffPart<T>[] = [];
  if (a.length * b.length > MAX_CELLS) {
    for (const value of a) middle.push({ kind: 'removed', value });
    for (const value of b) middle.push({ kind: 'added', value });
  } else {
    // lengths[i][j]: LCS length of a[i…] and b[j…].
    const width = b.length + 1;
    const lengths = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i * width + j] = equal(a[i], b[j])
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (equal(a[i], b[j])) {
        middle.push({ kind: 'same', value: a[i] });
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        middle.push({ kind: 'removed', value: a[i++] });
      } else {
        middle.push({ kind: 'added', value: b[j++] });
      }
    }
    while (i < a.length) middle.push({ kind: 'removed', value: a[i++] });
    while (j < b.length) middle.push({ kind: 'added', value: b[j++] });
  }
  return [
    ...before.slice(0, head).map((value) => ({ kind: 'same' as const, value })),
    ...middle,
    ...before.slice(before.length - tail).map((value) => ({ kind: 'same' as const, value })),
  ];
}

/** Splits text into words and the spaces between them, so that joining the parts gives the text back. */
export function tokenizeWords(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** One paragraph of a side-by-side comparison: unchanged, only on one side, or rewritten (word diff). */
export type ParagraphChange =
  | { kind: 'same'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'changed'; words: DiffPart<string>[] };

/**
 * Compares two texts paragraph by paragraph (paragraphs separated by blank lines). A removed
 * paragraph directly followed by an added one is shown as one rewritten paragraph with its words
 * marked, which is how an editor reads a correction.
 */
export function diffParagraphs(before: string, after: string): ParagraphChange[] {
  const split = (text: string) =>
    text
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean);
  const parts = diffSequences(split(before), split(after));
  const changes: ParagraphChange[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const next = parts[k + 1];
    if (part.kind === 'removed' && next?.kind === 'added') {
      changes.push({ kind: 'changed', words: diffSequences(tokenizeWords(part.value), tokenizeWords(next.value)) });
      k++;
    } else {
      changes.push({ kind: part.kind, text: part.value });
    }
  }
  return changes;
}
