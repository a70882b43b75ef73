import { html } from '../core/html/html.ts';
import { formatDateFr } from '../core/text/dates.ts';
import { renderArticlePicker, renderOrderedArticle } from './article-choice-view.ts';
import type { ArticleChoice } from './article-search.ts';
import { csrfInput, errorSummary, okNotice, selectField, textareaField, textField } from './curation-form-fields.ts';
import type { FieldErrors } from './curation-validation.ts';
import { DOSSIER_MAX_ARTICLES, type DossierRow, type DossierValues } from './dossiers-admin-operations.ts';

const LABELS = {
  title: 'Titre',
  slug: 'Adresse',
  sectionId: 'Rubrique',
  introduction: 'Introduction',
  heroImageId: 'Image',
  visible: 'Publication',
  _form: 'Dossier',
};

/** The dossiers table of /admin/dossiers. */
export function renderDossiersList(
  dossiers: (DossierRow & { sectionName: string | null; articleCount: number })[],
  notice: string | null,
): string {
  const rows = dossiers.map(
    (d) =>
      html`<tr><td><a href="/admin/dossiers/${d.id}">${d.title}</a></td><td>${d.sectionName ?? '—'}</td><td>${d.articleCount}</td><td>!${
        d.published_at
          ? html`<span class="badge badge--ok">En ligne depuis le ${formatDateFr(d.published_at)}</span>`
          : html`<span class="badge">Non publié</span>`
      }</td></tr>`,
  );
  return html`<div class="page-header"><h1>Dossiers</h1><a class="button" href="/admin/dossiers/nouveau">Nouveau dossier</a></div>!${okNotice(notice)}<p class="lead-text">Un dossier réunit des articles sur un thème, dans l’ordre choisi, avec une introduction de la rédaction.</p>!${
    dossiers.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Dossiers</caption><thead><tr><th scope="col">Titre</th><th scope="col">Rubrique</th><th scope="col">Articles</th><th scope="col">État</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucun dossier pour le moment.</p>`
  }`;
}

export interface DossierEditView {
  values: DossierValues;
  errors?: FieldErrors;
  row?: DossierRow;
  csrfToken: string;
  notice?: string | null;
  sections: { value: string; label: string }[];
  imageField: string;
  /** Editing only: the dossier's articles in order (as stored, or as submitted after an error). */
  articles?: ArticleChoice[];
  articleErrors?: FieldErrors;
  query?: string;
  results?: ArticleChoice[] | null;
}

function articlesEditor(view: DossierEditView & { row: DossierRow }): string {
  const articles = view.articles ?? [];
  const count = articles.length;
  const list = count
    ? html`<ol class="reorder" data-reorder aria-labelledby="dossier-articles-titre">!${articles.map((a, i) => renderOrderedArticle(a, i, count, { removeLabel: 'Retirer du dossier' }))}</ol>`
    : html`<p class="notice">Aucun article dans ce dossier : ajoutez-en depuis la recherche ci-dessous.</p>`;
  return html`<section aria-labelledby="dossier-articles-titre"><h2 id="dossier-articles-titre">Articles du dossier (${count})</h2>!${errorSummary(view.articleErrors, { articleIds: 'Articles du dossier' })}<form method="post" action="/admin/dossiers/${view.row.id}/articles" id="dossier-articles" class="reorder-form">!${csrfInput(view.csrfToken)}<input type="hidden" name="q" value="${view.query ?? ''}"><p class="field__hint">Dans l’ordre de lecture. Réordonnez par glisser-déposer, avec « Monter » et « Descendre », ou avec Alt + flèche haut/bas.</p>!${list}<p class="reorder__status" data-reorder-status aria-live="polite"></p><div class="button-row"><button type="submit" name="action" value="save" class="button">Enregistrer l’ordre</button></div></form>!${renderArticlePicker(
    {
      action: `/admin/dossiers/${view.row.id}`,
      query: view.query ?? '',
      results: view.results ?? null,
      formId: 'dossier-articles',
      addLabel: 'Ajouter au dossier',
      headingId: 'dossier-ajout',
      heading: 'Ajouter un article',
      full: count >= DOSSIER_MAX_ARTICLES ? `Le dossier compte déjà ${DOSSIER_MAX_ARTICLES} articles.` : undefined,
    },
  )}</section>`;
}

/** The dossier screen: its fields, then (when editing) its ordered articles and the article search. */
export function renderDossierEdit(view: DossierEditView): string {
  const { values, errors, row } = view;
  const action = row ? `/admin/dossiers/${row.id}` : '/admin/dossiers/nouveau';
  const visibleId = 'champ-visible';
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer le dossier</h2><p>Les articles restent publiés ; seul le dossier disparaît.</p><form method="post" action="/admin/dossiers/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer « ${row.title} »</button></form></section>`
    : '';
  return html`<p><a href="/admin/dossiers">← Dossiers</a></p><h1>${row ? `Dossier « ${row.title} »` : 'Nouveau dossier'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${textField({ name: 'title', label: 'Titre', value: values.title, errors, required: true, maxLength: 160 })}!${textField(
    {
      name: 'slug',
      label: 'Adresse (slug)',
      value: values.slug,
      errors,
      maxLength: 120,
      hint: 'La page sera /dossier/adresse. Laissez vide pour la déduire du titre.',
    },
  )}!${selectField({ name: 'sectionId', label: 'Rubrique', value: values.sectionId, options: view.sections, errors })}!${textareaField({
    name: 'introduction',
    label: 'Introduction',
    value: values.introduction,
    errors,
    rows: 5,
    maxLength: 2000,
  })}!${view.imageField}<div class="field field--check"><input type="checkbox" id="${visibleId}" name="visible" value="on"${values.visible === 'on' ? ' checked' : ''}><label for="${visibleId}">Publié sur le site${row?.published_at ? ` (depuis le ${formatDateFr(row.published_at)})` : ''}</label></div><div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer le dossier'}</button>!${
    row?.published_at ? html`<a class="button button--quiet" href="/dossier/${row.slug}">Voir le dossier</a>` : ''
  }</div></form>!${row ? articlesEditor({ ...view, row }) : ''}!${danger}`;
}
