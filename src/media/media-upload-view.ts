import { html } from '../core/html/html.ts';
import { errorSummary, field } from './media-form-fields.ts';
import type { FieldErrors } from './media-input.ts';
import { ACCEPTED_MEDIA_DESCRIPTION, ACCEPTED_MEDIA_INPUT } from './media-file-types.ts';
import { formatBytes, type MediaLimits } from './media-limits.ts';

/** The state of one upload form after a failed post: what was typed and what went wrong. */
export interface UploadFormState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** The message shown above the form (type, size, or the first field error). */
  message?: string;
}

export interface UploadPageInput {
  csrfToken: string;
  limits: MediaLimits;
  image?: UploadFormState;
  file?: UploadFormState;
}

const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif';

/**
 * The upload screen: one form for images, one for sounds and videos. Plain multipart forms that
 * work without JavaScript (the CSRF token rides in the action's query string, since the body is
 * read by the route itself); the drop-zone island adds drag and drop, progress and inline errors.
 */
export function renderUploadPage(input: UploadPageInput): string {
  const token = encodeURIComponent(input.csrfToken);
  const image = input.image ?? {};
  const file = input.file ?? {};
  return html`<h1>Ajouter un média</h1>
<p><a href="/admin/medias">Retour à la médiathèque</a></p>
<section class="media-upload-section" aria-labelledby="titre-ajout-image">
<h2 id="titre-ajout-image">Une image</h2>
<form method="post" action="/admin/medias?_csrf=${token}" enctype="multipart/form-data" class="media-upload" data-media-upload novalidate>
!${errorSummary(image.message)}
!${dropZone({ id: 'image-fichier', label: 'Fichier image', accept: IMAGE_ACCEPT, hint: `JPEG, PNG, WebP, AVIF ou GIF, ${formatBytes(input.limits.image)} au plus. Les données de l’appareil (EXIF, position GPS) sont retirées et l’image est remise à l’endroit.`, error: image.errors?.file })}
!${field({ idPrefix: 'image', name: 'credit', label: 'Crédit', required: true, maxLength: 300, value: image.values?.credit, error: image.errors?.credit, hint: 'Qui a pris ou fourni l’image : « AFP / Jeanne Martin », « Capture d’écran YouTube / Euronews ».' })}
!${field({ idPrefix: 'image', name: 'alt', label: 'Texte alternatif', maxLength: 500, value: image.values?.alt, error: image.errors?.alt, hint: 'Ce que montre l’image, pour qui ne la voit pas. Laissez vide seulement pour une image décorative.' })}
!${field({ idPrefix: 'image', name: 'caption', label: 'Légende', maxLength: 1000, multiline: true, value: image.values?.caption, error: image.errors?.caption })}
<details class="media-focal-details"!${image.errors?.focalX || image.errors?.focalY ? ' open' : ''}><summary>Point focal (facultatif)</summary>
<p class="field__hint">Le point à garder dans les recadrages, de 0 à 1 depuis le coin en haut à gauche. Vous pourrez le placer d’un clic sur l’image après l’envoi.</p>
<div class="media-focal-inputs">!${field({ idPrefix: 'image', name: 'focalX', label: 'Horizontal (0 à gauche, 1 à droite)', number: { min: 0, max: 1, step: 0.01 }, value: image.values?.focalX ?? '0.5', error: image.errors?.focalX })}!${field({ idPrefix: 'image', name: 'focalY', label: 'Vertical (0 en haut, 1 en bas)', number: { min: 0, max: 1, step: 0.01 }, value: image.values?.focalY ?? '0.5', error: image.errors?.focalY })}</div>
</details>
<div class="button-row"><button type="submit" class="button">Envoyer l’image</button><progress class="media-progress" max="100" value="0" hidden data-upload-progress aria-label="Progression de l’envoi"></progress></div>
</form>
</section>
<section class="media-upload-section" aria-labelledby="titre-ajout-fichier">
<h2 id="titre-ajout-fichier">Un son ou une vidéo</h2>
<form method="post" action="/admin/medias/fichiers?_csrf=${token}" enctype="multipart/form-data" class="media-upload" data-media-upload novalidate>
!${errorSummary(file.message)}
!${dropZone({ id: 'fichier-fichier', label: 'Fichier son ou vidéo', accept: ACCEPTED_MEDIA_INPUT, hint: `${ACCEPTED_MEDIA_DESCRIPTION}. Sons : ${formatBytes(input.limits.audio)} au plus ; vidéos : ${formatBytes(input.limits.video)} au plus.`, error: file.errors?.file })}
!${field({ idPrefix: 'fichier', name: 'title', label: 'Titre', required: true, maxLength: 300, value: file.values?.title, error: file.errors?.title, hint: 'Par exemple le titre de l’épisode.' })}
!${field({ idPrefix: 'fichier', name: 'credit', label: 'Crédit', required: true, maxLength: 300, value: file.values?.credit, error: file.errors?.credit, hint: 'Qui a produit ou fourni le fichier.' })}
<div class="button-row"><button type="submit" class="button">Envoyer le fichier</button><progress class="media-progress" max="100" value="0" hidden data-upload-progress aria-label="Progression de l’envoi"></progress></div>
</form>
</section>`;
}

/** A file input inside a zone the island turns into a drop target (a plain file input without JavaScript). */
function dropZone(options: { id: string; label: string; accept: string; hint: string; error?: string }): string {
  const described = [`${options.id}-aide`, options.error ? `${options.id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<div class="field media-drop" data-drop-zone><label for="${options.id}">${options.label} <span class="media-required">(obligatoire)</span></label><span class="field__hint" id="${options.id}-aide">${options.hint}</span>!${
    options.error ? html`<span class="field__error" id="${options.id}-erreur">${options.error}</span>` : ''
  }<p class="media-drop__invite" hidden data-drop-invite>Glissez-déposez le fichier ici, ou choisissez-le :</p><input type="file" id="${options.id}" name="file" accept="${options.accept}" required aria-describedby="${described}"!${
    options.error ? ' aria-invalid="true"' : ''
  }><p class="media-drop__status" data-drop-status aria-live="polite"></p></div>`;
}
