import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { ArticleChoice } from './article-search.ts';

const STATUS_LABELS: Record<ArticleChoice['status'], string> = {
  draft: 'brouillon',
  submitted: 'soumis',
  ready: 'prêt',
  scheduled: 'programmé',
  published: 'publié',
  unpublished: 'dépublié',
};

/** Section, publication date and, when the article is not on the site, a warning badge. */
export function renderChoiceMeta(article: ArticleChoice): string {
  const date = article.publishedAt ? formatDateTimeFr(article.publishedAt) : '';
  const badge = article.isPublic
    ? ''
    : html` <span class="badge badge--warn">Hors ligne (${article.status === 'published' ? 'programmé' : STATUS_LABELS[article.status]}) : non affiché sur le site</span>`;
  return html`<span class="choice__meta">${article.sectionName}${date ? ` · ${date}` : ''}!${badge}</span>`;
}

/**
 * The search form for published articles (GET, so it works without JavaScript) and its results,
 * each with a button that adds the article to the list form named `formId`.
 */
export function renderArticlePicker(opts: {
  action: string;
  query: string;
  results: ArticleChoice[] | null;
  formId: string;
  addLabel: string;
  headingId: string;
  heading: string;
  full?: string;
}): string {
  const results =
    opts.results === null
      ? ''
      : opts.results.length === 0
        ? html`<p class="picker__empty" role="status">Aucun article publié ne correspond à « ${opts.query} ».</p>`
        : html`<ul class="picker__results" aria-label="Résultats de la recherche">!${opts.results.map(
            (a) =>
              html`<li class="picker__result"><span class="choice"><span class="choice__headline">${a.headline}</span>!${renderChoiceMeta(a)}</span>!${
                opts.full
                  ? ''
                  : html`<button type="submit" form="${opts.formId}" name="action" value="add:${a.id}" class="button button--quiet" aria-label="${opts.addLabel} : ${a.headline}">${opts.addLabel}</button>`
              }</li>`,
          )}</ul>`;
  return html`<section class="picker" aria-labelledby="${opts.headingId}"><h2 id="${opts.headingId}">${opts.heading}</h2>!${opts.full ? html`<p class="notice notice--warn">${opts.full}</p>` : ''}<form method="get" action="${opts.action}" role="search" class="picker__form"><div class="field"><label for="${opts.headingId}-q">Rechercher un article publié par son titre</label><div class="picker__row"><input type="search" id="${opts.headingId}-q" name="q" value="${opts.query}" maxlength="200"><button type="submit" class="button button--quiet">Rechercher</button></div></div></form>!${results}</section>`;
}

/**
 * One article of an ordered list form (la une, a dossier): its hidden id, place number, optional
 * role label, and move/remove buttons that are real form submissions (the island keeps their
 * index values in step when it reorders without reloading).
 */
export function renderOrderedArticle(
  article: ArticleChoice,
  index: number,
  count: number,
  opts: { role?: string; removeLabel: string },
): string {
  const title = article.headline;
  return html`<li class="reorder__item" id="place-${article.id}" tabindex="-1" data-reorder-item><input type="hidden" name="articleIds" value="${article.id}"><span class="reorder__handle" aria-hidden="true">⠿</span><span class="reorder__place"><span class="reorder__number" data-reorder-number>${index + 1}</span>!${
    opts.role ? html`<span class="reorder__role" data-reorder-role>${opts.role}</span>` : ''
  }</span><span class="choice"><span class="choice__headline">${title}</span>!${renderChoiceMeta(article)}</span><span class="reorder__actions"><button type="submit" name="action" value="up:${index}" class="button button--quiet" data-reorder-move="up" aria-label="Monter : ${title}"${index === 0 ? ' hidden' : ''}>Monter</button><button type="submit" name="action" value="down:${index}" class="button button--quiet" data-reorder-move="down" aria-label="Descendre : ${title}"${index === count - 1 ? ' hidden' : ''}>Descendre</button><button type="submit" name="action" value="remove:${index}" class="button button--quiet" aria-label="${opts.removeLabel} : ${title}">Retirer</button></span></li>`;
}
