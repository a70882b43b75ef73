import { html } from '../core/html/html.ts';
import { FEED_FILES, FEED_TYPES, type FeedKind, feedPath } from './feed-scope.ts';

/**
 * The <link rel="alternate"> elements announcing a part's feeds in its page's <head>, so browsers
 * and feed readers find them from the page address alone.
 */
export function feedAlternateLinks(publicUrl: string, title: string, kind: FeedKind, slug: string | null): string {
  return FEED_TYPES.map(
    (type) =>
      html`<link rel="alternate" type="${FEED_FILES[type].contentType.split(';')[0]}" title="${title} (${FEED_FILES[type].label})" href="${publicUrl + feedPath(kind, slug, type)}">`,
  ).join('');
}
