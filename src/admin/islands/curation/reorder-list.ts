// Ordered lists of the curation screens (la une, navigation, dossier articles): drag and drop,
// Alt + arrow keys, and the "Monter / Descendre" buttons moved in place instead of reloading.
// Without JavaScript the same buttons are form submissions, so nothing here is required. On la une
// (`data-reorder-live`) every move is saved at once, like adding or removing an article there.

import { formatTimeFr } from '../../../core/text/dates.ts';

const ITEM = '[data-reorder-item]';

/** What the place of an item is called on the front page (the first is the lead story). */
function roleFor(kind: string | undefined, index: number): string | null {
  if (kind !== 'une') return null;
  return index === 0 ? 'Article principal' : `À la une n° ${index + 1}`;
}

function items(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(`:scope > ${ITEM}`)];
}

/** Keeps numbers, role labels and the buttons' index values in step with the order on screen. */
function renumber(list: HTMLElement): void {
  const all = items(list);
  all.forEach((item, index) => {
    const number = item.querySelector<HTMLElement>('[data-reorder-number]');
    if (number) number.textContent = String(index + 1);
    const role = roleFor(list.dataset.reorderRoles, index);
    const roleEl = item.querySelector<HTMLElement>('[data-reorder-role]');
    if (role && roleEl) roleEl.textContent = role;
    for (const button of item.querySelectorAll<HTMLButtonElement>('button[value]')) {
      button.value = button.value.replace(/^(up|down|remove|first):\d+$/, (_, kind: string) => `${kind}:${index}`);
    }
    const up = item.querySelector<HTMLButtonElement>('[data-reorder-move="up"]');
    const down = item.querySelector<HTMLButtonElement>('[data-reorder-move="down"]');
    if (up) up.hidden = index === 0;
    if (down) down.hidden = index === all.length - 1;
  });
}

function announce(list: HTMLElement, item: HTMLElement): void {
  const position = items(list).indexOf(item) + 1;
  const status = list.closest('form')?.querySelector<HTMLElement>('[data-reorder-status]');
  const moved = list.dataset.reorderMoved ?? 'Article déplacé';
  if (list.dataset.reorderLive !== undefined) {
    saveLive(list, `${moved} en position ${position}`);
    return;
  }
  if (status) status.textContent = `${moved} en position ${position}. Ordre non enregistré.`;
  list.closest('form')?.classList.add('is-dirty');
}

interface LiveState {
  saving: Promise<void> | null;
  again: boolean;
}
const live = new WeakMap<HTMLElement, LiveState>();

/**
 * Lists whose every change goes online at once (la une, `data-reorder-live`): the order on screen
 * is posted as JSON-accepting form data after each move, one save at a time (a move made during
 * a save is sent right after it), and the status says what is online.
 */
function saveLive(list: HTMLElement, what: string): void {
  const form = list.closest('form');
  const status = form?.querySelector<HTMLElement>('[data-reorder-status]');
  if (!form || !status) return;
  const state = live.get(list) ?? { saving: null, again: false };
  live.set(list, state);
  if (state.saving) {
    state.again = true;
    return;
  }
  const say = (text: string, kind: 'saving' | 'saved' | 'failed') => {
    status.textContent = text;
    status.dataset.state = kind;
  };
  say(`${what} : enregistrement…`, 'saving');
  const run = async (): Promise<void> => {
    do {
      state.again = false;
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (typeof value === 'string' && name !== 'action') body.append(name, value);
      body.set('action', 'save');
      try {
        // getAttribute: the buttons named "action" shadow form.action.
        const response = await fetch(form.getAttribute('action') ?? location.pathname, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        if (!response.ok) {
          const error = (
            (await response.json().catch(() => ({}))) as { error?: { message?: string; details?: { fields?: Record<string, string> } } }
          ).error;
          const detail = Object.values(error?.details?.fields ?? {})[0] ?? error?.message ?? `erreur ${response.status}`;
          say(`Non enregistré : ${detail} Rechargez la page pour voir la une en ligne.`, 'failed');
          return;
        }
      } catch {
        say('Non enregistré : le serveur ne répond pas. Déplacez à nouveau un article pour réessayer.', 'failed');
        return;
      }
    } while (state.again);
    say(`${what} : la une est en ligne (enregistrée à ${formatTimeFr(new Date())}).`, 'saved');
  };
  state.saving = run().finally(() => {
    state.saving = null;
  });
}

/** Moves an item one place up or down; returns false when it is already at that end. */
function move(list: HTMLElement, item: HTMLElement, direction: 'up' | 'down'): boolean {
  const sibling = direction === 'up' ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling?.matches(ITEM)) return false;
  if (direction === 'up') list.insertBefore(item, sibling);
  else list.insertBefore(sibling, item);
  renumber(list);
  announce(list, item);
  return true;
}

function enhance(list: HTMLElement): void {
  if (list.dataset.reorderReady) return;
  list.dataset.reorderReady = '1';
  list.classList.add('reorder--enhanced');
  // Items with their own fields (navigation entries) are dragged by the handle only, so that
  // selecting text in a field never starts a drag; the others from anywhere.
  const hasFields = (item: HTMLElement) => item.querySelector('input:not([type="hidden"]), select, textarea') !== null;
  for (const item of items(list)) item.draggable = !hasFields(item);
  list.addEventListener('pointerdown', (event) => {
    const item = (event.target as Element).closest<HTMLElement>(ITEM);
    if (item && hasFields(item)) item.draggable = (event.target as Element).closest('.reorder__handle') !== null;
  });

  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-reorder-move]');
    const item = button?.closest<HTMLElement>(ITEM);
    if (!button || !item || !list.contains(item)) return;
    event.preventDefault();
    const direction = button.dataset.reorderMove as 'up' | 'down';
    move(list, item, direction);
    // Keep the keyboard where it was: on the same button, or its twin when that one is now hidden.
    const same = item.querySelector<HTMLButtonElement>(`[data-reorder-move="${direction}"]`);
    const other = item.querySelector<HTMLButtonElement>(`[data-reorder-move="${direction === 'up' ? 'down' : 'up'}"]`);
    (same && !same.hidden ? same : other)?.focus();
  });

  list.addEventListener('keydown', (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const item = (event.target as Element).closest<HTMLElement>(ITEM);
    if (!item || !list.contains(item)) return;
    event.preventDefault();
    const focused = document.activeElement as HTMLElement | null;
    move(list, item, event.key === 'ArrowUp' ? 'up' : 'down');
    (focused && !focused.hidden && item.contains(focused) ? focused : item).focus();
  });

  let dragging: HTMLElement | null = null;
  list.addEventListener('dragstart', (event) => {
    const item = (event.target as Element).closest<HTMLElement>(ITEM);
    if (!item || !list.contains(item)) return;
    dragging = item;
    item.classList.add('is-dragging');
    event.dataTransfer?.setData('text/plain', item.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  });
  list.addEventListener('dragover', (event) => {
    if (!dragging) return;
    event.preventDefault();
    const target = (event.target as Element).closest<HTMLElement>(ITEM);
    if (!target || target === dragging || !list.contains(target)) return;
    const box = target.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragging, after ? target.nextElementSibling : target);
  });
  list.addEventListener('drop', (event) => {
    if (dragging) event.preventDefault();
  });
  list.addEventListener('dragend', () => {
    if (!dragging) return;
    const item = dragging;
    dragging = null;
    item.classList.remove('is-dragging');
    renumber(list);
    announce(list, item);
  });

  const form = list.closest('form');
  form?.addEventListener('submit', (event) => {
    // A button (add, remove) pressed while a move is being saved: post after it, so the two
    // writes land in the order they were made.
    const saving = live.get(list)?.saving;
    if (saving) {
      event.preventDefault();
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      void saving.then(() => form.requestSubmit(submitter));
      return;
    }
    form.classList.remove('is-dirty');
  });
}

for (const list of document.querySelectorAll<HTMLElement>('[data-reorder]')) enhance(list);
