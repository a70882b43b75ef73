/**
 * How the article will look in a search result and in a share card, rendered on the server from
 * the form's values (so it is right without JavaScript too) and kept live by the island as the
 * person types. The same fallbacks as the public page: SEO title, else headline; SEO
 * description, else lead.
 */
import { html } from '../../core/html/html.ts';
import type { ImageChoice } from './editor-repository.ts';

/** Search engines cut titles around 60 characters and descriptions around 160. */
export const SERP_TITLE_LENGTH = 60;
export const SERP_DESCRIPTION_LENGTH = 160;

export interface SeoPreviewInput {
  publicUrl: string;
  publicationName: string;
  sectionSlug: string;
  slug: string;
  headline: string;
  lead: string;
  seoTitle: string;
  seoDescription: string;
  hero: ImageChoice | null;
}

/** Cuts text at a word boundary with an ellipsis, as result pages do. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

/** The two previews side by side (stacked on phones). */
export function renderSeoPreview(input: SeoPreviewInput): string {
  const title = input.seoTitle.trim() || input.headline.trim() || 'Titre de l’article';
  const description = input.seoDescription.trim() || input.lead.trim() || 'Le chapô sert de description tant qu’aucune n’est écrite.';
  const host = new URL(input.publicUrl).host;
  const pathParts = [input.sectionSlug, input.slug].filter(Boolean);
  const image = input.hero
    ? html`<img class="share-card__image" src="${input.hero.url}" alt="" width="${String(input.hero.width)}" height="${String(input.hero.height)}" data-preview="image">`
    : html`<div class="share-card__image share-card__image--empty" data-preview="image">Pas d’image principale</div>`;
  return html`<div class="seo-preview" data-seo-preview data-host="${host}" data-publication="${input.publicationName}">
<div class="seo-preview__item"><h3 class="seo-preview__label">Résultat de recherche</h3>
<div class="serp"><p class="serp__site"><span class="serp__name">${input.publicationName}</span> <span class="serp__url" data-preview="url">${[host, ...pathParts].join(' › ')}</span></p>
<p class="serp__title" data-preview="title">${truncate(title, SERP_TITLE_LENGTH)}</p>
<p class="serp__description" data-preview="description">${truncate(description, SERP_DESCRIPTION_LENGTH)}</p></div></div>
<div class="seo-preview__item"><h3 class="seo-preview__label">Carte de partage</h3>
<div class="share-card">!${image}<div class="share-card__text"><p class="share-card__domain" data-preview="domain">${host.toUpperCase()}</p><p class="share-card__title" data-preview="card-title">${truncate(title, 90)}</p><p class="share-card__description" data-preview="card-description">${truncate(description, 120)}</p></div></div></div>
</div>`;
}
