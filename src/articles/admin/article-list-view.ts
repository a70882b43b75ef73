import { html } from '../../core/html/html.ts';
import { FORMAT_LABELS } from '../../site/teasers/teaser-card.ts';
import { ARTICLE_FORMATS } from '../operations/article-input.ts';
import { ARTICLE_STATUSES, STATUS_LABELS } from '../operations/article-status.ts';
import { renderArticleTable } from './article-list-parts.ts';
import type { ArticleListItem } from './article-list-repository.ts';

/** The filters as typed (query-string values), to fill the form and build page links. */
export interface ListQueryValues {
  etat?: string;
  rubrique?: string;
  auteur?: string;
  format?: string;
  du?: string;
  au?: string;
  q?: string;
}

export interface ArticleListData {
  items: ArticleListItem[];
  total: number;
  /** The list goes on beyond `total` (counted no further). */
  more?: boolean;
  page: number;
  pages: number;
  values: ListQueryValues;
  /** Filters that were ignored because their value made no sense, by field. */
  errors: Partial<Record<keyof ListQueryValues, string>>;
  choices: { sections: { id: number; name: string }[] };
  /** The author filter as shown in its field: the name typed, or the name of the author whose id was given. */
  authorLabel?: string;
  canCreate: boolean;
  notice: string | null;
}

/** The query string of the list with these filters and page (empty values left out). */
export function listUrl(values: ListQueryValues, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/articles?${query}` : '/admin/articles';
}

function select(name: keyof ListQueryValues, label: string, options: { value: string; label: string }[], data: ArticleListData): string {
  const current = data.values[name] ?? '';
  const error = data.errors[name];
  return html`<div class="field"><label for="filtre-${name}">${label}</label><select id="filtre-${name}" name="${name}"!${error ? html` aria-invalid="true" aria-describedby="filtre-${name}-erreur"` : ''}><option value="">Tous</option>!${options
    .map((o) => html`<option value="${o.value}"!${o.value === current ? ' selected' : ''}>${o.label}</option>`)
    .join('')}</select>!${error ? html`<p class="field__error" id="filtre-${name}-erreur">${error}</p>` : ''}</div>`;
}

/** The author filter: a name searched (2,500 contributors are no drop-down), or an id from a link. */
function authorField(data: ArticleListData): string {
  const error = data.errors.auteur;
  const described = ['filtre-auteur-aide', error ? 'filtre-auteur-erreur' : ''].filter(Boolean).join(' ');
  return html`<div class="field"><label for="filtre-auteur">Auteur</label><input type="search" id="filtre-auteur" name="auteur" value="${data.authorLabel ?? data.values.auteur ?? ''}" maxlength="100" autocomplete="off" aria-describedby="${described}"!${error ? ' aria-invalid="true"' : ''}><p class="field__hint" id="filtre-auteur-aide">Nom ou partie du nom</p>!${error ? html`<p class="field__error" id="filtre-auteur-erreur">${error}</p>` : ''}</div>`;
}

function dateField(name: 'du' | 'au', label: string, data: ArticleListData): string {
  const error = data.errors[name];
  return html`<div class="field"><label for="filtre-${name}">${label}</label><input type="date" id="filtre-${name}" name="${name}" value="${data.values[name] ?? ''}"!${error ? html` aria-invalid="true" aria-describedby="filtre-${name}-erreur"` : ''}>!${error ? html`<p class="field__error" id="filtre-${name}-erreur">${error}</p>` : ''}</div>`;
}

/** /admin/articles: the filter form, the table and its pagination. */
export function renderArticleList(data: ArticleListData): string {
  const filters = html`<form method="get" action="/admin/articles" class="article-filters" role="search" aria-label="Filtrer les articles"><div class="field article-filters__text"><label for="filtre-q">Mots recherchés</label><input type="search" id="filtre-q" name="q" value="${data.values.q ?? ''}" maxlength="200"></div>!${select(
    'etat',
    'État',
    ARTICLE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    data,
  )}!${select(
    'rubrique',
    'Rubrique',
    data.choices.sections.map((s) => ({ value: String(s.id), label: s.name })),
    data,
  )}!${authorField(data)}!${select(
    'format',
    'Format',
    ARTICLE_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] })),
    data,
  )}!${dateField('du', 'Du (date de publication ou de modification)', data)}!${dateField(
    'au',
    'Au',
    data,
  )}<div class="button-row article-filters__buttons"><button type="submit" class="button">Filtrer</button><a href="/admin/articles">Effacer les filtres</a></div></form>`;

  const summary = html`<p class="article-list__count" role="status">${data.more ? `Plus de ${data.total} articles` : data.total === 0 ? 'Aucun article ne correspond.' : data.total === 1 ? '1 article' : `${data.total} articles`}${data.pages > 1 ? (data.more ? ` · page ${data.page}` : ` · page ${data.page} sur ${data.pages}`) : ''}</p>`;
  const table = data.items.length ? renderArticleTable(data.items, 'Articles') : '';
  const pagination =
    data.pages > 1
      ? html`<nav class="pagination" aria-label="Pages de la liste">!${data.page > 1 ? html`<a href="${listUrl(data.values, data.page - 1)}" rel="prev">← Page précédente</a>` : ''}!${
          data.page < data.pages ? html`<a href="${listUrl(data.values, data.page + 1)}" rel="next">Page suivante →</a>` : ''
        }</nav>`
      : '';
  const notice = data.notice ? html`<div class="notice notice--ok" role="status"><p>${data.notice}</p></div>` : '';
  const create = data.canCreate ? html`<a class="button" href="/admin/articles/nouveau">Nouvel article</a>` : '';
  return html`<div class="article-list"><div class="dashboard__head"><h1>Articles</h1>!${create}</div>!${notice}!${filters}!${summary}!${table}!${pagination}</div>`;
}
