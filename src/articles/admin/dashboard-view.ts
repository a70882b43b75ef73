import type { ArticleStatus } from '../../core/db/schema.ts';
import { html } from '../../core/html/html.ts';
import { ARTICLE_STATUSES, STATUS_LABELS } from '../operations/article-status.ts';
import { renderFiledDate, renderShortList, renderTime } from './article-list-parts.ts';
import { type ArticleListItem, DASHBOARD_COUNT_LIMIT } from './article-list-repository.ts';

export interface DashboardData {
  counts: Record<ArticleStatus, number>;
  /** null when the person does not review (not an editor). */
  queue: ArticleListItem[] | null;
  myDrafts: ArticleListItem[];
  scheduled: ArticleListItem[];
  recentlyPublished: ArticleListItem[];
  canCreate: boolean;
  notice: string | null;
}

const byline = (a: ArticleListItem) => (a.authors.length ? html`${a.authors.join(', ')} · ` : '');

/** The tableau de bord: pieces by state, the review queue, my drafts, what is scheduled, what went out. */
export function renderDashboard(data: DashboardData): string {
  const counts = html`<ul class="dashboard-counts">!${ARTICLE_STATUSES.map(
    (s) =>
      html`<li class="dashboard-counts__item dashboard-counts__item--${s}"><a href="/admin/articles?etat=${s}"><span class="dashboard-counts__number">${data.counts[s] >= DASHBOARD_COUNT_LIMIT ? `${DASHBOARD_COUNT_LIMIT - 1}+` : String(data.counts[s])}</span> <span class="dashboard-counts__label">${STATUS_LABELS[s]}</span></a></li>`,
  ).join('')}</ul>`;

  const queue =
    data.queue === null
      ? ''
      : html`<section class="dashboard__panel" aria-labelledby="file-de-relecture"><h2 id="file-de-relecture">File de relecture</h2>!${renderShortList(
          data.queue,
          'Aucun article n’attend de relecture.',
          (a) => html`!${byline(a)}soumis le !${renderTime(a.submittedAt)}`,
        )}</section>`;

  const drafts = html`<section class="dashboard__panel" aria-labelledby="mes-brouillons"><h2 id="mes-brouillons">Mes brouillons</h2>!${renderShortList(
    data.myDrafts,
    'Vous n’avez aucun brouillon en cours.',
    (a) => renderFiledDate(a),
  )}</section>`;

  const scheduled = html`<section class="dashboard__panel" aria-labelledby="programmes"><h2 id="programmes">Programmés</h2>!${renderShortList(
    data.scheduled,
    'Aucun article programmé.',
    (a) => html`!${byline(a)}mise en ligne le !${renderTime(a.publishedAt)}`,
  )}</section>`;

  const published = html`<section class="dashboard__panel" aria-labelledby="publies-recemment"><h2 id="publies-recemment">Publiés récemment</h2>!${renderShortList(
    data.recentlyPublished,
    'Aucun article publié pour l’instant.',
    (a) => html`!${byline(a)}publié le !${renderTime(a.publishedAt)}`,
  )}</section>`;

  const notice = data.notice ? html`<div class="notice notice--ok" role="status"><p>${data.notice}</p></div>` : '';
  const create = data.canCreate ? html`<a class="button" href="/admin/articles/nouveau">Nouvel article</a>` : '';
  return html`<div class="dashboard"><div class="dashboard__head"><h1>Tableau de bord</h1>!${create}</div>!${notice}<section aria-labelledby="par-etat"><h2 id="par-etat">Articles par état</h2>!${counts}</section><div class="dashboard__panels">!${queue}!${drafts}!${scheduled}!${published}</div><p><a href="/admin/articles">Tous les articles</a></p></div>`;
}

/** The dashboard of an account with no article work (moderators). */
export function renderEmptyDashboard(name: string): string {
  return html`<h1>Tableau de bord</h1><p>Bonjour ${name}. Votre rôle ne donne accès à aucun article ; le menu mène aux écrans qui vous concernent.</p>`;
}
