/**
 * A small modal form in a native <dialog> (focus kept inside, Escape closes), used instead of
 * window.prompt for links, quotation speakers, captions and embeds. Resolves with the values, or
 * null when cancelled. Fields are plain labelled inputs; a validator may refuse with a message.
 */

export interface DialogField {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  type?: 'text' | 'url' | 'checkbox';
  required?: boolean;
}

export interface DialogOptions {
  title: string;
  fields: DialogField[];
  submitLabel: string;
  /** Extra action beside "Annuler" (e.g. "Retirer le lien"); resolves with { __action: name }. */
  extraAction?: { name: string; label: string };
  /** Returns an error message to show, or null to accept. */
  validate?: (values: Record<string, string>) => string | null;
}

let counter = 0;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Opens the dialog and waits for the person's answer. Focus returns to where it was. */
export function askInDialog(options: DialogOptions): Promise<Record<string, string> | null> {
  counter += 1;
  const id = `petit-dialogue-${counter}`;
  const returnFocus = document.activeElement as HTMLElement | null;
  const dialog = element('dialog', { className: 'small-dialog' });
  dialog.setAttribute('aria-labelledby', `${id}-titre`);
  const form = element('form', { method: 'dialog', className: 'small-dialog__form' });
  form.noValidate = true;
  const error = element('p', { className: 'field__error', id: `${id}-erreur`, hidden: true });
  error.setAttribute('role', 'alert');
  form.append(element('h2', { id: `${id}-titre`, className: 'small-dialog__title' }, [options.title]));

  const inputs = new Map<string, HTMLInputElement>();
  for (const field of options.fields) {
    const inputId = `${id}-${field.name}`;
    const input = element('input', { id: inputId, name: field.name, type: field.type ?? 'text' });
    if (field.type === 'checkbox') input.checked = field.value === 'true';
    else input.value = field.value ?? '';
    if (field.required) input.required = true;
    const describedBy = [field.hint ? `${inputId}-aide` : '', `${id}-erreur`].filter(Boolean).join(' ');
    input.setAttribute('aria-describedby', describedBy);
    inputs.set(field.name, input);
    const hint = field.hint ? element('p', { className: 'field__hint', id: `${inputId}-aide` }, [field.hint]) : null;
    const label = element('label', { htmlFor: inputId }, [field.label]);
    const wrap =
      field.type === 'checkbox'
        ? element('div', { className: 'field field--checkbox' }, [input, label])
        : element('div', { className: 'field' }, [label, ...(hint ? [hint] : []), input]);
    if (field.type === 'checkbox' && hint) wrap.append(hint);
    form.append(wrap);
  }
  form.append(error);
  const submit = element('button', { type: 'submit', className: 'button', value: 'ok' }, [options.submitLabel]);
  const cancel = element('button', { type: 'button', className: 'button button--quiet' }, ['Annuler']);
  const row = element('div', { className: 'button-row' }, [submit, cancel]);
  let extra: HTMLButtonElement | null = null;
  if (options.extraAction) {
    extra = element('button', { type: 'button', className: 'button button--quiet' }, [options.extraAction.label]);
    row.append(extra);
  }
  form.append(row);
  dialog.append(form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: Record<string, string> | null) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      returnFocus?.focus();
      resolve(value);
    };
    const values = () =>
      Object.fromEntries(
        [...inputs].map(([name, input]) => [name, input.type === 'checkbox' ? String(input.checked) : input.value.trim()]),
      );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const current = values();
      const missing = options.fields.find((f) => f.required && !current[f.name]);
      const message = missing ? `${missing.label} : obligatoire.` : (options.validate?.(current) ?? null);
      if (message) {
        error.textContent = message;
        error.hidden = false;
        for (const input of inputs.values()) input.setAttribute('aria-invalid', 'false');
        const culprit = missing ? inputs.get(missing.name) : inputs.values().next().value;
        culprit?.setAttribute('aria-invalid', 'true');
        culprit?.focus();
        return;
      }
      finish(current);
    });
    cancel.addEventListener('click', () => finish(null));
    extra?.addEventListener('click', () => finish({ __action: options.extraAction!.name }));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(null);
    });
    dialog.showModal();
    inputs.values().next().value?.focus();
  });
}
