import type { ArticleTeaser } from '../../articles/teaser-repository.ts';

/**
 * The content tags of what teasers show: each article, each named author and each section
 * (its name appears as a label), so editing any of them invalidates the page.
 */
export function teaserTags(teasers: Iterable<ArticleTeaser>): string[] {
  const tags = new Set<string>();
  for (const t of teasers) {
    tags.add(`article:${t.id}`);
    tags.add(`section:${t.sectionId}`);
    for (const a of t.authors) tags.add(`person:${a.id}`);
  }
  return [...tags];
}
