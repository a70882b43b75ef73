import { html } from '../core/html/html.ts';

/** A labelled <select>; its error is linked by aria-describedby. */
export function selectField(options: {
  name: string;
  label: string;
  choices: { value: string; label: string }[];
  selected?: string;
  error?: string;
  hint?: string;
  id?: string;
}): string {
  const id = options.id ?? `champ-${options.name}`;
  const described = [options.hint ? `${id}-aide` : '', options.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const hint = options.hint ? html`<span class="field__hint" id="${id}-aide">${options.hint}</span>` : '';
  const error = options.error ? html`<span class="field__error" id="${id}-erreur">${options.error}</span>` : '';
  const choices = options.choices
    .map((c) => html`<option value="${c.value}"!${c.value === options.selected ? ' selected' : ''}>${c.label}</option>`)
    .join('');
  const aria = [described ? html` aria-describedby="${described}"` : '', options.error ? ' aria-invalid="true"' : ''].join('');
  return html`<div class="field"><label for="${id}">${options.label}</label>!${hint}!${error}<select id="${id}" name="${options.name}"!${aria}>!${choices}</select></div>`;
}
