/**
 * The hero image field: "Choisir dans la médiathèque" opens the picker and fills the number
 * input; the thumbnail, alt text and credit follow, with the warning when publishing would be
 * refused. "Retirer l'image" empties it. Typing a number by hand still works.
 */
import { imageInfo } from './image-registry.ts';
import { pickImage } from './media-picker.ts';

export function enhanceHeroField(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLElement>('[data-hero-field]');
  const input = field?.querySelector<HTMLInputElement>('[data-hero-input]');
  if (!field || !input) return;
  const preview = field.querySelector<HTMLElement>('[data-hero-preview]')!;
  const warning = field.querySelector<HTMLElement>('[data-hero-warning]')!;

  const render = () => {
    const id = Number(input.value);
    const info = imageInfo(id);
    preview.replaceChildren();
    if (!input.value.trim()) {
      preview.append(Object.assign(document.createElement('p'), { className: 'hero-field__empty', textContent: 'Aucune image choisie.' }));
      warning.hidden = true;
      return;
    }
    if (!info) {
      preview.append(
        Object.assign(document.createElement('p'), {
          className: 'hero-field__empty',
          textContent: `Image n° ${input.value} (aperçu après enregistrement).`,
        }),
      );
      warning.hidden = true;
      return;
    }
    const figure = document.createElement('figure');
    figure.className = 'hero-field__figure';
    const img = Object.assign(document.createElement('img'), { src: info.url, alt: '', width: info.width, height: info.height });
    const caption = document.createElement('figcaption');
    const line = (label: string, text: string) => {
      const span = document.createElement('span');
      span.className = 'hero-field__meta';
      const b = document.createElement('b');
      b.textContent = `${label} : `;
      span.append(b, text || '(manquant)');
      return span;
    };
    caption.append(line('Texte alternatif', info.alt), line('Crédit', info.credit));
    figure.append(img, caption);
    preview.append(figure);
    const missing = [!info.alt.trim() && 'texte alternatif', !info.credit.trim() && 'crédit'].filter(Boolean);
    warning.hidden = missing.length === 0;
    warning.textContent = missing.length ? `À compléter dans la médiathèque avant publication : ${missing.join(' et ')}.` : '';
  };

  const row = document.createElement('div');
  row.className = 'button-row hero-field__buttons';
  const choose = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'button button--quiet',
    textContent: 'Choisir dans la médiathèque',
  });
  const clear = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'button button--quiet',
    textContent: 'Retirer l’image',
  });
  row.append(choose, clear);
  preview.after(row);

  const set = (value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  choose.addEventListener('click', async () => {
    const image = await pickImage('Choisir l’image principale');
    if (image) set(String(image.id));
  });
  clear.addEventListener('click', () => set(''));
  input.addEventListener('input', render);
}
