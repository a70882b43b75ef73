import { XMLParser, XMLValidator } from 'fast-xml-parser';

// Parsing feeds and sitemaps in tests with an independent parser (not the library that wrote them).

// Elements that may repeat are always arrays, by their path.
const ARRAY_PATHS = new Set([
  'rss.channel.item',
  'rss.channel.atom:link',
  'rss.channel.item.category',
  'rss.channel.item.dc:creator',
  'feed.link',
  'feed.author',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.author',
  'feed.entry.category',
  'urlset.url',
  'urlset.url.image:image',
  'sitemapindex.sitemap',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, jpath) => ARRAY_PATHS.has(String(jpath)),
});

/** Parses an XML document after checking it is well-formed; throws with the parser's reason otherwise. */
// biome-ignore lint/suspicious/noExplicitAny: parsed XML is checked field by field by the tests
export function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`XML mal formé : ${JSON.stringify(valid.err)}`);
  return parser.parse(xml);
}

/** RFC 3339 date-time with an offset (Atom dates, W3C datetime in sitemaps). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** RFC 822 dates as RSS 2.0 wants them (day name, 4-digit year, GMT). */
export const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
