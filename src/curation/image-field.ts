import type { Db } from '../core/db/database.ts';
import { html } from '../core/html/html.ts';
import { getImageById } from '../images/image-repository.ts';
import { imageUrl } from '../images/image-urls.ts';
import { textField } from './curation-form-fields.ts';
import type { FieldErrors } from './curation-validation.ts';
import { parseId } from '../core/input/ids.ts';

/**
 * An image of the media library chosen by its number, with a thumbnail of the current one (the
 * library shows each image's number; without JavaScript this is the plain way to pick one).
 */
export async function imageField(
  db: Db,
  f: { name: string; label: string; value: string; errors?: FieldErrors; hint?: string },
): Promise<string> {
  const id = parseId(f.value.trim());
  const image = id !== null && !f.errors?.[f.name] ? await getImageById(db, id) : undefined;
  const preview = image
    ? html`<figure class="image-field__preview"><img class="thumb" src="${imageUrl(image, 320, 'jpeg')}" alt="${image.alt}" width="${String(Math.min(image.width, 192))}" height="${String(Math.round((Math.min(image.width, 192) * image.height) / image.width))}"><figcaption class="field__hint">Image n° ${image.id}${image.credit ? ` — ${image.credit}` : ''}</figcaption></figure>`
    : '';
  return html`<div class="image-field">!${textField({
    name: f.name,
    label: f.label,
    value: f.value,
    errors: f.errors,
    inputmode: 'numeric',
    hint: f.hint ?? 'Numéro de l’image dans la médiathèque ; laissez vide pour aucune image.',
  })}!${preview}<p class="field__hint"><a href="/admin/medias">Ouvrir la médiathèque</a></p></div>`;
}
