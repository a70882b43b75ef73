import { html } from '../core/html/html.ts';
import { csrfInput, errorSummary, okNotice, radioField, selectField, textareaField, textField } from './curation-form-fields.ts';
import type { FieldErrors } from './curation-validation.ts';
import { LANGUAGES, type SettingsValues } from './settings-admin-operations.ts';

const LABELS = {
  name: 'Nom de la publication',
  tagline: 'Devise',
  publicUrl: 'Adresse publique',
  language: 'Langue',
  logoImageId: 'Logo',
  commentsMode: 'Commentaires',
  commentsNotice: 'Message de suspension',
  commentsCloseAfterDays: 'Fermeture automatique (jours)',
  feedContent: 'Contenu des flux',
};

/** /admin/reglages: the publication's name, address, language, logo and the comments mode. */
export function renderSettingsForm(
  values: SettingsValues,
  csrfToken: string,
  opts: { errors?: FieldErrors; notice?: string | null } = {},
): string {
  const errors = opts.errors;
  return html`<h1>Réglages</h1>!${okNotice(opts.notice ?? null)}!${errorSummary(errors, LABELS)}<form method="post" action="/admin/reglages" class="curation-form" novalidate>!${csrfInput(csrfToken)}<fieldset><legend>Publication</legend>!${textField({ name: 'name', label: LABELS.name, value: values.name, errors, required: true, maxLength: 80 })}!${textField(
    {
      name: 'tagline',
      label: LABELS.tagline,
      value: values.tagline,
      errors,
      maxLength: 160,
      hint: 'Affichée sous le nom et dans le titre de la page d’accueil.',
    },
  )}!${textField({ name: 'publicUrl', label: LABELS.publicUrl, value: values.publicUrl, errors, type: 'url', hint: 'Par exemple https://www.exemple.fr (sans barre finale).', autocomplete: 'url' })}!${selectField(
    {
      name: 'language',
      label: LABELS.language,
      value: values.language,
      options: LANGUAGES,
      errors,
    },
  )}!${textField({ name: 'logoImageId', label: 'Logo (numéro de l’image dans la médiathèque)', value: values.logoImageId, errors, inputmode: 'numeric', hint: 'Laissez vide pour ne pas utiliser de logo. Le numéro figure dans la médiathèque.' })}</fieldset><fieldset><legend>Commentaires</legend>!${radioField(
    {
      name: 'commentsMode',
      label: 'Sur tout le site, les commentaires sont',
      value: values.commentsMode,
      options: [
        { value: 'open', label: 'Ouverts : publiés aussitôt, modérés ensuite (sauf réglage de l’article)' },
        { value: 'premoderation', label: 'En pré-modération : chaque commentaire est lu avant publication' },
        { value: 'closed', label: 'Fermés : lecture seule, avec un message' },
        { value: 'suspended', label: 'Suspendus sur tous les articles : le message ci-dessous remplace les commentaires' },
      ],
      errors,
    },
  )}!${textareaField({
    name: 'commentsNotice',
    label: LABELS.commentsNotice,
    value: values.commentsNotice,
    errors,
    rows: 3,
    maxLength: 500,
    hint: 'Affiché à la place des commentaires quand ils sont suspendus. Vide : « Les commentaires sont suspendus. »',
  })}</fieldset><fieldset><legend>Flux RSS</legend>!${radioField({
    name: 'feedContent',
    label: 'Les flux RSS, Atom et JSON donnent de chaque article',
    value: values.feedContent,
    options: [
      { value: 'full', label: 'Le texte intégral' },
      { value: 'lead', label: 'Le chapô seulement (le lecteur vient lire la suite sur le site)' },
    ],
    errors,
  })}</fieldset><div class="button-row"><button type="submit" class="button">Enregistrer les réglages</button></div></form>`;
}
