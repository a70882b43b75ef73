/**
 * The podcast feed of a show (RSS 2.0 + Apple's itunes namespace + Podcasting 2.0), written by the
 * `feed` library that writes the site's other feeds: the library gives the RSS channel, items and
 * escaping; the itunes and podcast elements are its extensions (its own "podcast" mode writes
 * itunes:category as text where Apple wants an attribute, so it stays off).
 */
import { Feed, type Item } from 'feed';
import { v5 as uuidv5 } from 'uuid';
import { fr } from '../core/text/typography.ts';
import { articleGuid } from '../feeds/feed-content.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { imageVariant } from '../images/image-urls.ts';
import { mediaFilePath } from '../media/image-usage.ts';
import type { PublicEpisode, ShowRow } from './show-repository.ts';

const ITUNES_NS = 'http://www.itunes.com/dtds/podcast-1.0.dtd';
const PODCAST_NS = 'https://podcastindex.org/namespace/1.0';
/** The Podcasting 2.0 namespace for podcast:guid (UUIDv5 of the feed URL without its scheme). */
const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** Where a show's files are: page, feed, and each episode's chapters and transcript. */
export const showPath = (slug: string) => `/podcast/${slug}`;
export const showFeedPath = (slug: string) => `/podcast/${slug}/feed.xml`;
export const chaptersPath = (slug: string, articleId: number) => `/podcast/${slug}/${articleId}/chapitres.json`;
export const transcriptPath = (slug: string, articleId: number) => `/podcast/${slug}/${articleId}/transcription.vtt`;

/** podcast:guid: UUIDv5 of the feed URL with its scheme and trailing slashes removed. */
export function podcastGuid(feedUrl: string): string {
  return uuidv5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''), PODCAST_GUID_NAMESPACE);
}

/** The cover art as Apple fetches it: a square JPEG, 1400 px a side at least (the upload was checked). */
export function coverArt(publicUrl: string, cover: ImageRecord): { url: string; width: number; height: number } {
  const variant = imageVariant(cover, 3000, 'jpeg', '1x1');
  return { ...variant, url: publicUrl + variant.url };
}

/** "1:02:05" → Apple reads itunes:duration as seconds too; whole seconds are the plainest. */
function durationSeconds(seconds: number | null): string | undefined {
  return seconds === null ? undefined : String(Math.round(seconds));
}

export interface PodcastFeedSource {
  publicUrl: string;
  publicationName: string;
  show: ShowRow;
  cover: ImageRecord | null;
  episodes: PublicEpisode[];
  updatedAt: string;
}

/** The show's RSS feed. Episodes without a sound are left out (Apple refuses an item without enclosure). */
export function renderPodcastFeed(source: PodcastFeedSource): string {
  const { publicUrl, show } = source;
  const self = publicUrl + showFeedPath(show.slug);
  const link = publicUrl + showPath(show.slug);
  const cover = source.cover ? coverArt(publicUrl, source.cover) : null;
  const feed = new Feed({
    id: self,
    title: fr(show.title),
    description: fr(show.description),
    link,
    language: show.language,
    updated: new Date(source.updatedAt),
    generator: 'Kiosque',
    feed: self,
    image: cover?.url,
    copyright: `© ${source.publicationName}`,
  });
  const category = show.subcategory
    ? { _attributes: { text: show.category }, 'itunes:category': { _attributes: { text: show.subcategory } } }
    : { _attributes: { text: show.category } };
  const channel: [string, Record<string, unknown>][] = [
    ['itunes:author', { _text: show.author_name }],
    ['itunes:owner', { 'itunes:name': { _text: show.owner_name }, 'itunes:email': { _text: show.owner_email } }],
    ['itunes:explicit', { _text: show.explicit ? 'true' : 'false' }],
    ['itunes:category', category],
    ['itunes:type', { _text: 'episodic' }],
    ['podcast:guid', { _text: podcastGuid(self) }],
    ['podcast:locked', { _attributes: { owner: show.owner_email }, _text: show.locked ? 'yes' : 'no' }],
  ];
  if (cover) channel.unshift(['itunes:image', { _attributes: { href: cover.url } }]);
  for (const [name, objects] of channel) feed.addExtension({ name, objects });
  for (const episode of source.episodes) {
    if (episode.audio) feed.addItem(episodeItem(source, episode, episode.audio));
  }
  return withNamespaces(feed.rss2());
}

function episodeItem(source: PodcastFeedSource, episode: PublicEpisode, audio: NonNullable<PublicEpisode['audio']>): Item {
  const { publicUrl, show } = source;
  const link = `${publicUrl}/${episode.sectionSlug}/${episode.slug}`;
  const guid = articleGuid(publicUrl, { id: episode.articleId, createdAt: episode.createdAt });
  const extensions: Item['extensions'] = [
    { name: 'itunes:title', objects: { _text: fr(episode.headline) } },
    { name: 'itunes:episodeType', objects: { _text: episode.episodeType } },
    { name: 'itunes:explicit', objects: { _text: show.explicit ? 'true' : 'false' } },
  ];
  const duration = durationSeconds(audio.durationSeconds);
  if (duration) extensions.push({ name: 'itunes:duration', objects: { _text: duration } });
  if (episode.season !== null) extensions.push({ name: 'itunes:season', objects: { _text: String(episode.season) } });
  if (episode.episodeNumber !== null) extensions.push({ name: 'itunes:episode', objects: { _text: String(episode.episodeNumber) } });
  if (episode.transcript !== '[]') {
    extensions.push({
      name: 'podcast:transcript',
      objects: {
        _attributes: { url: publicUrl + transcriptPath(show.slug, episode.articleId), type: 'text/vtt', language: show.language },
      },
    });
  }
  if (episode.chapters !== '[]') {
    extensions.push({
      name: 'podcast:chapters',
      objects: { _attributes: { url: publicUrl + chaptersPath(show.slug, episode.articleId), type: 'application/json+chapters' } },
    });
  }
  return {
    title: fr(episode.headline),
    id: guid,
    guid,
    link,
    date: new Date(episode.updatedAt ?? episode.publishedAt),
    published: new Date(episode.publishedAt),
    description: fr(episode.lead) || fr(episode.headline),
    enclosure: { url: publicUrl + mediaFilePath(audio.fileKey), type: audio.mime, length: audio.bytes },
    extensions,
  };
}

// The library declares the namespaces of its own elements only.
function withNamespaces(xml: string): string {
  return xml.replace('<rss version="2.0"', `<rss version="2.0" xmlns:itunes="${ITUNES_NS}" xmlns:podcast="${PODCAST_NS}"`);
}
