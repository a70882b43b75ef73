import { html } from '../core/html/html.ts';
import type { EditFormView } from './curation-crud-routes.ts';
import { csrfInput, errorSummary, okNotice, selectField, textareaField, textField } from './curation-form-fields.ts';
import { MAX_LINKS, PERSON_KINDS, type PersonRow, type PersonValues, type PersonWithCount } from './people-admin-operations.ts';

const KIND_LABELS = new Map(PERSON_KINDS.map((k) => [k.value, k.label]));

/** The people list of /admin/personnes, with a name search. */
export function renderPeopleList(people: PersonWithCount[], query: string, notice: string | null): string {
  const rows = people.map(
    (p) =>
      html`<tr><td><a href="/admin/personnes/${p.id}">${p.name}</a></td><td>${KIND_LABELS.get(p.kind) ?? p.kind}</td><td>${p.role_line}</td><td>${p.articleCount}</td></tr>`,
  );
  return html`<div class="page-header"><h1>Auteurs</h1><a class="button" href="/admin/personnes/nouvelle">Nouvelle personne</a></div>!${okNotice(notice)}<form method="get" action="/admin/personnes" role="search" class="picker__form"><div class="field"><label for="personnes-q">Rechercher par nom</label><div class="picker__row"><input type="search" id="personnes-q" name="q" value="${query}" maxlength="100"><button type="submit" class="button button--quiet">Rechercher</button></div></div></form>!${
    people.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Rédaction et contributeurs</caption><thead><tr><th scope="col">Nom</th><th scope="col">Statut</th><th scope="col">Fonction ou expertise</th><th scope="col">Articles</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Personne ne correspond.</p>`
  }`;
}

function linksEditor(values: PersonValues, errors: EditFormView<PersonValues, PersonRow>['errors']): string {
  // The rows as typed (indices kept for the errors), then spare blank rows.
  const rows = [...values.links];
  const spare = Math.max(1, Math.min(2, MAX_LINKS - rows.length));
  for (let i = 0; i < spare; i++) rows.push({ label: '', url: '' });
  return html`<fieldset class="links-editor"><legend>Liens (site personnel, réseaux)</legend>!${errors?.links ? html`<p class="field__error">${errors.links}</p>` : ''}!${rows.map(
    (link, i) => {
      const errs = { label: errors?.[`links.${i}.label`] ?? '', url: errors?.[`links.${i}.url`] ?? '' };
      const own = Object.fromEntries(Object.entries(errs).filter(([, v]) => v));
      return html`<div class="links-editor__row">!${textField({ name: 'linkLabel', id: `champ-links-${i}-label`, label: `Lien ${i + 1} : libellé`, value: link.label, errors: own.label ? { linkLabel: own.label } : undefined, maxLength: 60 })}!${textField(
        {
          name: 'linkUrl',
          id: `champ-links-${i}-url`,
          label: `Lien ${i + 1} : adresse`,
          value: link.url,
          type: 'url',
          errors: own.url ? { linkUrl: own.url } : undefined,
        },
      )}</div>`;
    },
  )}<p class="field__hint">Laissez une ligne vide pour l’ignorer. ${MAX_LINKS} liens au plus.</p></fieldset>`;
}

/** The person form: identity, presentation, photo and links. */
export function renderPersonForm(view: EditFormView<PersonValues, PersonRow>, photoField: string): string {
  const { values, errors, row } = view;
  const action = row ? `/admin/personnes/${row.id}` : '/admin/personnes/nouvelle';
  const labels: Record<string, string> = {
    name: 'Nom',
    slug: 'Adresse',
    kind: 'Statut',
    roleLine: 'Fonction ou expertise',
    bio: 'Biographie',
    photoImageId: 'Photo',
    links: 'Liens',
    _form: 'Personne',
  };
  for (let i = 0; i < MAX_LINKS + 2; i++) {
    labels[`links.${i}.label`] = `Lien ${i + 1}, libellé`;
    labels[`links.${i}.url`] = `Lien ${i + 1}, adresse`;
  }
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer</h2><p>Impossible tant qu’un article porte sa signature ou qu’un compte signe sous ce profil.</p><form method="post" action="/admin/personnes/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer ${row.name}</button></form></section>`
    : '';
  return html`<p><a href="/admin/personnes">← Auteurs</a></p><h1>${row ? row.name : 'Nouvelle personne'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, labels)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${textField({ name: 'name', label: 'Nom', value: values.name, errors, required: true, maxLength: 100, autocomplete: 'off' })}!${textField(
    {
      name: 'slug',
      label: 'Adresse de la page auteur (slug)',
      value: values.slug,
      errors,
      maxLength: 120,
      hint: 'La page sera /auteur/adresse. Laissez vide pour la déduire du nom.',
    },
  )}!${selectField({ name: 'kind', label: 'Statut', value: values.kind, options: PERSON_KINDS, errors })}!${textField({
    name: 'roleLine',
    label: 'Fonction ou expertise',
    value: values.roleLine,
    errors,
    maxLength: 160,
    hint: 'Une ligne sous le nom : « Économiste, chercheuse au CNRS ».',
  })}!${textareaField({ name: 'bio', label: 'Biographie', value: values.bio, errors, rows: 6, maxLength: 3000 })}!${photoField}!${linksEditor(values, errors)}<div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer'}</button>!${row ? html`<a class="button button--quiet" href="/auteur/${row.slug}">Voir la page auteur</a>` : ''}</div></form>!${danger}`;
}
