import type { CommentsMode, CommentsSetting } from '../core/db/schema.ts';

/** What an article's comments area does right now. */
export type EffectiveMode = 'open' | 'premoderation' | 'closed' | 'suspended';

export const MODE_LABELS: Record<CommentsMode, string> = {
  open: 'ouverts (modération après publication)',
  premoderation: 'en pré-modération (chaque commentaire est lu avant publication)',
  closed: 'fermés (lecture seule)',
  suspended: 'suspendus (le message de la rédaction remplace les commentaires)',
};

/**
 * The one rule for an article's mode: site suspension wins; then the article's own setting (or
 * the site's); an open article closes N days after publication (setting, 0 = never); and an
 * article the abuse rate switched to pré-modération stays there until a moderator reverses it.
 */
export function effectiveMode(
  site: { comments_mode: CommentsMode; comments_close_after_days: number },
  article: { commentsSetting: CommentsSetting; publishedAt: string; autoPremoderationAt: string | null },
  now = new Date(),
): EffectiveMode {
  if (site.comments_mode === 'suspended') return 'suspended';
  const chosen: EffectiveMode = article.commentsSetting === 'inherit' ? site.comments_mode : article.commentsSetting;
  if (chosen === 'closed') return 'closed';
  const days = site.comments_close_after_days;
  if (days > 0 && Date.parse(article.publishedAt) + days * 86_400_000 <= now.getTime()) return 'closed';
  if (article.autoPremoderationAt) return 'premoderation';
  return chosen;
}
