import { html } from '../core/html/html.ts';
import type { FieldErrors } from './curation-validation.ts';

/** What every field takes: its name, label, current value and error. */
interface FieldBase {
  name: string;
  label: string;
  value?: string | number | null;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** Overrides the id derived from the name (several forms on one page). */
  id?: string;
}

/** The id of a field's input, shared by labels and the error summary's links. */
export function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function fieldChrome(id: string, f: FieldBase): { error?: string; hint: string; errorHtml: string; attrs: string } {
  const error = f.errors?.[f.name];
  const described = describedBy(id, f.hint, error);
  return {
    error,
    hint: f.hint ? html`<span class="field__hint" id="${id}-aide">${f.hint}</span>` : '',
    errorHtml: error ? html`<span class="field__error" id="${id}-erreur">${error}</span>` : '',
    attrs: `${described ? html` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}${f.required ? ' required' : ''}`,
  };
}

/** A labelled single-line input with its hint and error, linked by aria-describedby. */
export function textField(
  f: FieldBase & {
    type?: 'text' | 'url' | 'number' | 'datetime-local' | 'search';
    maxLength?: number;
    autocomplete?: string;
    inputmode?: string;
  },
): string {
  const id = f.id ?? fieldId(f.name);
  const c = fieldChrome(id, f);
  const extra = `${f.maxLength ? html` maxlength="${f.maxLength}"` : ''}${f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''}${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}`;
  return html`<div class="field"><label for="${id}">${f.label}</label>!${c.hint}!${c.errorHtml}<input type="${f.type ?? 'text'}" id="${id}" name="${f.name}" value="${f.value ?? ''}"!${extra}!${c.attrs}></div>`;
}

/** A labelled multi-line text area. */
export function textareaField(f: FieldBase & { rows?: number; maxLength?: number; dataEditor?: boolean; className?: string }): string {
  const id = f.id ?? fieldId(f.name);
  const c = fieldChrome(id, f);
  const extra = `${f.maxLength ? html` maxlength="${f.maxLength}"` : ''}${f.dataEditor ? ' data-editor' : ''}${f.className ? html` class="${f.className}"` : ''}`;
  return html`<div class="field"><label for="${id}">${f.label}</label>!${c.hint}!${c.errorHtml}<textarea id="${id}" name="${f.name}" rows="${f.rows ?? 4}"!${extra}!${c.attrs}>${f.value ?? ''}</textarea></div>`;
}

/** A labelled select; `value` picks the selected option. */
export function selectField(f: FieldBase & { options: readonly { value: string; label: string }[] }): string {
  const id = f.id ?? fieldId(f.name);
  const c = fieldChrome(id, f);
  const current = f.value === null || f.value === undefined ? '' : String(f.value);
  return html`<div class="field"><label for="${id}">${f.label}</label>!${c.hint}!${c.errorHtml}<select id="${id}" name="${f.name}"!${c.attrs}>!${f.options.map(
    (o) => html`<option value="${o.value}"${o.value === current ? ' selected' : ''}>${o.label}</option>`,
  )}</select></div>`;
}

/** A group of radio buttons in a fieldset. */
export function radioField(f: FieldBase & { options: readonly { value: string; label: string }[] }): string {
  const id = f.id ?? fieldId(f.name);
  const c = fieldChrome(id, f);
  const current = f.value === null || f.value === undefined ? '' : String(f.value);
  const describedAttr = describedBy(id, f.hint, c.error);
  return html`<fieldset class="field field--radios"!${describedAttr ? html` aria-describedby="${describedAttr}"` : ''}><legend>${f.label}</legend>!${c.hint}!${c.errorHtml}!${f.options.map(
    (o, i) =>
      html`<label class="radio"><input type="radio" name="${f.name}" value="${o.value}" id="${i === 0 ? id : `${id}-${i}`}"${o.value === current ? ' checked' : ''}> ${o.label}</label>`,
  )}</fieldset>`;
}

/** The hidden CSRF input every form carries. */
export function csrfInput(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/**
 * The list of errors at the top of a form, each linking to its field; `labels` names the fields in
 * the order of the form (errors on unknown fields are listed last, unlinked).
 */
export function errorSummary(errors: FieldErrors | undefined, labels: Record<string, string>): string {
  if (!errors || Object.keys(errors).length === 0) return '';
  const items = Object.entries(errors).map(([name, message]) => {
    const label = labels[name] ?? labels[name.split('.')[0]];
    return label ? html`<li><a href="#${fieldId(name)}">${label} : ${message}</a></li>` : html`<li>${message}</li>`;
  });
  return html`<div class="notice notice--error" role="alert" tabindex="-1" id="erreurs"><h2 class="notice__title">Le formulaire contient ${items.length > 1 ? `${items.length} erreurs` : 'une erreur'}</h2><ul>!${items}</ul></div>`;
}

/** A success notice after a redirect. */
export function okNotice(message: string | null): string {
  return message ? html`<p class="notice notice--ok" role="status">${message}</p>` : '';
}
