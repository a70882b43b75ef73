/**
 * "Ajouter un contributeur" as an ARIA 1.2 combobox: typing searches GET /admin/personnes.json
 * (debounced), ↑/↓ move through the listbox, Entrée picks, Échap closes; the result count is
 * announced. Without JavaScript the same input takes an exact name or slug resolved on save;
 * here its name is dropped so autosave never sends half-typed text.
 */

/** A person as the search endpoint answers. */
export interface PersonHit {
  id: number;
  name: string;
  kind: string;
  roleLine: string;
}

const DEBOUNCE_MS = 200;

/** The label a byline select shows for a person (same as the server's). */
export function personLabel(person: PersonHit): string {
  return person.roleLine ? `${person.name} — ${person.roleLine}` : person.name;
}

/** Turns the lookup input inside `wrap` into a combobox; `onPick` adds the chosen person to the byline. */
export function enhanceAuthorLookup(wrap: HTMLElement, onPick: (person: PersonHit) => void): void {
  const found = wrap.querySelector<HTMLInputElement>('input[name="authorLookup"]');
  if (!found) return;
  const input: HTMLInputElement = found;
  input.removeAttribute('name');
  const hint = wrap.querySelector<HTMLElement>('.field__hint');
  if (hint) hint.textContent = 'Tapez une partie du nom ou de la fonction, puis choisissez avec les flèches et Entrée.';

  const listbox = document.createElement('ul');
  listbox.id = `${input.id}-liste`;
  listbox.className = 'author-lookup__list';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'Contributeurs trouvés');
  listbox.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  input.after(listbox, status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.autocomplete = 'off';

  let hits: PersonHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | null = null;

  const options = () => Array.from(listbox.querySelectorAll<HTMLLIElement>('[role="option"]'));

  function close(): void {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(index: number): void {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    for (const [i, option] of all.entries()) option.setAttribute('aria-selected', String(i === active));
    input.setAttribute('aria-activedescendant', all[active]!.id);
    all[active]!.scrollIntoView({ block: 'nearest' });
  }

  function show(found: PersonHit[]): void {
    hits = found;
    listbox.replaceChildren(
      ...found.map((person, i) => {
        const option = document.createElement('li');
        option.id = `${listbox.id}-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.className = 'author-lookup__option';
        option.textContent = personLabel(person);
        // mousedown would blur the input (and close the list) before the click lands.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => pick(i));
        return option;
      }),
    );
    active = -1;
    input.removeAttribute('aria-activedescendant');
    listbox.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    status.textContent =
      found.length === 0
        ? 'Aucun contributeur trouvé.'
        : found.length === 1
          ? '1 résultat, flèche bas pour le choisir.'
          : `${found.length} résultats, flèches pour les parcourir.`;
  }

  function pick(index: number): void {
    const person = hits[index];
    if (!person) return;
    close();
    input.value = '';
    onPick(person);
  }

  async function search(q: string): Promise<void> {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      const response = await fetch(`/admin/personnes.json?q=${encodeURIComponent(q)}`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { items?: PersonHit[] };
      if (pending === controller && input.value.trim() === q) show(body.items ?? []);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') {
        close();
        status.textContent = 'La recherche n’a pas abouti ; réessayez.';
      }
    }
  }

  input.addEventListener('input', (event) => {
    // Typing a search is not an edit of the article: autosave listens for input on the form.
    event.stopPropagation();
    clearTimeout(timer);
    const q = input.value.trim();
    if (q === '') {
      pending?.abort();
      close();
      return;
    }
    timer = setTimeout(() => void search(q.slice(0, 80)), DEBOUNCE_MS);
  });
  input.addEventListener('change', (event) => event.stopPropagation());

  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open && hits.length > 0) {
        listbox.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      if (hits.length > 0)
        setActive(active === -1 ? (event.key === 'ArrowDown' ? 0 : hits.length - 1) : active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      // Never submit the whole form from the search field.
      event.preventDefault();
      if (open && active >= 0) pick(active);
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = '';
      }
    }
  });
  input.addEventListener('blur', close);
}
