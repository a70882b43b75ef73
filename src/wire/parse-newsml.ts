import { type XmlNode, xmlText as text, wireXmlReader } from './wire-decode.ts';
import { checkItem, isoInstant, type WireItem, WireFileError, type WirePhoto } from './wire-item.ts';

// NewsML-G2 (IPTC): a <newsMessage> carrying several items, or one <newsItem>. Text items become
// dépêches; picture items of the same message are their photos (remote link and credit line).
// Read with fast-xml-parser: the XHTML body (<inlineXML>) is kept as raw markup (stopNodes) and
// sanitised later like any agency HTML.

const LISTS = new Set(['newsItem', 'subject', 'keyword', 'name', 'headline', 'description', 'remoteContent', 'inlineXML', 'packageItem']);

const readNewsMl = wireXmlReader({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  stopNodes: ['*.inlineXML'],
  isArray: (name) => LISTS.has(name),
});

type Node = XmlNode;

function attr(value: unknown, name: string): string {
  if (Array.isArray(value)) return attr(value[0], name);
  return value && typeof value === 'object' ? text((value as Node)[`@${name}`]) : '';
}

function list(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Node => typeof v === 'object' && v !== null);
}

/** The description whose role is the summary (or the first one). */
function summary(descriptions: unknown): string {
  const all = list(descriptions);
  const chosen = all.find((d) => attr(d, 'role').endsWith('summary')) ?? all[0];
  return chosen ? text(chosen) : typeof descriptions === 'string' ? descriptions : '';
}

function photoOf(item: Node): WirePhoto | null {
  const contentSet = (item.contentSet ?? {}) as Node;
  const meta = (item.contentMeta ?? {}) as Node;
  const href = attr(list(contentSet.remoteContent)[0], 'href');
  if (!href) return null;
  return {
    href,
    caption: summary(meta.description) || text(meta.headline),
    credit: text(meta.creditline) || text(meta.copyrightHolder),
  };
}

function textItem(item: Node, photos: WirePhoto[], place: string): WireItem {
  const meta = (item.itemMeta ?? {}) as Node;
  const content = (item.contentMeta ?? {}) as Node;
  const contentSet = (item.contentSet ?? {}) as Node;
  const status = attr(meta.pubStatus, 'qcode') || 'stat:usable';
  const versionText = attr(item, 'version') || '1';
  const subjects = list(content.subject)
    .map((s) => text(s.name))
    .filter(Boolean);
  const keywords = ((content.keyword ?? []) as unknown[]).map(text).filter(Boolean);
  const inline = contentSet.inlineXML;
  return checkItem(
    {
      guid: attr(item, 'guid') || undefined,
      version: /^\d+$/.test(versionText) ? Number(versionText) : Number.NaN,
      pubStatus: status.replace(/^stat:/, ''),
      embargo: isoInstant(text(meta.embargoed)),
      headline: text(content.headline),
      lead: summary(content.description),
      bodyHtml: Array.isArray(inline) ? inline.map((v) => (typeof v === 'string' ? v : text(v))).join('\n') : '',
      keywords: [...subjects, ...keywords],
      photos,
    },
    place,
  );
}

/** The dépêches of a NewsML-G2 document; throws a French message when it cannot be read. */
export function parseNewsMl(xml: string): WireItem[] {
  const document = readNewsMl(xml) as Node;
  const items = document.newsMessage
    ? list(((document.newsMessage as Node).itemSet as Node | undefined)?.newsItem)
    : list(document.newsItem);
  if (items.length === 0) throw new WireFileError('aucun élément <newsItem> : ce n’est pas un document NewsML-G2');
  const isPicture = (item: Node) => attr((item.itemMeta as Node | undefined)?.itemClass, 'qcode').endsWith('picture');
  const photos = items
    .filter(isPicture)
    .map(photoOf)
    .filter((p): p is WirePhoto => p !== null);
  const texts = items.filter((item) => !isPicture(item));
  return texts.map((item, index) => textItem(item, photos, `élément ${index + 1}`));
}
