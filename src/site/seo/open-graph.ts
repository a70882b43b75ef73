import { html } from '../../core/html/html.ts';

/** An image for social cards, with its exact pixel size (crawlers lay the card out before fetching it). */
export interface SocialImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface OpenGraphInput {
  type: 'article' | 'website' | 'profile';
  title: string;
  description: string;
  /** Absolute canonical URL. */
  url: string;
  siteName: string;
  image?: SocialImage | null;
  /** The article:* properties (ogp.me), for type "article". Times as ISO 8601 with offset. */
  article?: {
    publishedTime?: string;
    modifiedTime?: string | null;
    section?: string;
    tags?: readonly string[];
    /** Absolute URLs of the authors' pages. */
    authors?: readonly string[];
  };
}

/** Open Graph and X card meta tags; X reads og:* for what its own tags leave out. */
export function renderOpenGraph(og: OpenGraphInput): string {
  let out = html`<meta property="og:type" content="${og.type}"><meta property="og:site_name" content="${og.siteName}"><meta property="og:locale" content="fr_FR"><meta property="og:title" content="${og.title}"><meta property="og:description" content="${og.description}"><meta property="og:url" content="${og.url}">`;
  if (og.image) {
    out += html`<meta property="og:image" content="${og.image.url}"><meta property="og:image:width" content="${String(og.image.width)}"><meta property="og:image:height" content="${String(og.image.height)}">`;
    if (og.image.alt) out += html`<meta property="og:image:alt" content="${og.image.alt}">`;
  }
  const a = og.article;
  if (a) {
    if (a.publishedTime) out += html`<meta property="article:published_time" content="${a.publishedTime}">`;
    if (a.modifiedTime) out += html`<meta property="article:modified_time" content="${a.modifiedTime}">`;
    if (a.section) out += html`<meta property="article:section" content="${a.section}">`;
    for (const author of a.authors ?? []) out += html`<meta property="article:author" content="${author}">`;
    for (const tag of a.tags ?? []) out += html`<meta property="article:tag" content="${tag}">`;
  }
  out += html`<meta name="twitter:card" content="${og.image ? 'summary_large_image' : 'summary'}">`;
  return out;
}
