/** A content coding the server can send, in the server's order of preference when the client ranks them equally. */
export type Encoding = 'br' | 'gzip' | 'identity';

const SERVER_PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/** One `coding;q=value` entry of an Accept-Encoding header. */
export interface AcceptedCoding {
  coding: string;
  q: number;
}

// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses an Accept-Encoding header (RFC 9110 §12.5.3) into codings with their weights. Codings are
 * compared without case, `x-gzip` is gzip; an entry with a malformed weight or name is ignored
 * rather than guessed at.
 */
export function parseAcceptEncoding(header: string): AcceptedCoding[] {
  const out: AcceptedCoding[] = [];
  for (const entry of header.split(',')) {
    const [rawName, ...params] = entry.split(';');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    if (!TOKEN.test(name)) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() !== 'q') continue;
      if (!QVALUE.test(value)) valid = false;
      else q = Number(value);
    }
    if (valid) out.push({ coding: name === 'x-gzip' ? 'gzip' : name, q });
  }
  return out;
}

/**
 * Picks the encoding to send among br, gzip and identity: the highest weight the client gives,
 * the server's preference (br, gzip, identity) breaking ties. A coding not named takes the weight
 * of `*` if present; identity is acceptable unless refused by `identity;q=0` (or `*;q=0` without
 * naming it). When the client refuses everything we can send, identity is sent anyway, as HTTP
 * allows, rather than an error page.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[] = SERVER_PREFERENCE): Encoding {
  if (acceptEncoding === undefined) return 'identity';
  const accepted = parseAcceptEncoding(acceptEncoding);
  // An empty header means "no coding wanted" (identity only).
  if (accepted.length === 0) return 'identity';
  const weightOf = (coding: Encoding): number => {
    // The highest weight wins when a coding is listed twice.
    const named = accepted.filter((a) => a.coding === coding);
    if (named.length) return Math.max(...named.map((a) => a.q));
    const star = accepted.filter((a) => a.coding === '*');
    if (star.length) return Math.max(...star.map((a) => a.q));
    // Unnamed identity stays acceptable, below any coding the client names (0.001 is the least weight).
    return coding === 'identity' ? 0.0001 : 0;
  };
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const coding of SERVER_PREFERENCE) {
    if (!available.includes(coding)) continue;
    const q = weightOf(coding);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}
