import { csrfInput, selectField, textField } from '../curation/curation-form-fields.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { BoardStory, SavedView } from './board-repository.ts';
import type { ItemRow, OutletRow } from './desk-repository.ts';
import { DESK_HOURS, type DeskFilters } from './desk-schemas.ts';
import type { ExtractedArticle } from './extract-article.ts';
import { type FormErrors, problemList } from './outlet-views.ts';

// The desk screen and the reading of one item. Everything read from other sites (headlines,
// summaries, extracted text) goes through ghtml's escaping: never shown as HTML.

/** The query string of a set of filters (for saved views' links). */
export function filtersQuery(filters: DeskFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.outlet !== undefined) params.set('outlet', String(filters.outlet));
  if (filters.language) params.set('language', filters.language);
  params.set('hours', String(filters.hours));
  return params.toString();
}

function hoursLabel(hours: number): string {
  return hours === 1 ? 'la dernière heure' : `les ${hours} dernières heures`;
}

function renderStory(story: BoardStory): string {
  const first = story.items[0]!;
  const growth = story.growth.map((g) => `+${g.items} en ${g.hours} h`).join(', ');
  const hidden = story.itemCount - story.items.length;
  const published = story.published.length
    ? html`<p class="desk-story__kiosque desk-story__kiosque--done">Déjà publié par la rédaction : !${story.published.map((p) => html`<a href="/admin/articles/${String(p.id)}">${p.headline}</a>`).join(', ')}</p>`
    : html`<p class="desk-story__kiosque">Pas encore traité par la rédaction.</p>`;
  const items = story.items.map(
    (item, i) =>
      html`<li><span class="desk-story__outlet">${item.outletName}</span> <a href="/admin/veille/articles/${String(item.id)}" lang="${item.language}">${item.headline}</a> <time datetime="${item.publishedAt}">${formatDateTimeFr(item.publishedAt)}</time></li>${i === 0 && hidden > 0 ? html`<li class="desk-story__more">… et ${String(hidden)} autre${hidden > 1 ? 's' : ''} article${hidden > 1 ? 's' : ''} (ouvrez le premier pour tout le sujet)</li>` : ''}`,
  );
  return html`<li class="desk-story" tabindex="-1" data-veille-story><h2 class="desk-story__title"><a href="/admin/veille/articles/${String(first.id)}">${first.headline}</a></h2><p class="desk-story__meta"><span>${String(story.itemCount)} article${story.itemCount > 1 ? 's' : ''}, ${String(story.outletCount)} média${story.outletCount > 1 ? 's' : ''}</span> · <span>Premier : ${first.outletName}, ${formatDateTimeFr(first.publishedAt)}</span> · <span>Croissance : ${growth}</span></p>!${published}<ul class="desk-story__items">!${items}</ul></li>`;
}

/** /admin/veille: stories across outlets, with filters, saved views and keyboard navigation. */
export function renderDeskBoard(input: {
  stories: BoardStory[];
  filters: DeskFilters;
  outlets: OutletRow[];
  languages: string[];
  views: SavedView[];
  viewName: string;
  viewErrors: FormErrors;
  csrfToken: string;
  message?: string;
}): string {
  const { filters } = input;
  const filterForm = html`<form method="get" action="/admin/veille" class="desk-filters" role="search" aria-label="Filtrer la veille">!${textField({ name: 'q', label: 'Mots-clés', type: 'search', value: filters.q, hint: 'Séparés par des virgules, comme les mots d’une rubrique.' })}!${selectField({ name: 'outlet', label: 'Média', value: filters.outlet === undefined ? '' : String(filters.outlet), options: [{ value: '', label: 'Tous les médias' }, ...input.outlets.map((o) => ({ value: String(o.id), label: o.name }))] })}!${selectField({ name: 'language', label: 'Langue', value: filters.language ?? '', options: [{ value: '', label: 'Toutes' }, ...input.languages.map((l) => ({ value: l, label: l }))] })}!${selectField({ name: 'hours', label: 'Période', value: String(filters.hours), options: DESK_HOURS.map((h) => ({ value: String(h), label: hoursLabel(h) })) })}<button type="submit" class="button">Filtrer</button></form>`;
  const views = html`<section class="desk-views" aria-labelledby="vues-titre"><h2 id="vues-titre">Mes vues</h2>!${
    input.views.length
      ? html`<ul>!${input.views.map(
          (v) =>
            html`<li><a href="/admin/veille?${filtersQuery(v.filters)}">${v.name}</a><form method="post" action="/admin/veille/vues/${String(v.id)}/supprimer">!${csrfInput(input.csrfToken)}<button type="submit" class="button button--quiet" aria-label="Supprimer la vue ${v.name}">Supprimer</button></form></li>`,
        )}</ul>`
      : html`<p>Aucune vue enregistrée.</p>`
  }!${problemList(input.viewErrors)}<form method="post" action="/admin/veille/vues" class="desk-views__save">!${csrfInput(input.csrfToken)}<input type="hidden" name="filters" value="${filtersQuery(filters)}">!${textField({ name: 'name', id: 'champ-vue', label: 'Enregistrer ces filtres sous le nom', value: input.viewName, errors: input.viewErrors, maxLength: 80 })}<button type="submit" class="button button--quiet">Enregistrer la vue</button></form></section>`;
  const stories = input.stories.length
    ? html`<ol class="desk-stories" data-veille aria-label="Sujets">!${input.stories.map((s) => renderStory(s))}</ol>`
    : html`<p>Aucun sujet sur ${hoursLabel(filters.hours)} avec ces filtres.</p>`;
  return html`<h1>Veille</h1><p class="desk-links"><a href="/admin/veille/medias">Médias suivis</a> · <a href="/admin/veille/reglages">Réglages de la veille</a></p>!${input.message ? html`<p class="notice notice--ok" role="status">${input.message}</p>` : ''}<p class="desk-help" id="raccourcis">Raccourcis : <kbd>j</kbd> / <kbd>k</kbd> ou flèches pour passer d’un sujet à l’autre, <kbd>Entrée</kbd> pour ouvrir.</p>!${filterForm}<div class="desk-layout"><div class="desk-main">!${stories}</div>!${views}</div>`;
}

function renderExtraction(article: ExtractedArticle): string {
  const parts = article.parts.map((part) =>
    part.type === 'quote'
      ? html`<blockquote><p>${part.text}</p></blockquote>`
      : part.type === 'subheading'
        ? html`<h3>${part.text}</h3>`
        : html`<p>${part.text}</p>`,
  );
  const facts = [
    article.author ? html`<span>Par ${article.author}</span>` : '',
    article.publishedAt ? html`<span>publié le ${formatDateTimeFr(article.publishedAt)}</span>` : '',
    article.photoCredit ? html`<span>Crédit photo : ${article.photoCredit}</span>` : '',
  ].filter(Boolean);
  return html`<section class="desk-reading" aria-labelledby="lecture-titre" data-extracted><h2 id="lecture-titre">Texte de l’article (lecture seule, à ne pas reprendre tel quel)</h2>!${article.kicker ? html`<p class="desk-reading__kicker">${article.kicker}</p>` : ''}<p class="desk-reading__headline">${article.headline}</p>!${article.lead ? html`<p class="desk-reading__lead">${article.lead}</p>` : ''}!${facts.length ? html`<p class="desk-reading__facts">!${facts.join(' · ')}</p>` : ''}!${parts}</section>`;
}

/** /admin/veille/articles/:id: one item, its story, its extracted text, and "Créer une pépite". */
export function renderItemPage(input: {
  item: ItemRow & { outlet_name: string };
  story: { id: number; outletName: string; headline: string; publishedAt: string }[];
  extraction: ExtractedArticle | null;
  drafts: { id: number; headline: string }[];
  readError?: string;
  csrfToken: string;
}): string {
  const { item } = input;
  const id = String(item.id);
  const others = input.story.filter((s) => s.id !== item.id);
  return html`<p><a href="/admin/veille">← La veille</a></p><h1 lang="${item.language}">${item.headline}</h1><p class="desk-story__meta">${item.outlet_name}, publié le ${formatDateTimeFr(item.published_at)} · <a href="${item.url}" rel="noopener noreferrer">Lire chez ${item.outlet_name}</a></p>!${item.summary ? html`<p class="desk-summary" lang="${item.language}">${item.summary}</p>` : ''}
<div class="desk-item-actions"><form method="post" action="/admin/veille/articles/${id}/pepite">!${csrfInput(input.csrfToken)}<button type="submit" class="button">Créer une pépite</button></form><form method="post" action="/admin/veille/articles/${id}/lire">!${csrfInput(input.csrfToken)}<button type="submit" class="button button--quiet">${input.extraction ? 'Relire la page' : 'Lire le texte de l’article'}</button></form></div>
!${input.drafts.length ? html`<p class="notice notice--info">Pépites déjà tirées de cet article : !${input.drafts.map((d) => html`<a href="/admin/articles/${String(d.id)}">${d.headline}</a>`).join(', ')}</p>` : ''}
!${input.readError ? html`<div class="notice notice--error" role="alert"><p>${input.readError}</p></div>` : ''}
!${input.extraction ? renderExtraction(input.extraction) : ''}
!${others.length ? html`<section aria-labelledby="meme-sujet"><h2 id="meme-sujet">Le même sujet ailleurs</h2><ul>!${others.map((s) => html`<li>${s.outletName} : <a href="/admin/veille/articles/${String(s.id)}">${s.headline}</a> (${formatDateTimeFr(s.publishedAt)})</li>`)}</ul></section>` : ''}`;
}
