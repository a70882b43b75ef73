// Sitemap documents (sitemaps.org protocol 0.9, Google image and news extensions), written as text
// piece by piece: a month of 50,000 articles never becomes a tree in memory.

/** The protocol's limits per file: 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 52_428_800;
/**
 * Each <url> entry is kept within this many bytes (captions are shortened to fit), so that a full
 * file of 50,000 entries stays under 50 MB by construction.
 */
export const SITEMAP_MAX_ENTRY_BYTES = 1_000;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const VIDEO_NS = 'http://www.google.com/schemas/sitemap-video/1.1';

/** Escapes text for XML content and attribute values (the five predefined entities). */
export function xmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

/** A W3C Datetime (YYYY-MM-DDThh:mm:ss+00:00) from a stored ISO instant. */
export function w3cDate(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
}

/** An image of a page: absolute URL and caption. */
export interface SitemapImage {
  loc: string;
  caption: string;
}

/** Opens a <urlset>, declaring the extensions it uses. */
export function urlsetStart(extensions: { images?: boolean; news?: boolean; videos?: boolean } = {}): string {
  const ns = [
    `xmlns="${NS}"`,
    ...(extensions.images ? [`xmlns:image="${IMAGE_NS}"`] : []),
    ...(extensions.news ? [`xmlns:news="${NEWS_NS}"`] : []),
    ...(extensions.videos ? [`xmlns:video="${VIDEO_NS}"`] : []),
  ];
  return `${XML_DECLARATION}<urlset ${ns.join(' ')}>\n`;
}

export const URLSET_END = '</urlset>\n';

/** One <url>, with its images; within SITEMAP_MAX_ENTRY_BYTES (the caption is shortened, then dropped, to fit). */
export function urlEntry(loc: string, lastmod: string | null, images: SitemapImage[] = []): string {
  const head = `<url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${w3cDate(lastmod)}</lastmod>` : ''}`;
  let entry = `${head}${images.map((image) => imageEntry(image.loc, image.caption)).join('')}</url>\n`;
  if (Buffer.byteLength(entry) <= SITEMAP_MAX_ENTRY_BYTES) return entry;
  const image = images[0];
  if (image) {
    for (let length = Math.min(image.caption.length, 300); length >= 0; length -= 20) {
      const caption = length === 0 ? '' : `${image.caption.slice(0, length).trimEnd()}…`;
      entry = `${head}${imageEntry(image.loc, caption)}</url>\n`;
      if (Buffer.byteLength(entry) <= SITEMAP_MAX_ENTRY_BYTES) return entry;
    }
  }
  return `${head}</url>\n`;
}

function imageEntry(loc: string, caption: string): string {
  return `<image:image><image:loc>${xmlEscape(loc)}</image:loc>${caption ? `<image:caption>${xmlEscape(caption)}</image:caption>` : ''}</image:image>`;
}

/** One <url> of a Google News sitemap. */
export function newsEntry(loc: string, article: { publicationName: string; publishedAt: string; title: string }): string {
  return `<url><loc>${xmlEscape(loc)}</loc><news:news><news:publication><news:name>${xmlEscape(article.publicationName)}</news:name><news:language>fr</news:language></news:publication><news:publication_date>${w3cDate(article.publishedAt)}</news:publication_date><news:title>${xmlEscape(article.title)}</news:title></news:news></url>\n`;
}

/** A video of a page, as Google's video sitemap describes it. */
export interface SitemapVideoEntry {
  thumbnailLoc: string;
  title: string;
  description: string;
  /** The file (hosted video) or the player (embed): at least one. */
  contentLoc: string | null;
  playerLoc: string | null;
  durationSeconds: number | null;
  publishedAt: string;
}

/** One <url> of the video sitemap (descriptions shortened to 2,048 characters, Google's limit). */
export function videoEntry(loc: string, video: SitemapVideoEntry): string {
  const parts = [
    `<video:thumbnail_loc>${xmlEscape(video.thumbnailLoc)}</video:thumbnail_loc>`,
    `<video:title>${xmlEscape(video.title.slice(0, 100))}</video:title>`,
    `<video:description>${xmlEscape(video.description.slice(0, 2048))}</video:description>`,
    video.contentLoc ? `<video:content_loc>${xmlEscape(video.contentLoc)}</video:content_loc>` : '',
    video.playerLoc ? `<video:player_loc>${xmlEscape(video.playerLoc)}</video:player_loc>` : '',
    video.durationSeconds ? `<video:duration>${Math.max(1, Math.round(video.durationSeconds))}</video:duration>` : '',
    `<video:publication_date>${w3cDate(video.publishedAt)}</video:publication_date>`,
    '<video:family_friendly>yes</video:family_friendly>',
  ];
  return `<url><loc>${xmlEscape(loc)}</loc><video:video>${parts.join('')}</video:video></url>\n`;
}

/** A whole <sitemapindex>. */
export function sitemapIndex(sitemaps: { loc: string; lastmod: string | null }[]): string {
  const entries = sitemaps.map(
    (s) => `<sitemap><loc>${xmlEscape(s.loc)}</loc>${s.lastmod ? `<lastmod>${w3cDate(s.lastmod)}</lastmod>` : ''}</sitemap>\n`,
  );
  return `${XML_DECLARATION}<sitemapindex xmlns="${NS}">\n${entries.join('')}</sitemapindex>\n`;
}
