import type { ArticleStatus } from '../../core/db/schema.ts';
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import { FORMAT_LABELS } from '../../site/teasers/teaser-card.ts';
import { STATUS_LABELS } from '../operations/article-status.ts';
import type { ArticleListItem } from './article-list-repository.ts';

// Pieces shared by the dashboard and the articles table.

/** The state as a coloured label ("publié"). */
export function renderState(status: ArticleStatus): string {
  return html`<span class="state-badge state-badge--${status}">${STATUS_LABELS[status]}</span>`;
}

/** A date and time in Paris, in a <time> element. */
export function renderTime(iso: string | null): string {
  return iso ? html`<time datetime="${iso}">${formatDateTimeFr(iso)}</time>` : '—';
}

/** The date a piece is filed under, with what it is. */
export function renderFiledDate(item: ArticleListItem): string {
  if (item.status === 'scheduled') return html`programmé pour le !${renderTime(item.publishedAt)}`;
  if ((item.status === 'published' || item.status === 'unpublished') && item.publishedAt)
    return html`publié le !${renderTime(item.publishedAt)}`;
  if (item.status === 'submitted' && item.submittedAt) return html`soumis le !${renderTime(item.submittedAt)}`;
  return html`modifié le !${renderTime(item.editedAt ?? item.createdAt)}`;
}

/** The articles table (caption given for screen readers and as the table's heading). */
export function renderArticleTable(items: ArticleListItem[], caption: string): string {
  const rows = items.map(
    (a) =>
      html`<tr><td class="article-table__headline"><a href="/admin/articles/${String(a.id)}">${a.headline}</a></td><td>!${renderState(a.status)}</td><td>${FORMAT_LABELS[a.format]}</td><td>${a.sectionName}</td><td>${a.authors.join(', ') || '—'}</td><td class="article-table__date">!${renderFiledDate(a)}</td></tr>`,
  );
  return html`<div class="table-wrap"><table class="admin-table article-table"><caption class="visually-hidden">${caption}</caption><thead><tr><th scope="col">Titre</th><th scope="col">État</th><th scope="col">Format</th><th scope="col">Rubrique</th><th scope="col">Auteurs</th><th scope="col">Date</th></tr></thead><tbody>!${rows.join('')}</tbody></table></div>`;
}

/** A short list of pieces for a dashboard panel, or a sentence when there are none. */
export function renderShortList(items: ArticleListItem[], empty: string, detail: (item: ArticleListItem) => string): string {
  if (items.length === 0) return html`<p class="dashboard__empty">${empty}</p>`;
  return html`<ul class="dashboard__list">!${items
    .map(
      (a) => html`<li><a href="/admin/articles/${String(a.id)}">${a.headline}</a> <span class="dashboard__meta">!${detail(a)}</span></li>`,
    )
    .join('')}</ul>`;
}
