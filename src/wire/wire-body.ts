import type { BodyBlock, BodyDoc, InlineNode } from '../articles/body/body-schema.ts';
import { bodyToPlainText } from '../articles/body/body-text.ts';
import { ARTICLE_LIMITS, type ArticleInputData } from '../articles/operations/article-input.ts';
import { htmlToBody } from '../importers/html-to-body.ts';
import { deliveredPhotoPath, type WireItem, type WirePhoto } from './wire-item.ts';

// A dépêche as the agency sent it → the fields of a Kiosque article. The agency's HTML goes
// through the same converter as imported posts (allow-list: paragraphs, headings, lists, quotes,
// bold, italic, safe links; scripts, styles and the rest dropped), so nothing an agency sends can
// reach the page as markup. The first photo becomes the main image when it could be stored
// (wire-photo.ts); the others, and the first one when it could not, stay remote: a credited link
// under the text.

/** What an agency contributes to each of its dépêches. */
export interface AgencyMapping {
  name: string;
  personId: number;
  sectionId: number;
  tags: string[];
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** Agency HTML (or plain text) as plain text, for the lead. */
function plainText(html: string): string {
  return bodyToPlainText({ type: 'doc', content: htmlToBody(html, { wordpress: false }).content });
}

function photoParagraph(photo: WirePhoto): BodyBlock {
  const content: InlineNode[] = [
    { type: 'text', text: 'Photo : ' },
    {
      type: 'text',
      text: shorten(photo.caption, 300) || 'voir l’image de l’agence',
      marks: [{ type: 'link', attrs: { href: photo.href } }],
    },
  ];
  if (photo.credit.trim()) content.push({ type: 'text', text: ` (© ${shorten(photo.credit, 150)})` });
  return { type: 'paragraph', content };
}

/** The article body of a dépêche: its sanitised text, then one credited link per photo not shown as the main image. */
export function wireBody(item: WireItem, heroImageId: number | null = null): BodyDoc {
  const converted = htmlToBody(item.bodyHtml, { wordpress: false });
  // Images inside the text would need a stored file: agencies' photos are listed below instead.
  const blocks = converted.content.filter((block) => block.type !== 'image');
  // A photo delivered in the agency's folder has no address to link to.
  const linked = (heroImageId === null ? item.photos : item.photos.slice(1)).filter((p) => deliveredPhotoPath(p.href) === null);
  return { type: 'doc', content: [...blocks, ...linked.map(photoParagraph)] };
}

/** The tags of a dépêche: the agency's own, then the item's subjects and keywords, within the article limits. */
export function wireTags(item: WireItem, agencyTags: string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of [...agencyTags, ...item.keywords]) {
    const tag = shorten(raw, ARTICLE_LIMITS.tagName);
    const key = tag.toLocaleLowerCase('fr');
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === ARTICLE_LIMITS.tags) break;
  }
  return tags;
}

/** The article input of a dépêche (format dépêche, the agency as byline, its section and tags, its main image if stored). */
export function wireArticleInput(item: WireItem, agency: AgencyMapping, heroImageId: number | null = null): ArticleInputData {
  return {
    format: 'depeche',
    sectionId: agency.sectionId,
    headline: shorten(item.headline, ARTICLE_LIMITS.headline),
    lead: shorten(plainText(item.lead), ARTICLE_LIMITS.lead),
    body: wireBody(item, heroImageId),
    heroImageId,
    authorPersonIds: [agency.personId],
    tags: wireTags(item, agency.tags),
    source: { outlet: agency.name, url: '', headline: '' },
  };
}
