import type { WireFormat } from '../core/db/schema.ts';
import { parseNewsMl } from './parse-newsml.ts';
import { parseNinjs } from './parse-ninjs.ts';
import { parseRss } from './parse-rss.ts';
import { decodeWireBytes } from './wire-decode.ts';
import { WIRE_MAX_BYTES, type WireItem, WireFileError } from './wire-item.ts';

export const WIRE_FORMATS = ['newsml', 'ninjs', 'rss'] as const satisfies readonly WireFormat[];

export const FORMAT_LABELS: Record<WireFormat, string> = {
  newsml: 'NewsML-G2 (XML)',
  ninjs: 'IPTC ninjs (JSON)',
  rss: 'RSS 2.0',
};

/**
 * The dépêches of one file or HTTP answer in the agency's format. Throws an Error whose message
 * says in French why nothing of it was taken (too big, encoding, syntax, missing GUID…).
 */
export function parseWireDocument(bytes: Buffer, format: WireFormat): WireItem[] {
  if (bytes.length > WIRE_MAX_BYTES)
    throw new WireFileError(
      `fichier trop volumineux (${(bytes.length / 1024 / 1024).toFixed(1)} Mo ; ${WIRE_MAX_BYTES / 1024 / 1024} Mo au plus)`,
    );
  if (bytes.length === 0) throw new WireFileError('fichier vide');
  const text = decodeWireBytes(bytes);
  if (format === 'ninjs') return parseNinjs(text);
  if (format === 'rss') return parseRss(text);
  return parseNewsMl(text);
}
