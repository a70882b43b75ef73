import { html } from '../core/html/html.ts';
import type { MediaUsage } from './image-usage.ts';

/** What a form field renders: the value as typed and its error, if any. */
export interface FieldOptions {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  maxLength?: number;
  /** A textarea instead of a one-line input. */
  multiline?: boolean;
  /** Number inputs for the focal point. */
  number?: { min: number; max: number; step: number };
  /** Prefix of the element ids, when one page has two forms with the same field names. */
  idPrefix?: string;
}

/** A labelled field whose hint and error are tied to it with aria-describedby. */
export function field(options: FieldOptions): string {
  const id = `${options.idPrefix ?? 'media'}-${options.name}`;
  const described = [options.hint ? `${id}-aide` : '', options.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const attributes = [
    options.required ? ' required' : '',
    options.maxLength ? html` maxlength="${String(options.maxLength)}"` : '',
    options.number
      ? html` min="${String(options.number.min)}" max="${String(options.number.max)}" step="${String(options.number.step)}" inputmode="decimal"`
      : '',
    described ? html` aria-describedby="${described}"` : '',
    options.error ? ' aria-invalid="true"' : '',
  ].join('');
  const value = options.value ?? '';
  const control = options.multiline
    ? html`<textarea id="${id}" name="${options.name}" rows="3"!${attributes}>${value}</textarea>`
    : html`<input type="${options.number ? 'number' : 'text'}" id="${id}" name="${options.name}" value="${value}"!${attributes}>`;
  return html`<div class="field"><label for="${id}">${options.label}!${options.required ? html` <span class="media-required">(obligatoire)</span>` : ''}</label>!${
    options.hint ? html`<span class="field__hint" id="${id}-aide">${options.hint}</span>` : ''
  }!${options.error ? html`<span class="field__error" id="${id}-erreur">${options.error}</span>` : ''}!${control}</div>`;
}

/** The hidden CSRF field of a urlencoded back-office form. */
export function csrfField(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A form-level error summary (role="alert" so it is read out after a failed post). */
export function errorSummary(message: string | undefined): string {
  return message ? html`<div class="notice notice--error" role="alert"><p>${message}</p></div>` : '';
}

/** Where a medium is used, as a list of links to the screens that use it. */
export function usageList(uses: readonly MediaUsage[]): string {
  const kinds: Record<MediaUsage['kind'], string> = {
    article: 'Article',
    person: 'Auteur',
    dossier: 'Dossier',
    page: 'Page',
    settings: 'Publication',
  };
  return html`<ul class="media-usage">!${uses.map(
    (u) =>
      html`<li><span class="badge">${kinds[u.kind]}</span> <a href="${u.href}">${u.label}</a> <span class="media-usage__role">(${u.role})</span></li>`,
  )}</ul>`;
}

/** A size in French units ("1,5 Mo"). */
export { formatBytes } from './media-limits.ts';

/** A duration as "1 h 02 min 05 s", "3 min 07 s" or "42 s"; "durée inconnue" when absent. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'durée inconnue';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h) return `${h}\u00a0h\u00a0${pad(m)}\u00a0min\u00a0${pad(s)}\u00a0s`;
  if (m) return `${m}\u00a0min\u00a0${pad(s)}\u00a0s`;
  return `${s}\u00a0s`;
}
