import { Feed, type Item } from 'feed';
import { escapeHtml } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import { articleGuid, type FeedImage, feedImage, fullTextHtml, leadHtml } from './feed-content.ts';
import type { FeedArticle } from './feed-repository.ts';
import { type FeedScope, type FeedType, feedPath } from './feed-scope.ts';

/** Everything a feed document is made from. */
export interface FeedSource {
  publicUrl: string;
  publicationName: string;
  /** Full text in items (publication setting), else the lead only. */
  fullText: boolean;
  scope: FeedScope;
  articles: FeedArticle[];
  /** WebSub hubs announced in the feed (none by default). */
  hubs: readonly string[];
  /** When anything the feed shows last changed (ISO): its updated / lastBuildDate. */
  updatedAt: string;
}

const MEDIA_NS = 'http://search.yahoo.com/mrss/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

/** The feed's title: "Publication" or "Publication — International". */
export function feedTitle(publicationName: string, scope: FeedScope): string {
  return scope.name ? `${publicationName} — ${scope.name}` : publicationName;
}

/** Renders a feed in one of the three formats. */
export function renderFeed(source: FeedSource, type: FeedType): string {
  if (type === 'json') return renderJsonFeed(source);
  const { publicUrl, scope } = source;
  const self = publicUrl + feedPath(scope.kind, scope.slug, type);
  const feed = new Feed({
    id: self,
    title: fr(feedTitle(source.publicationName, scope)),
    description: fr(scope.description),
    link: publicUrl + scope.pagePath,
    language: 'fr',
    updated: new Date(source.updatedAt),
    generator: 'Kiosque',
    feed: self,
    hub: source.hubs[0],
    favicon: `${publicUrl}/favicon.svg`,
    copyright: `© ${source.publicationName}`,
    author: { name: source.publicationName, link: `${publicUrl}/` },
  });
  for (const article of source.articles) feed.addItem(type === 'rss' ? rssItem(source, article) : atomItem(source, article));
  return type === 'rss' ? withRssNamespaces(feed.rss2()) : fixAtomImageTypes(feed.atom1());
}

function commonItem(source: FeedSource, article: FeedArticle) {
  const link = source.publicUrl + articlePath(article);
  const published = new Date(article.publishedAt);
  return {
    id: articleGuid(source.publicUrl, article),
    link,
    published,
    date: new Date(article.updatedAt ?? article.publishedAt),
    description: leadHtml(article) || undefined,
    content: source.fullText ? fullTextHtml(source.publicUrl, article) : undefined,
  };
}

function rssItem(source: FeedSource, article: FeedArticle): Item {
  const image = article.heroImage ? feedImage(source.publicUrl, article.heroImage) : null;
  return {
    ...commonItem(source, article),
    title: fr(article.headline),
    guid: articleGuid(source.publicUrl, article),
    category: categories(source.publicUrl, article).map((c) => ({ name: c.name, domain: c.url })),
    enclosure: image ? { url: image.url, type: image.type, length: 0 } : undefined,
    extensions: [
      // RSS's <author> wants an e-mail address: names go in dc:creator, as feed readers expect.
      ...(article.authors.length ? [{ name: 'dc:creator', objects: { _text: article.authors.map((a) => a.name).join(', ') } }] : []),
      ...(image ? [{ name: 'media:content', objects: mediaContent(image) }] : []),
    ],
  };
}

function atomItem(source: FeedSource, article: FeedArticle): Item {
  const image = article.heroImage ? feedImage(source.publicUrl, article.heroImage) : null;
  return {
    ...commonItem(source, article),
    // Atom titles are typed "html" by the library: the headline is escaped to stay text.
    title: escapeHtml(fr(article.headline)),
    author: article.authors.length
      ? article.authors.map((a) => ({ name: a.name, link: `${source.publicUrl}/auteur/${a.slug}` }))
      : [{ name: source.publicationName }],
    category: categories(source.publicUrl, article).map((c) => ({ name: c.name, term: c.name, scheme: c.scheme })),
    enclosure: image
      ? { url: image.url, type: image.type, length: 0, title: image.credit ? `Crédit : ${image.credit}` : undefined }
      : undefined,
  };
}

function categories(publicUrl: string, article: FeedArticle) {
  return [
    { name: article.sectionName, url: `${publicUrl}/${article.sectionSlug}`, scheme: `${publicUrl}/` },
    ...article.tags.map((t) => ({ name: t.name, url: `${publicUrl}/sujet/${t.slug}`, scheme: `${publicUrl}/sujet/` })),
  ];
}

// Media RSS: the picture with its credit and caption, for readers that show a thumbnail.
function mediaContent(image: FeedImage) {
  return {
    _attributes: { url: image.url, type: image.type, medium: 'image', width: image.width, height: image.height },
    ...(image.credit ? { 'media:credit': { _text: image.credit } } : {}),
    ...(image.caption || image.alt ? { 'media:description': { _attributes: { type: 'plain' }, _text: image.caption || image.alt } } : {}),
  };
}

// The library declares the namespaces of its own elements only; our extensions use two more.
function withRssNamespaces(xml: string): string {
  const extra = [`xmlns:media="${MEDIA_NS}"`, ...(xml.includes('xmlns:dc=') ? [] : [`xmlns:dc="${DC_NS}"`])].join(' ');
  return xml.replace('<rss version="2.0"', `<rss version="2.0" ${extra}`);
}

// The library guesses an enclosure's type from the URL extension (".jpg" → "image/jpg", which is not a media type).
function fixAtomImageTypes(xml: string): string {
  return xml.replaceAll('type="image/jpg"', 'type="image/jpeg"');
}

/**
 * JSON Feed 1.1 (jsonfeed.org/version/1.1), written here: the library writes version 1, without
 * `authors` and `language`.
 */
function renderJsonFeed(source: FeedSource): string {
  const { publicUrl, scope } = source;
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: fr(feedTitle(source.publicationName, scope)),
    home_page_url: publicUrl + scope.pagePath,
    feed_url: publicUrl + feedPath(scope.kind, scope.slug, 'json'),
    description: fr(scope.description),
    language: 'fr',
    favicon: `${publicUrl}/favicon.svg`,
    authors: [{ name: source.publicationName, url: `${publicUrl}/` }],
    ...(source.hubs.length ? { hubs: source.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items: source.articles.map((article) => {
      const item = commonItem(source, article);
      const image = article.heroImage ? feedImage(publicUrl, article.heroImage) : null;
      return {
        id: item.id,
        url: item.link,
        title: fr(article.headline),
        ...(item.content ? { content_html: item.content } : item.description ? { content_html: item.description } : { content_text: '' }),
        ...(article.lead.trim() ? { summary: fr(article.lead) } : {}),
        ...(image ? { image: image.url } : {}),
        date_published: item.published.toISOString(),
        date_modified: item.date.toISOString(),
        authors: article.authors.map((a) => ({ name: a.name, url: `${publicUrl}/auteur/${a.slug}` })),
        tags: [article.sectionName, ...article.tags.map((t) => t.name)],
        language: 'fr',
      };
    }),
  };
  return JSON.stringify(feed);
}
