import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { renderPicture } from '../images/picture.ts';
import { excerpt } from '../site/teasers/excerpt.ts';
import { renderHeading } from '../site/teasers/teaser-card.ts';
import type { DossierSummary } from './dossier-repository.ts';

/** The public path of a dossier. */
export function dossierPath(d: { slug: string }): string {
  return `/dossier/${d.slug}`;
}

/** "1 article", "12 articles". */
export function articleCountLabel(n: number): string {
  return n === 1 ? '1 article' : `${n} articles`;
}

/** A dossier as a card: picture, "Dossier" label, title (the link), introduction and article count. */
export function renderDossierCard(
  d: DossierSummary,
  opts: { headingLevel?: 2 | 3 | 4; showImage?: boolean; introLength?: number } = {},
): string {
  const picture =
    opts.showImage !== false && d.heroImage
      ? html`<div class="teaser__media">!${renderPicture(d.heroImage, { crop: '16x9', sizes: '(min-width: 75rem) 24rem, (min-width: 48rem) 33vw, 100vw', className: 'teaser__image' })}</div>`
      : '';
  const heading = renderHeading(opts.headingLevel ?? 3, html`<a class="teaser__link" href="${dossierPath(d)}">${fr(d.title)}</a>`);
  const intro = d.introduction.trim() ? html`<p class="teaser__lead">${fr(excerpt(d.introduction, opts.introLength ?? 180))}</p>` : '';
  return html`<article class="teaser teaser--dossier${picture ? ' teaser--with-image' : ' teaser--text'}">!${picture}<div class="teaser__body"><p class="teaser__kicker">Dossier</p>!${heading}!${intro}<p class="teaser__meta"><span class="teaser__count">${articleCountLabel(d.articleCount)}</span></p></div></article>`;
}
