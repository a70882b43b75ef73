/**
 * Share block island: reveals the "Partager" button where the Web Share API exists and the
 * "Copier le lien" button where the clipboard is available. Both are `hidden` in the HTML, so a
 * reader without JavaScript never meets a control that does nothing (the plain links remain).
 */

const STATUS_CLEAR_MS = 5000;

/** Wires every share block of the document. */
export function enhanceShareBlocks(root: Document): void {
  for (const block of root.querySelectorAll<HTMLElement>('[data-share]')) enhance(block);
}

/** Shows a button and the list item holding it. */
function reveal(button: HTMLElement): void {
  button.hidden = false;
  const item = button.closest('li');
  if (item) item.hidden = false;
}

function enhance(block: HTMLElement): void {
  const url = block.dataset.shareUrl ?? location.href;
  const title = block.dataset.shareTitle ?? document.title;
  const text = block.dataset.shareText ?? '';
  const status = block.querySelector<HTMLElement>('[data-share-status]');
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  const announce = (message: string) => {
    if (!status) return;
    status.textContent = message;
    clearTimeout(clearTimer);
    clearTimer = setTimeout(() => (status.textContent = ''), STATUS_CLEAR_MS);
  };

  const native = block.querySelector<HTMLButtonElement>('[data-share-native]');
  const shareData: ShareData = { title, text, url };
  if (native && typeof navigator.share === 'function' && (navigator.canShare?.(shareData) ?? true)) {
    reveal(native);
    native.addEventListener('click', async () => {
      try {
        // Called inside the click handler: the API requires a user gesture.
        await navigator.share(shareData);
      } catch (error) {
        // The reader closing the sheet is a choice, not an error.
        if (error instanceof DOMException && error.name === 'AbortError') return;
        announce('Le partage n’a pas abouti : utilisez un des liens ci-dessous.');
      }
    });
  }

  const copy = block.querySelector<HTMLButtonElement>('[data-share-copy]');
  if (copy && window.isSecureContext && navigator.clipboard?.writeText) {
    reveal(copy);
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(url);
        announce('Lien copié');
      } catch {
        announce('Copie impossible : copiez l’adresse depuis la barre du navigateur.');
      }
    });
  }
}
