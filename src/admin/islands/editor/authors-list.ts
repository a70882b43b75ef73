import { enhanceAuthorLookup, type PersonHit, personLabel } from './author-combobox.ts';

/**
 * The byline as an ordered list: each author row gets "Monter", "Descendre" and "Retirer"
 * buttons, "Ajouter un auteur" appends a row, and the "Ajouter un contributeur" combobox appends
 * someone the selects do not list (they carry only the staff and the current authors). The rank numbers (the no-JavaScript way to
 * reorder) are hidden and follow the rows. Moves are announced in a live region.
 */

export function enhanceAuthors(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLElement>('[data-authors-field]');
  const list = field?.querySelector<HTMLOListElement>('[data-author-rows]');
  if (!field || !list) return;
  const template = list.querySelector<HTMLLIElement>('[data-author-row]')!.cloneNode(true) as HTMLLIElement;
  template.querySelector('select')!.value = '';
  for (const option of Array.from(template.querySelectorAll('option'))) option.removeAttribute('selected');

  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  const add = document.createElement('button');
  add.type = 'button';
  add.className = 'button button--quiet authors-field__add';
  add.textContent = 'Ajouter un auteur';
  field.append(add, live);

  const rows = () => Array.from(list.querySelectorAll<HTMLLIElement>('[data-author-row]'));
  const nameOf = (row: HTMLLIElement) => {
    const select = row.querySelector('select')!;
    return select.value ? (select.selectedOptions[0]?.textContent ?? '').split(' — ')[0] : 'auteur vide';
  };
  const changed = () => form.dispatchEvent(new Event('change', { bubbles: true }));

  function renumber(): void {
    rows().forEach((row, i) => {
      const n = i + 1;
      const select = row.querySelector('select')!;
      const label = row.querySelector<HTMLLabelElement>('.author-row__label')!;
      select.id = `champ-auteur-${n}`;
      label.htmlFor = select.id;
      label.textContent = `Auteur ${n}`;
      const rank = row.querySelector<HTMLInputElement>('input[name="authorPosition"]')!;
      rank.value = String(n);
      rank.id = `champ-auteur-${n}-rang`;
      row.querySelector<HTMLLabelElement>('.author-row__rank label')!.htmlFor = rank.id;
      const name = nameOf(row);
      const [up, down, remove] = Array.from(row.querySelectorAll<HTMLButtonElement>('.author-row__actions button'));
      up.setAttribute('aria-label', `Monter ${name}`);
      down.setAttribute('aria-label', `Descendre ${name}`);
      remove.setAttribute('aria-label', `Retirer ${name}`);
      up.disabled = i === 0;
      down.disabled = i === rows().length - 1;
    });
  }

  function move(row: HTMLLIElement, delta: -1 | 1, focusClass: string): void {
    const all = rows();
    const index = all.indexOf(row);
    const target = all[index + delta];
    if (!target) return;
    if (delta < 0) target.before(row);
    else target.after(row);
    renumber();
    live.textContent = `${nameOf(row)} : position ${index + delta + 1} sur ${all.length}.`;
    const again = row.querySelector<HTMLButtonElement>(focusClass)!;
    (again.disabled ? row.querySelector<HTMLButtonElement>('.author-row__actions button:not([disabled])') : again)?.focus();
    changed();
  }

  function enhanceRow(row: HTMLLIElement): void {
    row.querySelector<HTMLElement>('.author-row__rank')!.hidden = true;
    const actions = document.createElement('span');
    actions.className = 'author-row__actions';
    const make = (text: string, cls: string, onClick: () => void) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `author-row__button ${cls}`;
      b.textContent = text;
      b.addEventListener('click', onClick);
      actions.append(b);
    };
    make('↑', 'author-row__up', () => move(row, -1, '.author-row__up'));
    make('↓', 'author-row__down', () => move(row, 1, '.author-row__down'));
    make('Retirer', 'author-row__remove', () => {
      const name = nameOf(row);
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      if (rows().length === 0) addRow(false);
      renumber();
      live.textContent = `${name} retiré.`;
      ((next as HTMLElement | null)?.querySelector('select') ?? add).focus();
      changed();
    });
    row.append(actions);
    row.querySelector('select')!.addEventListener('change', renumber);
  }

  function addRow(focus: boolean): void {
    const row = template.cloneNode(true) as HTMLLIElement;
    list!.append(row);
    enhanceRow(row);
    renumber();
    if (focus) row.querySelector('select')!.focus();
  }

  // Keep the filled rows (and one empty row when there are none).
  for (const row of rows()) {
    if (!row.querySelector('select')!.value && rows().length > 1) row.remove();
  }
  for (const row of rows()) enhanceRow(row);
  renumber();
  add.addEventListener('click', () => addRow(true));

  /** A person picked in the combobox: into the first empty row (or a new one), with an option for them. */
  function addPerson(person: PersonHit): void {
    const value = String(person.id);
    if (rows().some((row) => row.querySelector('select')!.value === value)) {
      live.textContent = `${person.name} figure déjà parmi les auteurs.`;
      return;
    }
    let row = rows().find((r) => !r.querySelector('select')!.value);
    if (!row) {
      addRow(false);
      row = rows().at(-1)!;
    }
    const select = row.querySelector('select')!;
    if (!Array.from(select.options).some((o) => o.value === value)) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = personLabel(person);
      select.append(option);
    }
    select.value = value;
    renumber();
    live.textContent = `${person.name} ajouté aux auteurs, position ${rows().indexOf(row) + 1} sur ${rows().length}.`;
    changed();
  }
  const lookup = field.querySelector<HTMLElement>('[data-author-lookup]');
  if (lookup) {
    field.append(lookup); // after "Ajouter un auteur" and next to the live region
    enhanceAuthorLookup(lookup, addPerson);
  }
}
