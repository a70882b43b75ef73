import { type XmlNode, xmlText as text, wireXmlReader } from './wire-decode.ts';
import { checkItem, isoInstant, type WireItem, WireFileError, type WirePhoto } from './wire-item.ts';

// RSS 2.0 as agencies send it: <guid> identifies the item; RSS has no version number, so the
// item's date (pubDate, or dc:date) stands for it: a later date is a newer version. No withdrawal
// or embargo exists in RSS. Photos come from <enclosure> and media:content (with media:credit).

const readRss = wireXmlReader({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['item', 'category', 'content', 'enclosure'].includes(name),
});

type Node = XmlNode;

function photosOf(item: Node): WirePhoto[] {
  const media = ((item.content ?? []) as Node[]).filter((c) => typeof c === 'object' && c['@url']);
  const enclosures = ((item.enclosure ?? []) as Node[]).filter((e) => String(e['@type'] ?? '').startsWith('image/'));
  return [
    ...media.map((m) => ({ href: text(m['@url']), caption: text(m.description) || text(m.title), credit: text(m.credit) })),
    ...enclosures.map((e) => ({ href: text(e['@url']), caption: '', credit: '' })),
  ];
}

/** The dépêches of an RSS 2.0 feed; throws a French message when it cannot be read. */
export function parseRss(xml: string): WireItem[] {
  const document = readRss(xml) as Node;
  const channel = (document.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel) throw new WireFileError('pas de <rss><channel> : ce n’est pas un flux RSS 2.0');
  const items = (channel.item ?? []) as Node[];
  return items.map((item, index) => {
    const date = isoInstant(text(item.pubDate) || text(item.date));
    const time = date ? Date.parse(date) : Number.NaN;
    // Seconds since 2020: an integer that grows with each re-sent version of the item.
    const version = Number.isNaN(time) ? 1 : Math.max(1, Math.floor((time - Date.UTC(2020, 0, 1)) / 1000));
    const encoded = text(item.encoded);
    return checkItem(
      {
        guid: text(item.guid) || text(item.link) || undefined,
        version,
        pubStatus: 'usable',
        embargo: null,
        headline: text(item.title),
        lead: encoded ? text(item.description) : '',
        bodyHtml: encoded || text(item.description),
        keywords: ((item.category ?? []) as unknown[]).map(text).filter(Boolean),
        photos: photosOf(item),
      },
      `élément ${index + 1}`,
    );
  });
}
