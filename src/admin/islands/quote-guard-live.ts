/**
 * The quote guard while typing, in the editor of a pépite drafted at the desk: after each pause
 * in the kicker, lead or body, the unsaved text goes to the server, which answers with the guard's
 * verdict in the panel's markup. The server stays the authority (publishing checks the stored
 * draft); without this script the verdict shows after each save.
 */
const DEBOUNCE_MS = 400;

function start(region: HTMLElement, form: HTMLFormElement): void {
  const url = region.dataset.quoteGuardLive!;
  const csrf =
    (document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ||
      (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value) ??
    '';
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let lastSent = '';

  async function check(): Promise<void> {
    const payload = JSON.stringify({ kicker: field('kicker'), lead: field('lead'), body: field('body') });
    if (payload === lastSent) return;
    lastSent = payload;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: payload,
        signal: controller.signal,
      });
      if (!response.ok) return;
      const answer = (await response.json()) as { html?: unknown };
      if (typeof answer.html !== 'string' || controller.signal.aborted) return;
      // The server's escaped markup, parsed inert, then moved in.
      const parsed = new DOMParser().parseFromString(answer.html, 'text/html');
      region.replaceChildren(...Array.from(parsed.body.childNodes));
    } catch {
      // Offline or aborted: the last verdict stays, and saving shows a fresh one.
      lastSent = '';
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), DEBOUNCE_MS);
  };
  form.addEventListener('input', (event) => {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (name === 'kicker' || name === 'lead' || name === 'body') schedule();
  });
  form.addEventListener('kiosque:body-change', schedule);
}

const region = document.querySelector<HTMLElement>('[data-quote-guard-live]');
const form = document.querySelector<HTMLFormElement>('[data-editor-form]');
if (region && form && !form.hasAttribute('data-readonly')) start(region, form);
