import { html } from '../core/html/html.ts';
import type { StaticPage } from '../pages/page-repository.ts';
import type { EditFormView } from './curation-crud-routes.ts';
import { csrfInput, errorSummary, fieldId, okNotice, selectField, textareaField, textField } from './curation-form-fields.ts';
import { PAGE_KINDS, type PageValues } from './pages-admin-operations.ts';

const LABELS = { kind: 'Type', title: 'Titre', slug: 'Adresse', lead: 'Chapô', body: 'Corps', _form: 'Page' };
const KIND_LABELS = new Map(PAGE_KINDS.map((k) => [k.value, k.label]));

/** The static pages table of /admin/pages. */
export function renderPagesList(pages: StaticPage[], notice: string | null): string {
  const rows = pages.map(
    (p) =>
      html`<tr><td><a href="/admin/pages/${p.id}">${p.title}</a></td><td>${KIND_LABELS.get(p.kind) ?? p.kind}</td><td><a href="/${p.slug}">/${p.slug}</a></td></tr>`,
  );
  return html`<div class="page-header"><h1>Pages</h1><a class="button" href="/admin/pages/nouvelle">Nouvelle page</a></div>!${okNotice(notice)}<p class="lead-text">Les pages fixes du site : qui sommes-nous, mentions légales, déclaration d’accessibilité, newsletter. Les quatre premiers types figurent en pied de page.</p>!${
    pages.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Pages du site</caption><thead><tr><th scope="col">Titre</th><th scope="col">Type</th><th scope="col">Adresse</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucune page pour le moment.</p>`
  }`;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The page form: type, title, address, lead and the body (rich-text editor over a JSON textarea). */
export function renderPageForm(view: EditFormView<PageValues, StaticPage>): string {
  const { values, errors, row } = view;
  const action = row ? `/admin/pages/${row.id}` : '/admin/pages/nouvelle';
  const bodyId = fieldId('body');
  const bodyError = errors?.body;
  const body = html`<div class="field" data-body-field><label for="${bodyId}" id="${bodyId}-libelle">Corps</label><span class="field__hint" id="${bodyId}-aide" data-body-hint>Document au format JSON (paragraphes, intertitres, listes, liens) ; l’éditeur de texte le remplit pour vous quand JavaScript est actif.</span>!${
    bodyError ? html`<span class="field__error" id="${bodyId}-erreur">${bodyError}</span>` : ''
  }<textarea id="${bodyId}" name="body" rows="14" class="body-json" data-page-body spellcheck="false" aria-describedby="${bodyId}-aide${bodyError ? ` ${bodyId}-erreur` : ''}"${bodyError ? ' aria-invalid="true"' : ''}>${bodyError ? values.body : prettyJson(values.body)}</textarea></div>`;
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer la page</h2><p>Les entrées de navigation qui y mènent seront retirées.</p><form method="post" action="/admin/pages/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer « ${row.title} »</button></form></section>`
    : '';
  return html`<p><a href="/admin/pages">← Pages</a></p><h1>${row ? `Page « ${row.title} »` : 'Nouvelle page'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${selectField({ name: 'kind', label: 'Type', value: values.kind, options: PAGE_KINDS, errors })}!${textField(
    {
      name: 'title',
      label: 'Titre',
      value: values.title,
      errors,
      required: true,
      maxLength: 120,
    },
  )}!${textField({ name: 'slug', label: 'Adresse (slug)', value: values.slug, errors, maxLength: 120, hint: 'Minuscules sans accent, chiffres et tirets. Laissez vide pour la déduire du titre.' })}!${textareaField(
    {
      name: 'lead',
      label: 'Chapô',
      value: values.lead,
      errors,
      rows: 3,
      maxLength: 500,
    },
  )}!${body}<div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer la page'}</button>!${row ? html`<a class="button button--quiet" href="/${row.slug}">Voir la page</a>` : ''}</div></form>!${danger}`;
}
