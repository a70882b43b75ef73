import type { Db } from '../core/db/database.ts';
import { html } from '../core/html/html.ts';
import type { EditFormView } from '../curation/curation-crud-routes.ts';
import { csrfInput, errorSummary, okNotice, radioField, selectField, textareaField, textField } from '../curation/curation-form-fields.ts';
import { imageField } from '../curation/image-field.ts';
import { categoryOptions } from './apple-categories.ts';
import { COVER_MAX, COVER_MIN, type ShowValues } from './show-operations.ts';
import type { ShowRow } from './show-repository.ts';

const LABELS = {
  title: 'Titre',
  slug: 'Adresse',
  description: 'Description',
  coverImageId: 'Illustration',
  category: 'Catégorie',
  explicit: 'Contenu explicite',
  language: 'Langue',
  authorName: 'Auteur',
  ownerName: 'Propriétaire',
  ownerEmail: 'E-mail du propriétaire',
  appleUrl: 'Apple Podcasts',
  spotifyUrl: 'Spotify',
  otherLinks: 'Autres plateformes',
  locked: 'Verrouillage',
  _form: 'Podcast',
};

/** The shows table of /admin/podcasts. */
export function renderShowList(shows: (ShowRow & { episodeCount: number })[], notice: string | null): string {
  const rows = shows.map(
    (s) =>
      html`<tr><td><a href="/admin/podcasts/${s.id}">${s.title}</a></td><td>${s.category}${s.subcategory ? ` › ${s.subcategory}` : ''}</td><td>${s.episodeCount}</td><td><a href="/podcast/${s.slug}/feed.xml">Flux du podcast</a></td></tr>`,
  );
  return html`<div class="page-header"><h1>Podcasts</h1><a class="button" href="/admin/podcasts/nouveau">Nouveau podcast</a></div>!${okNotice(notice)}<p class="lead-text">Chaque podcast a sa page et son flux pour Apple Podcasts et Spotify. Un épisode est un article au format « Podcast » : ses champs de podcast (son, chapitres, transcription) se règlent depuis son éditeur.</p>!${
    shows.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Podcasts</caption><thead><tr><th scope="col">Titre</th><th scope="col">Catégorie</th><th scope="col">Épisodes</th><th scope="col">Flux</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucun podcast pour le moment.</p>`
  }`;
}

/** The show form. */
export async function renderShowForm(db: Db, view: EditFormView<ShowValues, ShowRow>): Promise<string> {
  const { values, errors, row } = view;
  const action = row ? `/admin/podcasts/${row.id}` : '/admin/podcasts/nouveau';
  const yesNo = [
    { value: 'oui', label: 'Oui' },
    { value: 'non', label: 'Non' },
  ];
  const danger = row
    ? html`<section class="danger-zone" aria-labelledby="suppression"><h2 id="suppression">Supprimer le podcast</h2><p>Impossible tant que des épisodes en font partie.</p><form method="post" action="/admin/podcasts/${row.id}/supprimer">!${csrfInput(view.csrfToken)}<button type="submit" class="button button--danger">Supprimer « ${row.title} »</button></form></section>`
    : '';
  const fields = [
    textField({ name: 'title', label: 'Titre', value: values.title, errors, required: true, maxLength: 150 }),
    textField({
      name: 'slug',
      label: 'Adresse (slug)',
      value: values.slug,
      errors,
      maxLength: 120,
      hint: 'La page sera /podcast/adresse. Laissez vide pour la déduire du titre.',
    }),
    textareaField({
      name: 'description',
      label: 'Description',
      value: values.description,
      errors,
      rows: 4,
      maxLength: 4000,
      required: true,
    }),
    await imageField(db, {
      name: 'coverImageId',
      label: 'Illustration (numéro dans la médiathèque)',
      value: values.coverImageId,
      errors,
      hint: `Image carrée de ${COVER_MIN} à ${COVER_MAX} pixels de côté, exigée par Apple Podcasts.`,
    }),
    selectField({
      name: 'category',
      label: 'Catégorie Apple Podcasts',
      value: values.category,
      errors,
      options: [{ value: '', label: '— Choisir —' }, ...categoryOptions()],
    }),
    radioField({ name: 'explicit', label: 'Contenu explicite', value: values.explicit, errors, options: yesNo }),
    textField({
      name: 'language',
      label: 'Langue',
      value: values.language,
      errors,
      maxLength: 10,
      hint: 'Code de langue, par exemple « fr ».',
    }),
    textField({
      name: 'authorName',
      label: 'Auteur (affiché par les applications)',
      value: values.authorName,
      errors,
      required: true,
      maxLength: 150,
    }),
    textField({ name: 'ownerName', label: 'Propriétaire : nom', value: values.ownerName, errors, required: true, maxLength: 150 }),
    textField({
      name: 'ownerEmail',
      label: 'Propriétaire : e-mail',
      value: values.ownerEmail,
      errors,
      required: true,
      maxLength: 254,
      autocomplete: 'email',
      hint: 'Apple et Spotify y écrivent pour vérifier la propriété du flux.',
    }),
    textField({ name: 'appleUrl', label: 'Page Apple Podcasts', value: values.appleUrl, errors, type: 'url', maxLength: 500 }),
    textField({ name: 'spotifyUrl', label: 'Page Spotify', value: values.spotifyUrl, errors, type: 'url', maxLength: 500 }),
    textareaField({
      name: 'otherLinks',
      label: 'Autres plateformes',
      value: values.otherLinks,
      errors,
      rows: 3,
      hint: 'Une par ligne : « Deezer | https://… ».',
    }),
    radioField({
      name: 'locked',
      label: 'Verrouiller le flux (podcast:locked : aucune autre plateforme ne peut l’importer)',
      value: values.locked,
      errors,
      options: yesNo,
    }),
  ];
  return html`<p><a href="/admin/podcasts">← Podcasts</a></p><h1>${row ? `Podcast « ${row.title} »` : 'Nouveau podcast'}</h1>!${okNotice(view.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="${action}" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${fields.join('')}<div class="button-row"><button type="submit" class="button">${row ? 'Enregistrer' : 'Créer le podcast'}</button>!${row ? html`<a class="button button--quiet" href="/podcast/${row.slug}">Voir la page du podcast</a>` : ''}</div></form>!${danger}`;
}
