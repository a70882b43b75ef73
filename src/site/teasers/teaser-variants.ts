import { articlePath, type ArticleTeaser } from '../../articles/teaser-repository.ts';
import { html } from '../../core/html/html.ts';
import { formatTimeFr, toParisIso } from '../../core/text/dates.ts';
import { fr } from '../../core/text/typography.ts';
import { parisDay, shortDateFr } from './paris-day.ts';
import { renderHeading, renderTeaserCard, renderTeaserMeta } from './teaser-card.ts';

/**
 * One line of the wire feed: time, then headline. Items of another day than `today` (a Paris
 * calendar day, "2026-11-26") also give their date, so yesterday's 23 h 40 is not read as today's.
 */
export function renderDepecheItem(t: ArticleTeaser, opts: { today?: string } = {}): string {
  const sameDay = !opts.today || parisDay(t.publishedAt) === opts.today;
  const day = sameDay ? '' : html`<span class="depeche__day">${shortDateFr(t.publishedAt)}</span> `;
  return html`<li class="depeche"><time class="depeche__time" datetime="${toParisIso(t.publishedAt)}">!${day}${formatTimeFr(t.publishedAt)}</time> <a class="depeche__link" href="${articlePath(t)}">${fr(t.headline)}</a></li>`;
}

/** The wire feed as an ordered list of dépêche lines. */
export function renderDepecheList(teasers: readonly ArticleTeaser[], opts: { today?: string } = {}): string {
  return html`<ol class="depeches">!${teasers.map((t) => renderDepecheItem(t, opts))}</ol>`;
}

/** A curated pick: kicker, headline and the outlet it comes from ("via Le Monde"). */
export function renderPepiteItem(t: ArticleTeaser, opts: { headingLevel?: 2 | 3 | 4 } = {}): string {
  const kicker = t.kicker.trim() ? html`<p class="pepite__kicker">${fr(t.kicker)}</p>` : '';
  const heading = renderHeading(
    opts.headingLevel ?? 3,
    html`<a class="pepite__link" href="${articlePath(t)}">${fr(t.headline)}</a>`,
    'pepite__title',
  );
  const source = t.sourceOutlet?.trim() ? html`<p class="pepite__source">via <cite>${fr(t.sourceOutlet)}</cite></p>` : '';
  return html`<article class="pepite">!${kicker}!${heading}!${source}</article>`;
}

/** A video or podcast card: a medium card whose picture carries the format badge. */
export function renderMediaCard(t: ArticleTeaser, opts: { headingLevel?: 2 | 3 | 4 } = {}): string {
  return renderTeaserCard(t, { size: 'medium', headingLevel: opts.headingLevel ?? 3 });
}

/** A headline-only line with the date, for dense lists (a dossier's sidebar, "à lire aussi"). */
export function renderCompactItem(t: ArticleTeaser, opts: { headingLevel?: 2 | 3 | 4 } = {}): string {
  const heading = renderHeading(opts.headingLevel ?? 3, html`<a class="teaser__link" href="${articlePath(t)}">${fr(t.headline)}</a>`);
  return html`<article class="teaser teaser--compact">!${heading}!${renderTeaserMeta(t, { withByline: false })}</article>`;
}
