import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { excerpt } from '../site/teasers/excerpt.ts';
import { renderHeading } from '../site/teasers/teaser-card.ts';
import { cadenceLabel, type SeriesSummary } from './series-repository.ts';

/** The public path of a series. */
export function seriesPath(s: { slug: string }): string {
  return `/serie/${s.slug}`;
}

/** A series (rendez-vous) as a card: cadence, title (the link), short description. */
export function renderSeriesCard(s: SeriesSummary, opts: { headingLevel?: 2 | 3 | 4 } = {}): string {
  const cadence = cadenceLabel(s.cadence);
  const kicker = cadence ? html`<p class="teaser__kicker">${fr(cadence)}</p>` : '';
  const heading = renderHeading(opts.headingLevel ?? 3, html`<a class="teaser__link" href="${seriesPath(s)}">${fr(s.title)}</a>`);
  const description = s.description.trim() ? html`<p class="teaser__lead">${fr(excerpt(s.description, 160))}</p>` : '';
  return html`<article class="teaser teaser--series teaser--text"><div class="teaser__body">!${kicker}!${heading}!${description}</div></article>`;
}
