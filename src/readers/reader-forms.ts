import { html } from '../core/html/html.ts';

/** A labelled field for the public reader forms; its error (and hint) linked by aria-describedby. */
export function readerField(o: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email';
  autocomplete?: string;
  maxLength?: number;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  id?: string;
}): string {
  const id = o.id ?? `champ-${o.name}`;
  const described = [o.hint ? `${id}-aide` : '', o.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const attrs = [
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : '',
    o.maxLength ? html` maxlength="${String(o.maxLength)}"` : '',
    o.required ? ' required' : '',
    described ? html` aria-describedby="${described}"` : '',
    o.error ? ' aria-invalid="true"' : '',
  ].join('');
  const hint = o.hint ? html`<span class="form-field__hint" id="${id}-aide">${o.hint}</span>` : '';
  const error = o.error ? html`<span class="form-field__error" id="${id}-erreur">${o.error}</span>` : '';
  const control = o.multiline
    ? html`<textarea id="${id}" name="${o.name}" rows="${String(o.rows ?? 5)}"!${attrs}>${o.value ?? ''}</textarea>`
    : html`<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"!${attrs}>`;
  return html`<div class="form-field"><label for="${id}">${o.label}</label>!${hint}!${error}!${control}</div>`;
}

/** The hidden CSRF field of a form. */
export function csrfHidden(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/**
 * The proof-of-work slot of a form: the island solves a challenge and fills the hidden field.
 * Without JavaScript the field stays empty, and the server applies stricter limits instead.
 */
export function proofOfWorkField(): string {
  return html`<input type="hidden" name="altcha" value="" data-pow><p class="form-pow" data-pow-status role="status" aria-live="polite"></p>`;
}

/** A message at the top of a form: an error (role alert) or a confirmation (role status). */
export function formMessage(kind: 'error' | 'ok', text: string | null | undefined): string {
  if (!text) return '';
  return kind === 'error'
    ? html`<p class="form-message form-message--error" role="alert">${text}</p>`
    : html`<p class="form-message form-message--ok" role="status">${text}</p>`;
}
