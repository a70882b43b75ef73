import { lazyPackage } from '../core/lazy-package.ts';
import { canonicalUrl } from './canonical-url.ts';

// Loaded with the first feed read (core/lazy-package.ts).
const fastXmlParser = lazyPackage<typeof import('fast-xml-parser')>('fast-xml-parser');
const htmlParser2 = lazyPackage<typeof import('htmlparser2')>('htmlparser2');

/** One entry read from a feed, before it is stored. */
export interface FeedEntry {
  guid: string | null;
  url: string;
  headline: string;
  summary: string;
  publishedAt: string | null;
  language: string | null;
}

/** A feed that cannot be read, with the reason in French as the editors will see it. */
export class FeedError extends Error {}

/** At most this many entries are read from one feed (a feed is a window, not an archive). */
export const MAX_ENTRIES = 300;
const MAX_HEADLINE = 300;
const MAX_SUMMARY = 2000;

/**
 * Reads an RSS 2.0 / RSS 1.0, Atom, JSON Feed or Google News sitemap body into entries. The bytes
 * are decoded by the charset the answer or the XML declaration names (UTF-8 by default) and
 * refused when they do not match it; XML goes through fast-xml-parser, never regular expressions.
 */
export function parseFeed(body: Buffer, contentType: string, baseUrl: string): FeedEntry[] {
  const text = decode(body, contentType);
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('{')) return parseJsonFeed(text, baseUrl);
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^text\/html/i.test(contentType))
    throw new FeedError('Le serveur a renvoyé une page HTML, pas un flux (adresse du flux à vérifier).');
  if (!start.startsWith('<')) throw new FeedError('La réponse n’est ni du XML ni du JSON : ce n’est pas un flux.');
  const { XMLParser, XMLValidator } = fastXmlParser();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new FeedError(`XML invalide (ligne ${valid.err.line}) : le flux est mal formé.`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  if (doc.rss) return parseRss(list(obj(obj(doc.rss).channel).item), baseUrl, str(obj(obj(doc.rss).channel).language));
  if (doc['rdf:RDF']) return parseRss(list(obj(doc['rdf:RDF']).item), baseUrl, null);
  if (doc.feed) return parseAtom(obj(doc.feed), baseUrl);
  if (doc.urlset) return parseNewsSitemap(list(obj(doc.urlset).url), baseUrl);
  throw new FeedError('Format de flux inconnu : ni RSS, ni Atom, ni JSON Feed, ni sitemap Google News.');
}

function decode(body: Buffer, contentType: string): string {
  const declared =
    /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw new FeedError(`Encodage « ${declared} » inconnu : le flux ne peut pas être lu.`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw new FeedError(`Encodage incorrect : le flux se déclare en ${declared.toUpperCase()} mais contient des octets qui n’en sont pas.`);
  }
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {});
const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** The text of an element that may carry attributes ({ '#text': … }). */
function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') return str((value as Obj)['#text']);
  return null;
}

/** Plain text of an HTML fragment (summaries often carry markup), whitespace collapsed. */
export function htmlToText(fragment: string): string {
  let out = '';
  const parser = new (htmlParser2().Parser)(
    {
      ontext(text) {
        out += text;
      },
      onopentag(name) {
        if (name === 'p' || name === 'br' || name === 'div' || name === 'li') out += ' ';
      },
    },
    { decodeEntities: true },
  );
  parser.write(fragment);
  parser.end();
  return out.replace(/\s+/g, ' ').trim();
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function entry(fields: {
  guid: string | null;
  link: string | null;
  title: string | null;
  summary: string | null;
  date: string | null;
  language: string | null;
  baseUrl: string;
}): FeedEntry | null {
  const url = fields.link ? canonicalUrl(fields.link, fields.baseUrl) : null;
  const headline = fields.title ? htmlToText(fields.title).slice(0, MAX_HEADLINE) : '';
  if (!url || !headline) return null;
  return {
    guid: fields.guid?.slice(0, 500) ?? null,
    url,
    headline,
    summary: fields.summary ? htmlToText(fields.summary).slice(0, MAX_SUMMARY) : '',
    publishedAt: isoDate(fields.date),
    language: fields.language?.slice(0, 2).toLowerCase() ?? null,
  };
}

function keep(entries: (FeedEntry | null)[]): FeedEntry[] {
  return entries.filter((e): e is FeedEntry => e !== null).slice(0, MAX_ENTRIES);
}

function parseRss(items: unknown[], baseUrl: string, language: string | null): FeedEntry[] {
  return keep(
    items.slice(0, MAX_ENTRIES).map((raw) => {
      const item = obj(raw);
      const guid = str(item.guid);
      const permalink = obj(item.guid)['@isPermaLink'] !== 'false' && guid?.startsWith('http') ? guid : null;
      return entry({
        guid,
        link: str(item.link) ?? permalink,
        title: str(item.title),
        summary: str(item.description) ?? str(item['content:encoded']),
        date: str(item.pubDate) ?? str(item['dc:date']),
        language: str(item['dc:language']) ?? language,
        baseUrl,
      });
    }),
  );
}

function parseAtom(feed: Obj, baseUrl: string): FeedEntry[] {
  const language = str(feed['@xml:lang']);
  return keep(
    list(feed.entry)
      .slice(0, MAX_ENTRIES)
      .map((raw) => {
        const item = obj(raw);
        const links = list(item.link).map(obj);
        const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
        return entry({
          guid: str(item.id),
          link: link ? str(link['@href']) : null,
          title: str(item.title),
          summary: str(item.summary) ?? str(item.content),
          date: str(item.published) ?? str(item.updated),
          language: str(item['@xml:lang']) ?? language,
          baseUrl,
        });
      }),
  );
}

function parseNewsSitemap(urls: unknown[], baseUrl: string): FeedEntry[] {
  return keep(
    urls.slice(0, MAX_ENTRIES).map((raw) => {
      const item = obj(raw);
      const news = obj(item['news:news']);
      const loc = str(item.loc);
      return entry({
        guid: loc,
        link: loc,
        title: str(news['news:title']),
        summary: null,
        date: str(news['news:publication_date']),
        language: str(obj(news['news:publication'])['news:language']),
        baseUrl,
      });
    }),
  );
}

function parseJsonFeed(text: string, baseUrl: string): FeedEntry[] {
  let doc: Obj;
  try {
    doc = obj(JSON.parse(text));
  } catch {
    throw new FeedError('JSON invalide : le flux JSON Feed est mal formé.');
  }
  if (typeof doc.version !== 'string' || !doc.version.includes('jsonfeed.org'))
    throw new FeedError('Ce JSON n’est pas un JSON Feed (champ « version » absent).');
  const language = typeof doc.language === 'string' ? doc.language : null;
  return keep(
    list(doc.items)
      .slice(0, MAX_ENTRIES)
      .map((raw) => {
        const item = obj(raw);
        const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : null);
        return entry({
          guid: item.id === undefined ? null : String(item.id),
          link: text('url') ?? text('external_url'),
          title: text('title'),
          summary: text('summary') ?? text('content_text') ?? text('content_html'),
          date: text('date_published') ?? text('date_modified'),
          language: text('language') ?? language,
          baseUrl,
        });
      }),
  );
}
