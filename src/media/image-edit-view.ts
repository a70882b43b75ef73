import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { imageUrl } from '../images/image-urls.ts';
import type { ImageRecord } from '../images/image-types.ts';
import type { MediaUsage } from './image-usage.ts';
import { csrfField, errorSummary, field, formatBytes, usageList } from './media-form-fields.ts';
import type { FieldErrors } from './media-input.ts';

/** What the image screen shows: the image, where it is used, what the viewer may do, and the last post's outcome. */
export interface ImageEditView {
  image: ImageRecord;
  uses: MediaUsage[];
  csrfToken: string;
  canEdit: boolean;
  canDelete: boolean;
  /** Values typed in a refused post (else the stored ones). */
  values?: Record<string, string>;
  errors?: FieldErrors;
  /** Message above the form after a refused post. */
  message?: string;
  /** Confirmation after a save or an upload. */
  notice?: string;
}

/**
 * The image screen: a large preview on which a click sets the focal point (island; the two number
 * fields do the same without JavaScript), the crops it produces, the editorial fields, where the
 * image is used, and deletion when it is used nowhere.
 */
export function renderImageEdit(view: ImageEditView): string {
  const { image } = view;
  const values = view.values ?? {
    credit: image.credit,
    alt: image.alt,
    caption: image.caption,
    focalX: String(image.focal_x),
    focalY: String(image.focal_y),
  };
  const errors = view.errors ?? {};
  const preview = imageUrl(image, 960, 'webp');
  const previewWidth = Math.min(960, image.width);
  const previewHeight = Math.max(1, Math.round((previewWidth * image.height) / image.width));
  return html`<p><a href="/admin/medias">Retour à la médiathèque</a></p>
<h1>${image.alt ? `Image : ${image.alt}` : 'Image sans texte alternatif'}</h1>
!${view.notice ? html`<div class="notice notice--ok" role="status"><p>${view.notice}</p></div>` : ''}!${errorSummary(view.message)}
<div class="media-edit">
<div class="media-edit__preview">
<div class="focal-picker" data-focal-picker data-focal-x="${String(image.focal_x)}" data-focal-y="${String(image.focal_y)}"><img class="focal-picker__image" src="${preview}" alt="${image.alt}" width="${String(previewWidth)}" height="${String(previewHeight)}"><span class="focal-picker__marker" data-focal-marker hidden></span></div>
!${view.canEdit ? html`<p class="field__hint" data-focal-help hidden>Cliquez sur l’image pour placer le point focal (au clavier : le repère, puis les flèches), puis enregistrez.</p>` : ''}
<h2>Recadrages</h2>
<div class="media-crops">!${(['16x9', '4x3', '1x1'] as const).map(
    (crop) =>
      html`<figure class="media-crop media-crop--${crop}"><img src="${imageUrl(image, 320, 'webp', crop)}" alt="" loading="lazy"><figcaption>${crop.replace('x', ':')}</figcaption></figure>`,
  )}</div>
<dl class="media-facts"><dt>Dimensions</dt><dd>${String(image.width)} × ${String(image.height)} pixels</dd><dt>Poids</dt><dd>${formatBytes(image.bytes)} (${image.mime === 'image/png' ? 'PNG' : 'JPEG'})</dd><dt>Ajoutée le</dt><dd>${formatDateTimeFr(image.created_at)}</dd></dl>
</div>
<div class="media-edit__form">
!${view.canEdit ? editForm(image, values, errors, view) : readOnly(image)}
</div>
</div>
<h2>Utilisation</h2>
!${view.uses.length ? html`<p>Cette image est utilisée dans :</p>!${usageList(view.uses)}` : html`<p>Cette image n’est utilisée nulle part.</p>`}
!${view.canDelete ? deleteBlock(image, view) : ''}`;
}

function editForm(image: ImageRecord, values: Record<string, string>, errors: FieldErrors, view: ImageEditView): string {
  return html`<form method="post" action="/admin/medias/${String(image.id)}" class="media-form" novalidate>
!${csrfField(view.csrfToken)}
!${field({ idPrefix: 'image', name: 'credit', label: 'Crédit', required: true, maxLength: 300, value: values.credit, error: errors.credit, hint: 'Qui a pris ou fourni l’image.' })}
!${field({ idPrefix: 'image', name: 'alt', label: 'Texte alternatif', maxLength: 500, value: values.alt, error: errors.alt, hint: 'Ce que montre l’image, pour qui ne la voit pas. Vide seulement pour une image décorative.' })}
!${field({ idPrefix: 'image', name: 'caption', label: 'Légende', maxLength: 1000, multiline: true, value: values.caption, error: errors.caption })}
<fieldset class="media-focal"><legend>Point focal</legend>
<p class="field__hint">Le point gardé par tous les recadrages, de 0 à 1 depuis le coin en haut à gauche.</p>
<div class="media-focal-inputs">!${field({ idPrefix: 'image', name: 'focalX', label: 'Horizontal (0 à gauche, 1 à droite)', number: { min: 0, max: 1, step: 0.01 }, value: values.focalX, error: errors.focalX })}!${field({ idPrefix: 'image', name: 'focalY', label: 'Vertical (0 en haut, 1 en bas)', number: { min: 0, max: 1, step: 0.01 }, value: values.focalY, error: errors.focalY })}</div>
</fieldset>
<div class="button-row"><button type="submit" class="button">Enregistrer</button></div>
</form>`;
}

function readOnly(image: ImageRecord): string {
  return html`<dl class="media-facts"><dt>Crédit</dt><dd>${image.credit}</dd><dt>Texte alternatif</dt><dd>${image.alt || '(aucun)'}</dd><dt>Légende</dt><dd>${image.caption || '(aucune)'}</dd></dl>
<p class="field__hint">Vous pouvez corriger les images que vous avez ajoutées ; celles des autres, les journalistes et les éditeurs les corrigent.</p>`;
}

function deleteBlock(image: ImageRecord, view: ImageEditView): string {
  if (view.uses.length) {
    return html`<h2>Suppression</h2><p>Une image utilisée ne peut pas être supprimée : retirez-la d’abord des contenus ci-dessus.</p>`;
  }
  return html`<h2>Suppression</h2><details class="media-delete"><summary>Supprimer cette image…</summary><form method="post" action="/admin/medias/${String(image.id)}/supprimer">!${csrfField(view.csrfToken)}<p>L’image et tous ses formats seront effacés. C’est définitif.</p><button type="submit" class="button button--danger">Supprimer définitivement</button></form></details>`;
}
