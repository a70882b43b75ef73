/**
 * Form controls of the editor with their label, hint and errors wired for assistive technology:
 * the control's aria-describedby names the hint and the error, aria-invalid marks a refused value.
 */
import { html } from '../../core/html/html.ts';

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  errors?: readonly string[];
  /** Shown as a live counter by the island; the limit is also written in the hint for those without JavaScript. */
  counter?: { max: number; recommended?: number };
  required?: boolean;
  /** Extra classes on the wrapping .field. */
  className?: string;
}

/** The ids the control's aria-describedby lists, and the markup of the hint and error lines. */
function describe(options: FieldOptions): { describedBy: string; hint: string; error: string; invalid: boolean } {
  const ids: string[] = [];
  let hint = '';
  if (options.hint || options.counter) {
    ids.push(`${options.id}-aide`);
    const limit = options.counter ? `${options.counter.max} caractères au plus.` : '';
    const counter = options.counter
      ? html` <span class="field__counter" data-counter-for="${options.id}" data-max="${String(options.counter.max)}" data-recommended="${String(options.counter.recommended ?? '')}">${limit}</span>`
      : '';
    hint = html`<p class="field__hint" id="${options.id}-aide">${options.hint ?? ''}!${counter}</p>`;
  }
  const errors = options.errors ?? [];
  let error = '';
  if (errors.length > 0) {
    ids.push(`${options.id}-erreur`);
    error = html`<p class="field__error" id="${options.id}-erreur">${errors.join(' ')}</p>`;
  }
  return { describedBy: ids.join(' '), hint, error, invalid: errors.length > 0 };
}

function attributes(options: FieldOptions, d: ReturnType<typeof describe>): string {
  return (
    (d.describedBy ? html` aria-describedby="${d.describedBy}"` : '') +
    (d.invalid ? ' aria-invalid="true"' : '') +
    (options.required ? ' required' : '')
  );
}

/** A one-line text input. */
export function textField(
  options: FieldOptions & { type?: 'text' | 'url' | 'number' | 'datetime-local'; inputMode?: string; autocomplete?: string },
): string {
  const d = describe(options);
  const extra = (options.inputMode ? html` inputmode="${options.inputMode}"` : '') + html` autocomplete="${options.autocomplete ?? 'off'}"`;
  return html`<div class="field !${options.className ?? ''}"><label for="${options.id}">${options.label}</label>!${d.hint}!${d.error}<input type="${options.type ?? 'text'}" id="${options.id}" name="${options.name}" value="${options.value}"!${attributes(options, d)}!${extra}></div>`;
}

/** A multi-line text area. */
export function textArea(options: FieldOptions & { rows?: number }): string {
  const d = describe(options);
  return html`<div class="field !${options.className ?? ''}"><label for="${options.id}">${options.label}</label>!${d.hint}!${d.error}<textarea id="${options.id}" name="${options.name}" rows="${String(options.rows ?? 3)}"!${attributes(options, d)}>${options.value}</textarea></div>`;
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A select; options may be grouped (optgroup) by passing groups. */
export function selectField(
  options: FieldOptions & { choices: readonly SelectOption[] | ReadonlyArray<{ group: string; choices: readonly SelectOption[] }> },
): string {
  const d = describe(options);
  return html`<div class="field !${options.className ?? ''}"><label for="${options.id}">${options.label}</label>!${d.hint}!${d.error}<select id="${options.id}" name="${options.name}"!${attributes(options, d)}>!${renderOptions(options.choices, options.value)}</select></div>`;
}

/** The <option>s (and <optgroup>s) of a select, with `selected` on the current value. */
export function renderOptions(
  choices: readonly SelectOption[] | ReadonlyArray<{ group: string; choices: readonly SelectOption[] }>,
  value: string,
): string {
  return choices
    .map((choice) =>
      'group' in choice
        ? html`<optgroup label="${choice.group}">!${renderOptions(choice.choices, value)}</optgroup>`
        : html`<option value="${choice.value}"!${choice.value === value ? ' selected' : ''}>${choice.label}</option>`,
    )
    .join('');
}

/** Radio buttons in a fieldset (few, visible choices). */
export function radioGroup(options: FieldOptions & { choices: readonly SelectOption[] }): string {
  const d = describe(options);
  const radios = options.choices
    .map(
      (choice, i) =>
        html`<label class="radio"><input type="radio" name="${options.name}" value="${choice.value}" id="${i === 0 ? options.id : `${options.id}-${i + 1}`}"!${choice.value === options.value ? ' checked' : ''}!${d.describedBy && i === 0 ? html` aria-describedby="${d.describedBy}"` : ''}> ${choice.label}</label>`,
    )
    .join('');
  return html`<fieldset class="field field--radios !${options.className ?? ''}"><legend>${options.label}</legend>!${d.hint}!${d.error}<div class="radio-row">!${radios}</div></fieldset>`;
}
