/**
 * The media library picker: a dialog that searches `GET /admin/medias.json?q=`, or adds a new
 * image in place (picker-upload.ts), and returns the image chosen (its thumbnail, alt text,
 * caption and credit), or null.
 */
import { type ImageInfo, rememberImages } from './image-registry.ts';
import { renderPickerUpload } from './picker-upload.ts';

interface PickerPage {
  items: ImageInfo[];
  page?: number;
  pages?: number;
}

let counter = 0;

async function search(q: string, page: number): Promise<PickerPage> {
  const response = await fetch(`/admin/medias.json?q=${encodeURIComponent(q)}&page=${page}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`statut ${response.status}`);
  const data = (await response.json()) as PickerPage;
  rememberImages(data.items);
  return data;
}

/** Opens the picker; resolves with the chosen image or null (cancelled). */
export function pickImage(title: string): Promise<ImageInfo | null> {
  counter += 1;
  const id = `mediatheque-${counter}`;
  const returnFocus = document.activeElement as HTMLElement | null;
  const dialog = document.createElement('dialog');
  dialog.className = 'media-picker';
  dialog.setAttribute('aria-labelledby', `${id}-titre`);
  dialog.innerHTML = `<div class="media-picker__inner"><h2 class="small-dialog__title" id="${id}-titre"></h2>
<form class="media-picker__search" role="search"><label for="${id}-q">Rechercher une image</label><span class="media-picker__row"><input type="search" id="${id}-q" name="q" autocomplete="off"><button type="submit" class="button button--quiet">Rechercher</button></span></form>
<p class="media-picker__status" role="status" aria-live="polite"></p>
<ul class="media-picker__results"></ul>
<div class="button-row"><button type="button" class="button button--quiet" data-more hidden>Plus d’images</button><button type="button" class="button button--quiet" data-cancel>Annuler</button></div></div>`;
  dialog.querySelector('h2')!.textContent = title;
  const form = dialog.querySelector('form')!;
  const input = dialog.querySelector('input')!;
  const status = dialog.querySelector('.media-picker__status')!;
  const results = dialog.querySelector('ul')!;
  const more = dialog.querySelector<HTMLButtonElement>('[data-more]')!;
  // Upload in place: a new image is added to the library and chosen without leaving the article.
  let chooseUploaded: (image: ImageInfo) => void = () => {};
  dialog.querySelector('.media-picker__inner')!.append(renderPickerUpload(id, (image) => chooseUploaded(image)));
  document.body.append(dialog);

  return new Promise((resolve) => {
    let settled = false;
    let page = 1;
    const finish = (value: ImageInfo | null) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      returnFocus?.focus();
      resolve(value);
    };
    chooseUploaded = finish;
    const show = (items: ImageInfo[], append: boolean) => {
      if (!append) results.replaceChildren();
      for (const item of items) {
        const li = document.createElement('li');
        const choose = document.createElement('button');
        choose.type = 'button';
        choose.className = 'media-picker__item';
        const img = document.createElement('img');
        img.src = item.url;
        img.alt = '';
        img.width = item.width;
        img.height = item.height;
        img.loading = 'lazy';
        const text = document.createElement('span');
        text.className = 'media-picker__text';
        const alt = document.createElement('span');
        alt.textContent = item.alt || '(texte alternatif manquant)';
        const credit = document.createElement('span');
        credit.className = 'media-picker__credit';
        credit.textContent = `Crédit : ${item.credit || 'manquant'}`;
        text.append(alt, credit);
        choose.append(img, text);
        choose.addEventListener('click', () => finish(item));
        li.append(choose);
        results.append(li);
      }
    };
    const load = async (append: boolean) => {
      status.textContent = 'Recherche…';
      try {
        const data = await search(input.value.trim(), page);
        show(data.items, append);
        const total = results.children.length;
        status.textContent = total === 0 ? 'Aucune image trouvée.' : `${total} image${total > 1 ? 's' : ''}.`;
        more.hidden = !(data.pages && page < data.pages);
      } catch {
        status.textContent = 'La médiathèque ne répond pas : réessayez, ou saisissez le numéro de l’image.';
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      page = 1;
      void load(false);
    });
    more.addEventListener('click', () => {
      page += 1;
      void load(true);
    });
    dialog.querySelector('[data-cancel]')!.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(null);
    });
    dialog.showModal();
    input.focus();
    void load(false);
  });
}
