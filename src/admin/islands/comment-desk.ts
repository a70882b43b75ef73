/**
 * Moderation desk shortcuts: j / k move to the next or previous comment, a approves it, r puts
 * the cursor in its refusal reason (Enter then refuses), f features it. Keys typed in a field
 * are left alone. Every action stays a plain form button that works without this script.
 */
function items(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-desk-item]')];
}

function current(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-desk-item][data-current]');
}

function select(item: HTMLElement | undefined): void {
  if (!item) return;
  current()?.removeAttribute('data-current');
  item.setAttribute('data-current', '');
  item.focus();
  item.scrollIntoView({ block: 'nearest' });
}

if (document.querySelector('[data-desk]')) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    const list = items();
    const here = current() ?? (target.closest('[data-desk-item]') as HTMLElement | null);
    const index = here ? list.indexOf(here) : -1;
    if (event.key === 'j') select(list[Math.min(index + 1, list.length - 1)]);
    else if (event.key === 'k') select(list[Math.max(index - 1, 0)]);
    else if (here && (event.key === 'a' || event.key === 'f'))
      here.querySelector<HTMLButtonElement>(`button[data-key="${event.key}"]`)?.click();
    else if (here && event.key === 'r') here.querySelector<HTMLInputElement>('input[data-reason]')?.focus();
    else return;
    event.preventDefault();
  });
}
