import { html } from '../core/html/html.ts';
import { formatDateFr } from '../core/text/dates.ts';
import { imageUrl } from '../images/image-urls.ts';
import type { ImageRecord } from '../images/image-types.ts';
import type { MediaFileRecord } from './media-file-repository.ts';
import { formatBytes, formatDuration } from './media-form-fields.ts';
import type { LibraryQuery } from './media-input.ts';

/** What the library screen shows: the query, one page of results and the notice to show, if any. */
export interface LibraryView {
  query: LibraryQuery;
  page: number;
  pages: number;
  total: number;
  images?: ImageRecord[];
  files?: MediaFileRecord[];
  notice?: string;
}

const TABS: { type: LibraryQuery['type']; label: string }[] = [
  { type: 'images', label: 'Images' },
  { type: 'audio', label: 'Sons' },
  { type: 'video', label: 'Vidéos' },
];

/** The library: kind filter, search by text, a grid of thumbnails (or a table of sounds and videos), pages. */
export function renderLibrary(view: LibraryView): string {
  const { query } = view;
  const searchHint = query.type === 'images' ? 'Texte alternatif, légende ou crédit.' : 'Titre ou crédit.';
  return html`<div class="media-library-head"><h1>Médiathèque</h1><a class="button" href="/admin/medias/nouveau">Ajouter un média</a></div>
!${view.notice ? html`<div class="notice notice--ok" role="status"><p>${view.notice}</p></div>` : ''}
<nav class="media-tabs" aria-label="Type de média"><ul>!${TABS.map(
    (tab) =>
      html`<li><a href="${libraryHref({ ...query, type: tab.type, q: '', page: 1 })}"!${tab.type === query.type ? ' aria-current="page"' : ''}>${tab.label}</a></li>`,
  )}</ul></nav>
<form method="get" action="/admin/medias" class="media-search" role="search">
<input type="hidden" name="type" value="${query.type}">
<div class="field"><label for="media-recherche">Rechercher</label><span class="field__hint" id="media-recherche-aide">${searchHint}</span><input type="search" id="media-recherche" name="q" value="${query.q}" aria-describedby="media-recherche-aide"></div>
<button type="submit" class="button button--quiet">Rechercher</button>
</form>
<p class="media-count" role="status">${countLine(view)}</p>
!${view.images ? imageGrid(view.images) : ''}!${view.files ? fileTable(view.files, query.type === 'video' ? 'vidéo' : 'son') : ''}
!${pagination(view)}`;
}

function countLine(view: LibraryView): string {
  const noun = view.query.type === 'images' ? ['image', 'images'] : view.query.type === 'audio' ? ['son', 'sons'] : ['vidéo', 'vidéos'];
  const what = view.total === 1 ? `1 ${noun[0]}` : `${view.total.toLocaleString('fr-FR')} ${noun[1]}`;
  if (view.total === 0) return view.query.q ? `Aucun résultat pour « ${view.query.q} ».` : `Aucun média de ce type pour l’instant.`;
  return `${what}${view.query.q ? ` pour « ${view.query.q} »` : ''}${view.pages > 1 ? ` — page ${view.page} sur ${view.pages}` : ''}`;
}

function imageGrid(images: ImageRecord[]): string {
  if (!images.length) return '';
  return html`<ul class="media-grid">!${images.map((image) => {
    const label = image.alt || image.caption || 'Image sans texte alternatif';
    // The thumbnail is decorative: the link's name is the text under it.
    return html`<li class="media-card"><a class="media-card__link" href="/admin/medias/${String(image.id)}"><img class="media-card__thumb" src="${imageUrl(image, 320, 'webp')}" alt="" width="${String(thumbWidth(image))}" height="${String(thumbHeight(image))}" loading="lazy" decoding="async"><span class="media-card__label">${label}</span></a><span class="media-card__meta">Crédit : ${image.credit} · ${String(image.width)} × ${String(image.height)}</span></li>`;
  })}</ul>`;
}

// Intrinsic size of the 320 px thumbnail, so the grid does not shift while images load.
function thumbWidth(image: ImageRecord): number {
  return Math.min(320, image.width);
}

function thumbHeight(image: ImageRecord): number {
  return Math.max(1, Math.round((thumbWidth(image) * image.height) / image.width));
}

function fileTable(files: MediaFileRecord[], noun: string): string {
  if (!files.length) return '';
  return html`<div class="table-wrap"><table class="admin-table media-files"><caption class="visually-hidden">Fichiers (${noun})</caption><thead><tr><th scope="col">Titre</th><th scope="col">Crédit</th><th scope="col">Durée</th><th scope="col">Taille</th><th scope="col">Ajouté le</th></tr></thead><tbody>!${files.map(
    (f) =>
      html`<tr><td><a href="/admin/medias/fichiers/${String(f.id)}">${f.title}</a></td><td>${f.credit}</td><td>${formatDuration(f.duration_seconds)}</td><td>${formatBytes(f.bytes)}</td><td>${formatDateFr(f.created_at)}</td></tr>`,
  )}</tbody></table></div>`;
}

function pagination(view: LibraryView): string {
  if (view.pages <= 1) return '';
  const previous =
    view.page > 1 ? html`<a rel="prev" href="${libraryHref({ ...view.query, page: view.page - 1 })}">Page précédente</a>` : '';
  const next =
    view.page < view.pages ? html`<a rel="next" href="${libraryHref({ ...view.query, page: view.page + 1 })}">Page suivante</a>` : '';
  return html`<nav class="media-pagination" aria-label="Pagination">!${previous}<span>Page ${String(view.page)} sur ${String(view.pages)}</span>!${next}</nav>`;
}

/** URL of a library view; default values are left out so URLs stay short. */
export function libraryHref(query: LibraryQuery): string {
  const params = new URLSearchParams();
  if (query.type !== 'images') params.set('type', query.type);
  if (query.q) params.set('q', query.q);
  if (query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/admin/medias?${search}` : '/admin/medias';
}
