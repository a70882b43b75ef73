/**
 * On narrow screens the navigation scrolls sideways; the current section may sit past the right
 * edge. Scroll the bar (never the page) so that it shows. Without JavaScript the bar still works.
 */
export function revealCurrentNavItem(root: Document): void {
  const bar = root.querySelector<HTMLElement>('.site-nav');
  const current = bar?.querySelector<HTMLElement>('[aria-current="page"]');
  if (!bar || !current || bar.scrollWidth <= bar.clientWidth) return;
  const left = current.offsetLeft - bar.offsetLeft;
  const right = left + current.offsetWidth;
  if (left >= bar.scrollLeft && right <= bar.scrollLeft + bar.clientWidth - 32) return;
  // Centred, so that its neighbours on both sides hint that the bar scrolls.
  bar.scrollLeft = left - (bar.clientWidth - current.offsetWidth) / 2;
}
