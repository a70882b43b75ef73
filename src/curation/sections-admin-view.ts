import { html } from '../core/html/html.ts';
import type { Section } from '../sections/section-repository.ts';
import { csrfInput, errorSummary, okNotice, textareaField, textField } from './curation-form-fields.ts';
import type { EditFormView } from './curation-crud-routes.ts';
import type { SectionValues, SectionWithCount } from './sections-admin-operations.ts';

const LABELS = { name: 'Nom', slug: 'Adresse', description: 'Description', position: 'Ordre', _form: 'Rubrique' };

/** The sections table of /admin/rubriques. */
export function renderSectionsTable(sections: SectionWithCount[]): string {
  const rows = sections.map(
    (s) =>
      html`<tr><td><a href="/admin/rubriques/${s.id}">${s.name}</a></td><td><a href="/${s.slug}">/${s.slug}</a></td><td>${s.position}</td><td>${s.articleCount}</td></tr>`,
  );
  return html`<section aria-labelledby="rubriques-titre"><div class="page-header"><h2 id="rubriques-titre">Rubriques</h2><a class="button" href="/admin/rubriques/nouvelle">Nouvelle rubrique</a></div>!${
    sections.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Rubriques, dans l’ordre</caption><thead><tr><th scope="col">Nom</th><th scope="col">Adresse</th><th scope="col">Ordre</th><th scope="col">Articles</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucune rubrique pour le moment.</p>`
  }</section>`;
}

/** The section form, with its delete button (refused while articles belong to it). */
export function renderSectionForm(view: EditFormView<SectionValues, Section & { articleCount?: number }>): string {
  const { values, errors, row } = view;
  const action = row ? `/admin/rubriques/${row.id}` : '/admin/rubriques/nouvelle';
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer la rubrique</h2><p>Une rubrique qui contient des articles ne peut pas être supprimée.</p><form method="post" action="/admin/rubriques/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer « ${row.name} »</button></form></section>`
    : '';
  return html`<p><a href="/admin/rubriques">← Rubriques et navigation</a></p><h1>${row ? `Rubrique « ${row.name} »` : 'Nouvelle rubrique'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${textField({ name: 'name', label: 'Nom', value: values.name, errors, required: true, maxLength: 60 })}!${textField(
    {
      name: 'slug',
      label: 'Adresse (slug)',
      value: values.slug,
      errors,
      hint: row
        ? 'Minuscules sans accent, chiffres et tirets. Changer l’adresse change celle de tous les articles de la rubrique.'
        : 'Minuscules sans accent, chiffres et tirets. Laissez vide pour la déduire du nom.',
      maxLength: 120,
    },
  )}!${textareaField({ name: 'description', label: 'Description', value: values.description, errors, rows: 3, maxLength: 300, hint: 'Affichée en tête de la page de la rubrique (300 caractères au plus).' })}!${textField(
    {
      name: 'position',
      label: 'Ordre',
      value: values.position,
      errors,
      inputmode: 'numeric',
      hint: 'Les rubriques sont classées par ordre croissant.',
    },
  )}<div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer la rubrique'}</button></div></form>!${danger}`;
}
