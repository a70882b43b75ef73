/**
 * Embed facades: a video is a link to the platform until the reader clicks it; only then is the
 * privacy-enhanced player loaded (youtube-nocookie.com, Vimeo with dnt=1). Nothing is requested
 * from the third party before the click (CNIL). The CSP's frame-src allows exactly these origins.
 */

const PLAYERS: Record<string, { idPattern: RegExp; src: (id: string) => string }> = {
  youtube: { idPattern: /^[A-Za-z0-9_-]{6,20}$/, src: (id) => `https://www.youtube-nocookie.com/embed/${id}?autoplay=1` },
  vimeo: { idPattern: /^[0-9]{1,12}$/, src: (id) => `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1` },
  dailymotion: { idPattern: /^x[a-z0-9]{4,12}$/, src: (id) => `https://geo.dailymotion.com/player.html?video=${id}` },
};

/** Listens for clicks on facades (one listener for the whole document). */
export function enhanceEmbedFacades(root: Document): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const facade = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('.embed__facade');
    const figure = facade?.closest<HTMLElement>('figure[data-embed-provider]');
    if (!facade || !figure) return;
    const iframe = playerFor(figure, facade);
    if (!iframe) return; // unknown provider or id: the link opens the platform as usual
    event.preventDefault();
    facade.replaceWith(iframe);
    iframe.focus();
  });
}

/** The player iframe for a facade, or null when its provider or id is not one we allow. */
export function playerFor(figure: HTMLElement, facade: HTMLElement): HTMLIFrameElement | null {
  const player = PLAYERS[figure.dataset.embedProvider ?? ''];
  const id = figure.dataset.embedId ?? '';
  if (!player?.idPattern.test(id)) return null;
  const iframe = document.createElement('iframe');
  iframe.className = 'embed__frame';
  iframe.src = player.src(id);
  iframe.title = facade.querySelector('.embed__title')?.textContent?.trim() || 'Lecteur vidéo';
  iframe.allow = 'autoplay; encrypted-media; picture-in-picture';
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  return iframe;
}
