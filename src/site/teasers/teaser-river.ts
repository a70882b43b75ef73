import type { ArticleTeaser } from '../../articles/teaser-repository.ts';
import { html } from '../../core/html/html.ts';
import { fr } from '../../core/text/typography.ts';
import { renderTeaserCard } from './teaser-card.ts';

/** The top of a listing page: a small label ("Rubrique", "Sujet"), the h1, an optional description and extra HTML. */
export function renderListingHeader(h: { label?: string; title: string; description?: string; extra?: string }): string {
  const label = h.label ? html`<p class="listing-header__label">${fr(h.label)}</p>` : '';
  const description = h.description?.trim() ? html`<p class="listing-header__description">${fr(h.description)}</p>` : '';
  return html`<header class="listing-header">!${label}<h1 class="listing-header__title">${fr(h.title)}</h1>!${description}!${h.extra ?? ''}</header>`;
}

export interface RiverOptions {
  /** Level of each teaser heading (2 right under the h1). */
  headingLevel?: 2 | 3;
  /** On the first page, open with a large card and a row of three; later pages are a plain list. */
  featured?: boolean;
  /** Name the section on cards without a kicker (author and tag pages mix sections). */
  showSection?: boolean;
}

/** A paginated list of articles: newest first, large card then grid on page 1, then picture-on-the-side rows. */
export function renderTeaserRiver(teasers: readonly ArticleTeaser[], opts: RiverOptions = {}): string {
  if (teasers.length === 0) return html`<p class="listing-empty">Aucun article publié pour le moment.</p>`;
  const level = opts.headingLevel ?? 2;
  const common = { headingLevel: level, showSection: opts.showSection };
  let rest = teasers;
  let top = '';
  if (opts.featured) {
    const [first, ...others] = teasers;
    const row = others.slice(0, 3);
    rest = others.slice(3);
    // The first picture of a listing page is its largest contentful paint: loaded at once.
    top = html`<div class="river__top">!${renderTeaserCard(first, { ...common, size: 'large', eager: true })}!${
      row.length ? html`<div class="river__row">!${row.map((t) => renderTeaserCard(t, { ...common, size: 'medium' }))}</div>` : ''
    }</div>`;
  }
  const list = rest.length
    ? html`<div class="river__list">!${rest.map((t) => renderTeaserCard(t, { ...common, size: 'small', showLead: true }))}</div>`
    : '';
  return html`<div class="river">!${top}!${list}</div>`;
}
