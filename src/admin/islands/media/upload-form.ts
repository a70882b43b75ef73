// Upload forms of the media library (`form[data-media-upload]`): a drop zone around the file input,
// and sending through XMLHttpRequest (which, unlike fetch, reports upload progress) with errors
// shown beside their fields. Without JavaScript the same forms post and the server answers with
// the page (redirect on success, the form again with its errors otherwise).

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
}

function csrfToken(form: HTMLFormElement): string {
  return new URL(form.action, location.href).searchParams.get('_csrf') ?? '';
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}\u00a0Ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0Mo`;
}

/** Shows the chosen file's name and size in the zone's live region. */
function describeChoice(zone: HTMLElement, input: HTMLInputElement): void {
  const status = zone.querySelector<HTMLElement>('[data-drop-status]');
  const file = input.files?.[0];
  if (status) status.textContent = file ? `Fichier choisi\u00a0: ${file.name} (${formatSize(file.size)})` : '';
}

function enhanceDropZone(zone: HTMLElement): void {
  const input = zone.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) return;
  zone.classList.add('media-drop--active');
  zone.querySelector<HTMLElement>('[data-drop-invite]')?.removeAttribute('hidden');
  input.addEventListener('change', () => describeChoice(zone, input));

  let depth = 0; // dragenter/dragleave fire for every child: count them to know when the pointer really left
  zone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth++;
    zone.classList.add('media-drop--over');
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove('media-drop--over');
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    zone.classList.remove('media-drop--over');
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0) return;
    // One file per upload: keep the first one dropped.
    const transfer = new DataTransfer();
    transfer.items.add(files[0]);
    input.files = transfer.files;
    describeChoice(zone, input);
    clearFieldError(input);
  });
}

function clearFieldError(control: HTMLElement): void {
  control.removeAttribute('aria-invalid');
  const errorId = `${control.id}-erreur`;
  document.getElementById(errorId)?.remove();
  const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== errorId);
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  else control.removeAttribute('aria-describedby');
}

function showFieldError(form: HTMLFormElement, name: string, message: string): void {
  const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  if (!control) return;
  clearFieldError(control);
  const error = document.createElement('span');
  error.className = 'field__error';
  error.id = `${control.id}-erreur`;
  error.textContent = message;
  control.before(error);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
}

function showSummary(form: HTMLFormElement, message: string | null): void {
  form.querySelector('[data-upload-summary]')?.remove();
  // Errors the server drew (a post without JavaScript) are replaced too.
  form.querySelector(':scope > .notice--error')?.remove();
  if (!message) return;
  const summary = document.createElement('div');
  summary.className = 'notice notice--error';
  summary.setAttribute('role', 'alert');
  summary.dataset.uploadSummary = '';
  const p = document.createElement('p');
  p.textContent = message;
  summary.append(p);
  form.prepend(summary);
}

/** Text fields first, the file last: the server can then refuse a wrong file and still show the fields. */
function orderedFormData(form: HTMLFormElement): FormData {
  const source = new FormData(form);
  const data = new FormData();
  for (const [name, value] of source) if (typeof value === 'string') data.append(name, value);
  for (const [name, value] of source) if (typeof value !== 'string' && value.size > 0) data.append(name, value, value.name);
  return data;
}

function send(form: HTMLFormElement, progress: HTMLProgressElement | null): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('x-csrf-token', csrfToken(form));
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (progress && event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => resolve({ status: request.status, body: request.response as unknown }));
    request.addEventListener('error', () => reject(new Error('network')));
    request.send(orderedFormData(form));
  });
}

function enhanceForm(form: HTMLFormElement): void {
  for (const zone of form.querySelectorAll<HTMLElement>('[data-drop-zone]')) enhanceDropZone(zone);
  const progress = form.querySelector<HTMLProgressElement>('[data-upload-progress]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const control of form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) clearFieldError(control);
    showSummary(form, null);
    const file = form.querySelector<HTMLInputElement>('input[type="file"]');
    if (file && !file.files?.length) {
      showFieldError(form, 'file', 'Choisissez un fichier ou déposez-le ici.');
      showSummary(form, 'Choisissez un fichier à envoyer.');
      file.focus();
      return;
    }
    if (button) button.disabled = true;
    if (progress) {
      progress.value = 0;
      progress.hidden = false;
    }
    try {
      const { status, body } = await send(form, progress);
      if (status === 200 || status === 201) {
        // The screen of the new medium, with the notice the server words ("Image ajoutée"…).
        const target = (body as { editUrl?: string } | null)?.editUrl;
        const [added, existing] = form.action.includes('/fichiers') ? ['ajoute', 'existant'] : ['ajoutee', 'existante'];
        location.assign(target ? `${target}?ok=${status === 201 ? added : existing}` : '/admin/medias');
        return;
      }
      const error = (body as ErrorBody | null)?.error;
      // Validation errors list their problems as [{ path, message }]; the first per field is shown.
      const fields: Record<string, string> = {};
      for (const problem of Array.isArray(error?.details) ? error.details : [])
        fields[problem.path.split('.')[0] || 'form'] ??= problem.message;
      for (const [name, message] of Object.entries(fields)) showFieldError(form, name, message);
      // A refused file (type, size, pixels) is said next to the file input too.
      if (!Object.keys(fields).length && error?.message && [413, 415, 422].includes(status)) showFieldError(form, 'file', error.message);
      showSummary(form, error?.message ?? `L’envoi a échoué (erreur ${status}).`);
    } catch {
      showSummary(form, 'L’envoi a été interrompu : vérifiez la connexion et réessayez.');
    } finally {
      if (button) button.disabled = false;
      if (progress) progress.hidden = true;
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-media-upload]')) enhanceForm(form);
