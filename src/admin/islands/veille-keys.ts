/**
 * Curation desk shortcuts: j / k (or the down and up arrows) move from one story to the next,
 * Enter opens the focused story's first item. Keys typed in a field are left alone; without this
 * script every story is still a list of plain links.
 */
function stories(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-veille-story]')];
}

if (document.querySelector('[data-veille]')) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, button, [contenteditable]')) return;
    const list = stories();
    const here =
      target.closest<HTMLElement>('[data-veille-story]') ?? document.querySelector<HTMLElement>('[data-veille-story][data-current]');
    const index = here ? list.indexOf(here) : -1;
    let next: HTMLElement | undefined;
    if (event.key === 'j' || event.key === 'ArrowDown') next = list[Math.min(index + 1, list.length - 1)];
    else if (event.key === 'k' || event.key === 'ArrowUp') next = list[Math.max(index - 1, 0)];
    else if (event.key === 'Enter' && here && target === here) {
      here.querySelector<HTMLAnchorElement>('a')?.click();
      event.preventDefault();
      return;
    } else return;
    if (!next) return;
    event.preventDefault();
    here?.removeAttribute('data-current');
    next.setAttribute('data-current', '');
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  });
}
