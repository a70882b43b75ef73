import { type ArticleTeaser, teaserCacheTags } from '../../articles/teaser-repository.ts';

/**
 * The content tags of what teasers show (teaserCacheTags: each article, section and author, and the
 * site), each once, so editing any of them invalidates the page.
 */
export function teaserTags(teasers: Iterable<ArticleTeaser>): string[] {
  const tags = new Set<string>();
  for (const t of teasers) for (const tag of teaserCacheTags(t)) tags.add(tag);
  return [...tags];
}
