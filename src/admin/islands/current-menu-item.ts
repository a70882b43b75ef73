// On phones the back-office menu is a single line that scrolls sideways: show the current entry.
const current = document.querySelector<HTMLElement>('.admin-menu [aria-current="page"]');
const list = current?.closest('ul');
if (current && list && list.scrollWidth > list.clientWidth) {
  list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
}
