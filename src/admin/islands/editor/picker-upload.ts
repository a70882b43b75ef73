/**
 * "Ajouter une nouvelle image" inside the editor's media picker: a file, its credit and alt text
 * (both required), an optional caption, and the focal point clicked on the preview (or moved with
 * the arrow keys). Sent as multipart to `POST /admin/medias` (JSON answer, `altRequired=1` so the
 * server requires the alt text too), without leaving the article; problems are shown beside
 * their fields.
 */
import { attachFocalPicker } from '../media/focal-point.ts';
import { type ImageInfo, rememberImages } from './image-registry.ts';

interface UploadAnswer {
  item?: ImageInfo;
  created?: boolean;
  error?: { message?: string; details?: { fields?: Record<string, string> } };
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** One labelled field; returns the wrapper and the control. */
function field(
  id: string,
  name: string,
  label: string,
  hint: string,
  control: HTMLInputElement | HTMLTextAreaElement,
): { wrap: HTMLElement; control: HTMLInputElement | HTMLTextAreaElement } {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  const labelEl = document.createElement('label');
  labelEl.htmlFor = `${id}-${name}`;
  labelEl.textContent = label;
  control.id = `${id}-${name}`;
  control.name = name;
  wrap.append(labelEl);
  if (hint) {
    const hintEl = document.createElement('p');
    hintEl.className = 'field__hint';
    hintEl.id = `${control.id}-aide`;
    hintEl.textContent = hint;
    control.setAttribute('aria-describedby', hintEl.id);
    wrap.append(hintEl);
  }
  wrap.append(control);
  return { wrap, control };
}

function textInput(): HTMLInputElement {
  return Object.assign(document.createElement('input'), { type: 'text', autocomplete: 'off' });
}

function setError(control: HTMLElement, message: string | null): void {
  const errorId = `${control.id}-erreur`;
  document.getElementById(errorId)?.remove();
  const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== errorId);
  if (!message) {
    control.removeAttribute('aria-invalid');
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
    return;
  }
  const error = document.createElement('p');
  error.className = 'field__error';
  error.id = errorId;
  error.textContent = message;
  control.before(error);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [...described, errorId].join(' '));
}

/**
 * Builds the upload section of a picker dialog (`id` prefixes its ids); `chosen` is called with
 * the stored image once it may be used.
 */
export function renderPickerUpload(id: string, chosen: (image: ImageInfo) => void): HTMLElement {
  const section = document.createElement('details');
  section.className = 'picker-upload';
  const summary = document.createElement('summary');
  summary.textContent = 'Ajouter une nouvelle image';
  const form = document.createElement('form');
  form.className = 'picker-upload__form';
  form.noValidate = true;

  const file = Object.assign(document.createElement('input'), { type: 'file', accept: ACCEPT, required: true });
  const fileField = field(id, 'file', 'Fichier de l’image', 'JPEG, PNG, WebP, GIF ou AVIF.', file);
  const preview = document.createElement('div');
  preview.className = 'picker-upload__preview';
  preview.hidden = true;
  const focalX = Object.assign(document.createElement('input'), { type: 'hidden', name: 'focalX', value: '0.5' });
  const focalY = Object.assign(document.createElement('input'), { type: 'hidden', name: 'focalY', value: '0.5' });
  const credit = field(id, 'credit', 'Crédit (obligatoire)', 'Qui a pris ou fourni l’image (ex. « AFP / Jeanne Martin »).', textInput());
  const alt = field(id, 'alt', 'Texte alternatif (obligatoire)', 'Ce que montre l’image, pour qui ne la voit pas.', textInput());
  const caption = field(id, 'caption', 'Légende (facultative)', '', document.createElement('textarea'));
  (caption.control as HTMLTextAreaElement).rows = 2;
  for (const control of [credit.control, alt.control]) control.required = true;
  const status = document.createElement('p');
  status.className = 'picker-upload__status';
  status.setAttribute('role', 'status');
  const submit = Object.assign(document.createElement('button'), {
    type: 'submit',
    className: 'button',
    textContent: 'Ajouter et choisir cette image',
  });
  const row = document.createElement('div');
  row.className = 'button-row';
  row.append(submit);
  form.append(fileField.wrap, preview, focalX, focalY, credit.wrap, alt.wrap, caption.wrap, row, status);
  section.append(summary, form);

  // The preview is read as a data: URL, which the back office's CSP allows for images (blob: is not).
  let reading = 0;
  file.addEventListener('change', () => {
    setError(file, null);
    preview.replaceChildren();
    const chosenFile = file.files?.[0];
    preview.hidden = !chosenFile;
    reading += 1;
    if (!chosenFile) return;
    const turn = reading;
    focalX.value = '0.5';
    focalY.value = '0.5';
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      if (turn !== reading || typeof reader.result !== 'string') return;
      const picker = document.createElement('div');
      picker.className = 'focal-picker';
      const image = Object.assign(document.createElement('img'), { src: reader.result, alt: '', className: 'focal-picker__image' });
      const marker = document.createElement('span');
      marker.className = 'focal-picker__marker';
      picker.append(image, marker);
      const help = document.createElement('p');
      help.className = 'field__hint';
      help.textContent = 'Point focal : cliquez sur l’image (au clavier : le repère, puis les flèches). Tous les recadrages le garderont.';
      preview.append(picker, help);
      attachFocalPicker({ image, marker, fieldX: focalX, fieldY: focalY });
    });
    reader.readAsDataURL(chosenFile);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // The form sits inside the picker dialog, itself outside the article form: nothing else is sent.
    event.stopPropagation();
    const problems: [HTMLElement, string | null][] = [
      [file, file.files?.length ? null : 'Choisissez le fichier de l’image.'],
      [credit.control, credit.control.value.trim() ? null : 'Le crédit est obligatoire : qui a pris ou fourni cette image.'],
      [alt.control, alt.control.value.trim() ? null : 'Le texte alternatif est obligatoire : décrivez ce que montre l’image.'],
    ];
    for (const [control, message] of problems) setError(control, message);
    const first = problems.find(([, message]) => message);
    if (first) {
      status.textContent = 'L’image n’a pas été ajoutée : complétez les champs signalés.';
      first[0].focus();
      return;
    }
    // Text fields first, the file last: the server can refuse a wrong file and still name the fields.
    const data = new FormData();
    data.append('credit', credit.control.value);
    data.append('alt', alt.control.value);
    data.append('caption', caption.control.value);
    data.append('focalX', focalX.value);
    data.append('focalY', focalY.value);
    data.append('altRequired', '1');
    const picked = file.files![0];
    data.append('file', picked, picked.name);
    submit.disabled = true;
    status.textContent = 'Envoi de l’image…';
    let response: Response;
    let answer: UploadAnswer;
    try {
      response = await fetch('/admin/medias', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': csrfToken() },
        body: data,
      });
      answer = (await response.json().catch(() => ({}))) as UploadAnswer;
    } catch {
      status.textContent = 'L’envoi a été interrompu : vérifiez la connexion et réessayez.';
      submit.disabled = false;
      return;
    }
    submit.disabled = false;
    if (response.ok && answer.item) {
      const item = answer.item;
      rememberImages([item]);
      if (answer.created) {
        chosen(item);
        return;
      }
      // The same picture was already there: its own credit and alt text apply, say which.
      status.textContent = `Cette image était déjà dans la médiathèque, avec le crédit « ${item.credit} » et le texte alternatif « ${item.alt || 'aucun'} » : ce sont eux qui s’appliquent (corrigez-les depuis sa fiche).`;
      const use = Object.assign(document.createElement('button'), {
        type: 'button',
        className: 'button button--quiet',
        textContent: 'Choisir cette image',
      });
      use.addEventListener('click', () => chosen(item));
      row.append(use);
      use.focus();
      return;
    }
    const fields = answer.error?.details?.fields ?? {};
    const controls: Record<string, HTMLElement> = { file, credit: credit.control, alt: alt.control, caption: caption.control };
    for (const [name, message] of Object.entries(fields)) if (controls[name]) setError(controls[name], message);
    if (!Object.keys(fields).length && [413, 415, 422].includes(response.status))
      setError(file, answer.error?.message ?? 'Fichier refusé.');
    status.textContent = `L’image n’a pas été ajoutée : ${answer.error?.message ?? `erreur ${response.status}`}`;
  });
  return section;
}
