/** French names of the article states and the editor's choice lists. */
import type { ArticleStatus, CommentsSetting } from '../../core/db/schema.ts';
import { FORMAT_LABELS } from '../../site/teasers/teaser-card.ts';
import { ARTICLE_FORMATS, COMMENTS_SETTINGS } from '../operations/article-input.ts';
import type { SelectOption } from './editor-fields.ts';

export const STATUS_LABELS: Readonly<Record<ArticleStatus, string>> = {
  draft: 'Brouillon',
  submitted: 'Soumis',
  ready: 'Prêt',
  scheduled: 'Programmé',
  published: 'Publié',
  unpublished: 'Dépublié',
};

const COMMENTS_LABELS: Readonly<Record<CommentsSetting, string>> = {
  inherit: 'Comme le site',
  open: 'Ouverts',
  premoderation: 'Pré-modération',
  closed: 'Fermés',
};

export const FORMAT_CHOICES: readonly SelectOption[] = ARTICLE_FORMATS.map((value) => ({ value, label: FORMAT_LABELS[value] }));
export const COMMENTS_CHOICES: readonly SelectOption[] = COMMENTS_SETTINGS.map((value) => ({ value, label: COMMENTS_LABELS[value] }));
