/**
 * Autosave of the editor form: every few seconds, if anything changed, the fields are sent as
 * JSON with the revision they were based on (`POST /admin/articles/:id/autosave`, or
 * `POST /admin/articles` for a new article, after which the address becomes the article's).
 * One save at a time, changes typed meanwhile are sent next (SaveQueue). A stale revision opens
 * the conflict dialog. A copy of the unsaved state stays in localStorage until the server has
 * it, and is offered back after a crash. A new article's form carries a draft key that every
 * first save sends, so the server makes one article of it however the saves race.
 */
import { formatTimeFr } from '../../../core/text/dates.ts';
import { type SaveOutcome, SaveQueue, type SaveStatus } from './save-queue.ts';

const INTERVAL_MS = 4000;
/** Sent only by the explicit "Enregistrer": a correction note is permanent, a half-typed one must not be saved. */
const NOT_AUTOSAVED = new Set(['_csrf', 'revision', 'newCorrection']);

export type FieldMap = Record<string, string | string[]>;

/** The form's fields as the server's valuesFromFields reads them (repeated names become arrays). */
export function collectFields(form: HTMLFormElement): FieldMap {
  const fields: FieldMap = {};
  for (const [name, value] of new FormData(form)) {
    if (NOT_AUTOSAVED.has(name) || typeof value !== 'string') continue;
    const existing = fields[name];
    if (existing === undefined) fields[name] = name === 'authorPersonIds' || name === 'authorPosition' ? [value] : value;
    else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

export interface AutosaveOptions {
  form: HTMLFormElement;
  status: HTMLElement;
  /** Restores a body document into the editor (when a local copy is restored). */
  setBody?: (json: unknown) => void;
}

interface ConflictDetails {
  /** The article the conflict is about (named when a new article's first save meets an existing one). */
  articleId?: number;
  currentRevision?: number;
  /** The comparison and the two choices, rendered by the server (conflict-view.ts). */
  comparisonHtml?: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ConflictDetails };
}

/** Starts autosaving the form; returns the queue (tests and the workflow buttons flush it). */
export function startAutosave(options: AutosaveOptions): SaveQueue {
  const { form, status } = options;
  const revisionInput = form.querySelector<HTMLInputElement>('[data-revision]')!;
  const csrf =
    (document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ||
      (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value) ??
    '';
  const backupKey = () => `kiosque:article:${form.dataset.articleId || 'nouveau'}`;
  const isNew = () => !form.dataset.articleId;

  const setStatus = (text: string, kind: string) => {
    status.textContent = text;
    status.dataset.state = kind;
  };

  async function send(): Promise<SaveOutcome> {
    const fields = collectFields(form);
    if (isNew() && (!String(fields.headline ?? '').trim() || !String(fields.sectionId ?? '').trim())) {
      return { kind: 'invalid', message: 'Donnez un titre et une rubrique pour que l’article s’enregistre.' };
    }
    const url = isNew() ? '/admin/articles' : `/admin/articles/${form.dataset.articleId}/autosave`;
    const payload = isNew() ? { fields } : { revision: Number(revisionInput.value), fields };
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(payload),
      });
    } catch {
      return { kind: 'failed', message: 'Hors ligne : modifications gardées sur cet appareil, nouvel essai dans quelques secondes.' };
    }
    const body = (await response.json().catch(() => ({}))) as ErrorBody & { id?: number; revision?: number };
    if (response.ok && typeof body.revision === 'number') {
      revisionInput.value = String(body.revision);
      if (isNew() && typeof body.id === 'number') becomeArticle(body.id);
      return { kind: 'saved', revision: body.revision };
    }
    if (response.status === 409) {
      // A first save of this form that lost to another one (a duplicated tab): the article exists, edit it.
      const articleId = (body.error?.details as ConflictDetails | undefined)?.articleId;
      if (isNew() && typeof articleId === 'number') becomeArticle(articleId);
      return { kind: 'conflict', details: body.error?.details };
    }
    const message = body.error?.message ?? `Erreur ${response.status}`;
    if (response.status === 422 || response.status === 400) return { kind: 'invalid', message };
    return { kind: 'failed', message };
  }

  /** The first save of a new article created it: from now on this page edits that article. */
  function becomeArticle(id: number): void {
    localStorage.removeItem(backupKey());
    form.dataset.articleId = String(id);
    form.action = `/admin/articles/${id}`;
    history.replaceState(null, '', `/admin/articles/${id}`);
    void showWorkflowPanel(id);
  }

  /** The new article's workflow steps (Soumettre…), taken from its own page, so no reload is needed. */
  async function showWorkflowPanel(id: number): Promise<void> {
    if (document.querySelector('section.workflow')) return;
    try {
      const response = await fetch(`/admin/articles/${id}`, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const panel = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('section.workflow');
      if (!panel || document.querySelector('section.workflow')) return;
      const imported = document.importNode(panel, true);
      form.before(imported);
      for (const workflowForm of Array.from(imported.querySelectorAll<HTMLFormElement>('[data-workflow-form]'))) {
        workflowForm.addEventListener('submit', beforeSubmit(workflowForm));
      }
    } catch {
      // Without the panel, the steps appear at the next visit of the page.
    }
  }

  const queue = new SaveQueue({
    save: send,
    onStatus: (s: SaveStatus) => {
      switch (s.kind) {
        case 'dirty':
          setStatus('Modifications non enregistrées.', 'dirty');
          break;
        case 'saving':
          setStatus('Enregistrement…', 'saving');
          break;
        case 'saved':
          setStatus(`Enregistré à ${formatTimeFr(s.at)}.`, 'saved');
          localStorage.removeItem(backupKey());
          break;
        case 'conflict':
          setStatus('Conflit : quelqu’un d’autre a enregistré cet article.', 'conflict');
          showConflict(s.details as ConflictDetails | undefined);
          break;
        case 'invalid':
          setStatus(`Non enregistré : ${s.message}`, 'invalid');
          break;
        case 'failed':
          setStatus(`Non enregistré : ${s.message}`, 'failed');
          break;
        case 'clean':
          break;
      }
    },
  });

  function showConflict(details: ConflictDetails | undefined): void {
    const dialog = document.createElement('dialog');
    dialog.className = 'conflict-dialog';
    dialog.setAttribute('aria-labelledby', 'conflit-titre');
    // Server-rendered with every text escaped (conflict-view.ts).
    dialog.innerHTML = `<div class="conflict-dialog__inner"><h2 id="conflit-titre">Conflit : l’article a changé pendant que vous l’éditiez</h2>${details?.comparisonHtml ?? ''}</div>`;
    document.body.append(dialog);
    dialog.addEventListener('cancel', (event) => event.preventDefault()); // a choice must be made
    dialog.querySelector<HTMLButtonElement>('[data-conflict-keep]')?.addEventListener('click', (event) => {
      revisionInput.value = (event.currentTarget as HTMLButtonElement).dataset.conflictKeep ?? String(details?.currentRevision ?? '');
      dialog.close();
      dialog.remove();
      queue.resolveConflict();
      void queue.flush();
    });
    dialog.querySelector<HTMLButtonElement>('[data-conflict-theirs]')?.addEventListener('click', () => {
      localStorage.removeItem(backupKey());
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      location.reload();
    });
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('[data-conflict-keep]')?.focus();
  }

  // Local copy: written shortly after each change, removed once the server has the state.
  let backupTimer: ReturnType<typeof setTimeout> | undefined;
  const writeBackup = () => {
    clearTimeout(backupTimer);
    backupTimer = setTimeout(() => {
      try {
        localStorage.setItem(
          backupKey(),
          JSON.stringify({ savedAt: new Date().toISOString(), revision: revisionInput.value, fields: collectFields(form) }),
        );
      } catch {
        // Storage full or disabled: the server copy is what matters.
      }
    }, 500);
  };

  const changed = (event: Event) => {
    const target = event.target as HTMLInputElement | null;
    if (target?.name && NOT_AUTOSAVED.has(target.name)) return;
    queue.markChanged();
    writeBackup();
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('kiosque:body-change', changed);

  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (queue.hasUnsavedChanges) event.preventDefault();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  setInterval(() => void queue.flush(), INTERVAL_MS);
  // Leaving the tab: save now rather than in a few seconds.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void queue.flush();
  });

  // The explicit "Enregistrer" and the workflow buttons first wait for the autosave, so the
  // revision they carry is the latest (no conflict with one's own autosave) and a workflow step
  // applies to what is on screen.
  let submitting = false;
  const beforeSubmit = (target: HTMLFormElement) => async (event: SubmitEvent) => {
    // A second click while the first is waiting for the autosave would post the form twice.
    if (submitting) {
      event.preventDefault();
      return;
    }
    if (target.dataset.confirm && !window.confirm(target.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    const isMain = target === form;
    if (!isMain && !queue.hasUnsavedChanges) return;
    event.preventDefault();
    submitting = true;
    try {
      await queue.flush();
    } finally {
      submitting = false;
    }
    if (queue.inConflict) return;
    // A refused autosave stops a workflow step (the status says why); the main form still posts,
    // and the server shows each problem next to its field.
    if (!isMain && queue.hasUnsavedChanges) return;
    submitting = true;
    if (isMain) localStorage.removeItem(backupKey());
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    HTMLFormElement.prototype.submit.call(target);
  };
  form.addEventListener('submit', beforeSubmit(form));
  // Back from the next page (back/forward cache): the form may be sent again.
  window.addEventListener('pageshow', () => {
    submitting = false;
  });
  for (const workflowForm of Array.from(document.querySelectorAll<HTMLFormElement>('[data-workflow-form]'))) {
    workflowForm.addEventListener('submit', beforeSubmit(workflowForm));
  }

  offerBackup(form, backupKey(), options.setBody, () => {
    queue.markChanged();
    void queue.flush();
  });
  return queue;
}

/** After a crash: a local copy that differs from what the server gave is offered back. */
function offerBackup(form: HTMLFormElement, key: string, setBody: ((json: unknown) => void) | undefined, restored: () => void): void {
  let backup: { savedAt: string; fields: FieldMap } | null = null;
  try {
    backup = JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    backup = null;
  }
  if (!backup?.fields) return;
  if (JSON.stringify(backup.fields) === JSON.stringify(collectFields(form))) {
    localStorage.removeItem(key);
    return;
  }
  const notice = document.createElement('div');
  notice.className = 'notice notice--warn';
  notice.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = `Une copie non enregistrée de cet article est restée sur cet appareil (${new Date(backup.savedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}).`;
  const restore = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'button',
    textContent: 'Restaurer ma copie',
  });
  const drop = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'button button--quiet',
    textContent: 'Ignorer',
  });
  const row = document.createElement('div');
  row.className = 'button-row';
  row.append(restore, drop);
  notice.append(text, row);
  form.before(notice);
  drop.addEventListener('click', () => {
    localStorage.removeItem(key);
    notice.remove();
  });
  restore.addEventListener('click', () => {
    applyFields(form, backup!.fields, setBody);
    notice.remove();
    restored();
  });
}

/** Puts saved field values back into the form (and the body into the editor). */
function applyFields(form: HTMLFormElement, fields: FieldMap, setBody?: (json: unknown) => void): void {
  for (const [name, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    const controls = Array.from(
      form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`),
    );
    if (name === 'body' && setBody) {
      try {
        setBody(JSON.parse(values[0]));
      } catch {
        // Keep the current body if the copy's is unreadable.
      }
      continue;
    }
    controls.forEach((control, i) => {
      if (control instanceof HTMLInputElement && control.type === 'radio') control.checked = control.value === values[0];
      else if (values[i] !== undefined) control.value = values[i];
    });
  }
  form.dispatchEvent(new Event('input', { bubbles: true }));
}
