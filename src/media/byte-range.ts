/** An inclusive byte range of a file, as HTTP counts them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes (RFC 9110 §14):
 *   - undefined: no usable range, send the whole file (absent, not in bytes, malformed, or several
 *     ranges — which we may ignore, and podcast apps and browsers never ask for);
 *   - 'unsatisfiable': a well-formed range entirely past the end (answer 416);
 *   - a range clamped to the file: `bytes=0-` all, `bytes=-500` the last 500 bytes, `bytes=100-`
 *     from 100 on, `bytes=100-9999999` up to the last byte.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** Whether `If-Range` allows a partial answer: only when it names the current strong ETag. */
export function ifRangeAllows(header: string | undefined, etag: string): boolean {
  if (!header) return true;
  // A date (not an ETag) is weaker than our content-addressed ETag: answer with the whole file.
  return header.trim() === etag;
}
