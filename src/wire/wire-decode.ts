import type { X2jOptions, XMLParser } from 'fast-xml-parser';
import { lazyPackage } from '../core/lazy-package.ts';
import { WireFileError } from './wire-item.ts';

// Bytes of an agency file into text: UTF-8 unless the file declares another encoding (XML
// declaration), and an encoding error is an error, never a silent replacement character.

const XML_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/** The text of a file, or throws a French message ("encodage invalide…"). */
export function decodeWireBytes(bytes: Buffer): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new WireFileError('encodage UTF-16 non pris en charge : envoyez le fichier en UTF-8');
  // The declaration is ASCII in every encoding Kiosque reads, so it can be looked at before decoding.
  const head = bytes.subarray(start, start + 200).toString('latin1');
  const declared = XML_DECLARATION.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new WireFileError(`encodage « ${declared} » inconnu`);
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw new WireFileError(`encodage invalide : le fichier n’est pas du ${declared.toUpperCase()} valide`);
  }
}

/** A node of a document read by fast-xml-parser (attributes as `@name`, text as `#text`). */
export type XmlNode = Record<string, unknown>;

/** The trimmed text of a parsed XML value: a string, the first of a list, or an element's `#text`. */
export function xmlText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return xmlText(value[0]);
  if (typeof value === 'object') return xmlText((value as XmlNode)['#text']);
  return String(value).trim();
}

// fast-xml-parser is loaded with the first agency file read (core/lazy-package.ts).
const fastXmlParser = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');

/**
 * A reader of one agency XML format: checks that the text is well-formed XML (else a French
 * message with the line), then parses it with the format's options; the parser is made once.
 */
export function wireXmlReader(options: Partial<X2jOptions>): (xml: string) => XmlNode {
  let parser: XMLParser | undefined;
  return (xml) => {
    const { XMLParser, XMLValidator } = fastXmlParser();
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new WireFileError(`XML invalide (ligne ${valid.err.line}) : ${valid.err.msg}`);
    parser ??= new XMLParser(options);
    return parser.parse(xml) as XmlNode;
  };
}
