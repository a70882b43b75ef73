import { renderBody } from '../articles/body/render-body.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { imageVariant } from '../images/image-urls.ts';
import type { FeedArticle } from './feed-repository.ts';

/** Width of the pictures feeds carry: large enough for readers' full-width views. */
const FEED_IMAGE_WIDTH = 1280;

/** An image as feeds give it: an absolute JPEG URL (every reader decodes it), its size and words. */
export interface FeedImage {
  url: string;
  width: number;
  height: number;
  type: 'image/jpeg';
  alt: string;
  caption: string;
  credit: string;
}

/** The picture a feed carries for an image (16:9 for the hero, as on the site). */
export function feedImage(publicUrl: string, image: ImageRecord, crop: '16x9' | 'free' = '16x9'): FeedImage {
  const variant = imageVariant(image, FEED_IMAGE_WIDTH, 'jpeg', crop);
  return {
    url: publicUrl + variant.url,
    width: variant.width,
    height: variant.height,
    type: 'image/jpeg',
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
  };
}

/** The GUID of an article: a tag: URI (RFC 4151) from its id and creation day, so renaming never changes it. */
export function articleGuid(publicUrl: string, article: { id: number; createdAt: string }): string {
  return `tag:${new URL(publicUrl).hostname},${article.createdAt.slice(0, 10)}:article:${article.id}`;
}

/** The lead as an HTML paragraph (the excerpt feeds carry when full text is off). */
export function leadHtml(article: FeedArticle): string {
  return article.lead.trim() ? html`<p>${fr(article.lead)}</p>` : '';
}

/**
 * The full text as HTML for feed readers: lead, hero picture with its credit, body, source. Links
 * and pictures are absolute, since a feed reader shows the text away from the site.
 */
export function fullTextHtml(publicUrl: string, article: FeedArticle): string {
  const hero = article.heroImage ? figure(feedImage(publicUrl, article.heroImage)) : '';
  const body = renderBody(article.body, {
    renderImage(imageId, { caption }) {
      const image = article.bodyImages.get(imageId);
      return image ? figure({ ...feedImage(publicUrl, image, 'free'), caption: caption ?? image.caption }) : '';
    },
    siteOrigin: new URL(publicUrl).origin,
  });
  const source = article.sourceOutlet?.trim() ? html`<p>${fr(`Source : ${article.sourceOutlet.trim()}`)}</p>` : '';
  return absolutize(publicUrl, `${leadHtml(article)}${hero}${body}${source}`);
}

function figure(image: FeedImage): string {
  const words = [image.caption.trim(), image.credit.trim() ? `Crédit : ${image.credit.trim()}` : ''].filter(Boolean).join(' — ');
  const caption = words ? html`<figcaption>${fr(words)}</figcaption>` : '';
  return html`<figure><img src="${image.url}" alt="${image.alt}" width="${String(image.width)}" height="${String(image.height)}">!${caption}</figure>`;
}

// Our renderer writes every attribute double-quoted: site-relative links and sources become absolute.
function absolutize(publicUrl: string, markup: string): string {
  return markup.replace(/ (href|src)="\/(?!\/)/g, ` $1="${publicUrl}/`);
}
