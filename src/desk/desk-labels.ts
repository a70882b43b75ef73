import type { DeskFeedKind } from '../core/db/schema.ts';

/** The feed formats the desk reads; "auto" recognises the format from the answer. */
export const DESK_FEED_KINDS = ['auto', 'rss', 'atom', 'json', 'news-sitemap'] as const satisfies readonly DeskFeedKind[];

export const FEED_KIND_LABELS: Record<DeskFeedKind, string> = {
  auto: 'Reconnu automatiquement',
  rss: 'RSS',
  atom: 'Atom',
  json: 'JSON Feed',
  'news-sitemap': 'Sitemap Google News',
};
