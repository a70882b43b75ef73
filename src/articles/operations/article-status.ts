import type { ArticleStatus } from '../../core/db/schema.ts';

export const ARTICLE_STATUSES = [
  'draft',
  'submitted',
  'ready',
  'scheduled',
  'published',
  'unpublished',
] as const satisfies readonly ArticleStatus[];

/** The newsroom's words for each state. */
export const STATUS_LABELS: Readonly<Record<ArticleStatus, string>> = {
  draft: 'brouillon',
  submitted: 'soumis',
  ready: 'prêt',
  scheduled: 'programmé',
  published: 'publié',
  unpublished: 'dépublié',
};
