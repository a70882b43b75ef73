import { html } from '../core/html/html.ts';
import { renderChoiceMeta } from './article-choice-view.ts';
import type { ArticleChoice } from './article-search.ts';
import type { EditFormView } from './curation-crud-routes.ts';
import { csrfInput, errorSummary, okNotice, selectField, textareaField, textField } from './curation-form-fields.ts';
import type { SeriesRow, SeriesValues } from './series-admin-operations.ts';

const LABELS = {
  title: 'Titre',
  slug: 'Adresse',
  sectionId: 'Rubrique',
  description: 'Description',
  cadence: 'Périodicité',
  _form: 'Série',
};

/** The series table of /admin/series. */
export function renderSeriesList(
  series: (SeriesRow & { sectionName: string | null; articleCount: number })[],
  notice: string | null,
): string {
  const rows = series.map(
    (s) =>
      html`<tr><td><a href="/admin/series/${s.id}">${s.title}</a></td><td>${s.sectionName ?? '—'}</td><td>${s.cadence || '—'}</td><td>${s.articleCount}</td></tr>`,
  );
  return html`<div class="page-header"><h1>Séries</h1><a class="button" href="/admin/series/nouvelle">Nouvelle série</a></div>!${okNotice(notice)}<p class="lead-text">Les rendez-vous réguliers : chroniques, revues de presse. Un article rejoint une série depuis son éditeur.</p>!${
    series.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Séries</caption><thead><tr><th scope="col">Titre</th><th scope="col">Rubrique</th><th scope="col">Périodicité</th><th scope="col">Articles</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucune série pour le moment.</p>`
  }`;
}

/** The series form and, when editing, the list of its articles. */
export function renderSeriesForm(
  view: EditFormView<SeriesValues, SeriesRow>,
  sections: { value: string; label: string }[],
  articles: ArticleChoice[],
): string {
  const { values, errors, row } = view;
  const action = row ? `/admin/series/${row.id}` : '/admin/series/nouvelle';
  const list = row
    ? html`<section aria-labelledby="articles-serie"><h2 id="articles-serie">Articles de la série (${articles.length})</h2>!${
        articles.length
          ? html`<ul class="picker__results">!${articles.map((a) => html`<li class="picker__result"><span class="choice"><a class="choice__headline" href="/admin/articles/${a.id}">${a.headline}</a>!${renderChoiceMeta(a)}</span></li>`)}</ul>`
          : html`<p class="notice">Aucun article pour le moment : choisissez la série dans l’éditeur d’un article.</p>`
      }</section>`
    : '';
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer la série</h2><p>Impossible tant que des articles en font partie.</p><form method="post" action="/admin/series/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer « ${row.title} »</button></form></section>`
    : '';
  return html`<p><a href="/admin/series">← Séries</a></p><h1>${row ? `Série « ${row.title} »` : 'Nouvelle série'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${textField({ name: 'title', label: 'Titre', value: values.title, errors, required: true, maxLength: 120 })}!${textField(
    {
      name: 'slug',
      label: 'Adresse (slug)',
      value: values.slug,
      errors,
      maxLength: 120,
      hint: 'La page sera /serie/adresse. Laissez vide pour la déduire du titre.',
    },
  )}!${selectField({ name: 'sectionId', label: 'Rubrique', value: values.sectionId, options: sections, errors })}!${textareaField({ name: 'description', label: 'Description', value: values.description, errors, rows: 4, maxLength: 1000 })}!${textField(
    {
      name: 'cadence',
      label: 'Périodicité',
      value: values.cadence,
      errors,
      maxLength: 60,
      hint: 'Par exemple « chaque lundi ».',
    },
  )}<div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer la série'}</button>!${row ? html`<a class="button button--quiet" href="/serie/${row.slug}">Voir la série</a>` : ''}</div></form>!${list}!${danger}`;
}
