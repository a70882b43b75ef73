/**
 * Comments island. The article page is one shared cached page, so it holds no reader's data:
 * this island asks the server, without cache, who is reading (/commentaires/etat). A signed-in
 * reader gets the comment form in place of the "Écrire un commentaire" link and posts without
 * leaving the page; "J'apprécie" likes in place. Without JavaScript the links lead to forms.
 */
import { enhanceProofOfWork } from './proof-of-work.ts';

interface ReaderState {
  signedIn: boolean;
  name?: string;
  csrfToken?: string;
  liked?: number[];
}

export async function enhanceComments(root: Document): Promise<void> {
  const area = root.querySelector<HTMLElement>('[data-comments-area]');
  if (!area) return;
  const articleId = area.dataset.commentsArea ?? '';
  const status = area.querySelector<HTMLElement>('[data-comment-status]');
  const response = await fetch(`/commentaires/etat?article=${encodeURIComponent(articleId)}`, {
    credentials: 'same-origin',
    cache: 'no-store',
  }).catch(() => null);
  if (!response?.ok) return;
  const state = (await response.json()) as ReaderState;
  if (!state.signedIn || !state.csrfToken) return;
  const token = state.csrfToken;

  for (const id of state.liked ?? []) area.querySelector(`[data-like="${id}"]`)?.setAttribute('aria-pressed', 'true');
  area.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-like]');
    if (!link) return;
    event.preventDefault();
    void fetch(link.href, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': token, accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ likes: number }>) : null))
      .then((result) => {
        if (!result) return;
        const count = link.parentElement?.querySelector('[data-like-count]');
        if (count) count.textContent = String(result.likes);
        link.setAttribute('aria-pressed', 'true');
        if (status) status.textContent = 'Merci, votre appréciation est enregistrée.';
      });
  });

  const compose = area.querySelector<HTMLElement>('[data-comment-compose]');
  if (!compose) return;
  const formHtml = await fetch(`/commentaires/${encodeURIComponent(articleId)}/formulaire`, {
    credentials: 'same-origin',
    cache: 'no-store',
  })
    .then((r) => (r.ok ? r.text() : null))
    .catch(() => null);
  if (!formHtml) return;
  // The fragment comes from our own server, which escaped every value in it.
  compose.innerHTML = formHtml;
  enhanceProofOfWork(compose);
  const form = compose.querySelector<HTMLFormElement>('form[data-comment-form]');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    const proof = form.querySelector<HTMLInputElement>('input[data-pow]');
    if (proof && !proof.value) return; // the proof-of-work island resubmits once solved
    event.preventDefault();
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    void fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
      .then(async (r) => ({
        ok: r.ok,
        data: (await r.json().catch(() => ({}))) as { html?: string; message?: string; error?: { message?: string } },
      }))
      .then(({ ok, data }) => {
        if (status) status.textContent = data.message ?? data.error?.message ?? (ok ? '' : 'Le commentaire n’a pas pu être publié.');
        if (!ok) return;
        form.reset();
        if (data.html) {
          let list = area.querySelector('[data-comment-list]');
          if (!list) {
            area.querySelector('.comments__empty')?.remove();
            list = document.createElement('ol');
            list.className = 'comment-list';
            list.setAttribute('role', 'list');
            list.setAttribute('data-comment-list', '');
            compose.after(list);
          }
          const item = document.createElement('li');
          item.innerHTML = data.html;
          list.prepend(item);
        }
      });
  });
}
