/**
 * The parts of the article page around the headline and the body, each in its own element with
 * the `data-part` name the anatomy (docs: anatomy.md) and the end-to-end tests use.
 */
import { html } from '../core/html/html.ts';
import { formatDateFr, formatDateTimeFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { renderPicture } from '../images/picture.ts';
import type { ArticleAuthor, ArticleCorrection, ArticleSeries, ArticleSource, ArticleTag, FullArticle } from './article-repository.ts';

/** "Par <a>A</a> et <a>B</a>", then each author's role line. */
export function renderByline(authors: readonly ArticleAuthor[]): string {
  if (authors.length === 0) return '';
  const links = authors.map((a) => html`<a class="byline__name" href="/auteur/${a.slug}">${fr(a.name)}</a>`);
  const names = links.length === 1 ? links[0] : `${links.slice(0, -1).join(', ')} et ${links[links.length - 1]}`;
  const withRoles = authors.filter((a) => a.roleLine.trim());
  // One author: the role line alone reads as a caption of the name; several: each name says whose it is.
  const roles = withRoles.length
    ? html`<ul class="byline__roles" role="list">!${withRoles
        .map((a) =>
          authors.length === 1
            ? html`<li class="byline__role">${fr(a.roleLine)}</li>`
            : html`<li class="byline__role"><span class="byline__role-name">${fr(a.name)}</span> ${fr(a.roleLine)}</li>`,
        )
        .join('')}</ul>`
    : '';
  // Portraits repeat the names beside them: hidden from assistive technologies.
  const withPhotos = authors.filter((a) => a.photo);
  const photos = withPhotos.length
    ? html`<span class="byline__photos" aria-hidden="true">!${withPhotos
        .map((a) => renderPicture(a.photo!, { sizes: '3rem', crop: '1x1', widths: [320], className: 'byline__photo' }))
        .join('')}</span>`
    : '';
  return html`<div class="byline" data-part="byline">!${photos}<div class="byline__text"><p class="byline__names">Par !${names}</p>!${roles}</div></div>`;
}

/** "Publié le 1er décembre 2026 à 8 h 05", and "Mis à jour le …" when the article changed since. */
export function renderDates(publishedAt: string, updatedAt: string | null, readingMinutes: number): string {
  const published = html`<span class="article__date">Publié le <time datetime="${toParisIso(publishedAt)}">${formatDateTimeFr(publishedAt)}</time></span>`;
  const updated =
    updatedAt && updatedAt > publishedAt
      ? html`<span class="article__date">Mis à jour le <time datetime="${toParisIso(updatedAt)}">${formatDateTimeFr(updatedAt)}</time></span>`
      : '';
  const reading = readingMinutes > 0 ? html`<span class="article__reading">Lecture&nbsp;: ${String(readingMinutes)}&nbsp;min</span>` : '';
  return html`<p class="article__dates" data-part="dates">!${published}!${updated}!${reading}</p>`;
}

/** "Cette chronique fait partie de la série …": the way to the other episodes. */
export function renderSeriesLine(series: ArticleSeries | null, format: FullArticle['format']): string {
  if (!series) return '';
  const lead = format === 'chronique' ? 'Cette chronique fait partie de la série' : 'Cet article fait partie de la série';
  const cadence = series.cadence.trim() ? html` <span class="article__series-cadence">(${fr(series.cadence)})</span>` : '';
  return html`<p class="article__series">${lead} <a href="/serie/${series.slug}">${fr(series.title)}</a>!${cadence}</p>`;
}

/** "Source : <a>Outlet</a>, « original headline »": required for curated picks. */
export function renderSource(source: ArticleSource | null): string {
  if (!source) return '';
  const outlet = source.url ? html`<a href="${source.url}" rel="noopener">${fr(source.outlet)}</a>` : html`${fr(source.outlet)}`;
  const original = source.headline?.trim()
    ? html`, <span class="article__source-headline">${fr(`« ${source.headline.trim()} »`)}</span>`
    : '';
  return html`<p class="article__source" data-part="source"><span class="article__source-label">Source&nbsp;:</span> !${outlet}!${original}</p>`;
}

/** Links to the tag pages. */
export function renderTags(tags: readonly ArticleTag[]): string {
  if (tags.length === 0) return '';
  const items = tags.map((t) => html`<li><a class="tag" href="/sujet/${t.slug}">${fr(t.name)}</a></li>`);
  return html`<div class="article__tags" data-part="tags"><h2 class="article__aside-title">Sujets</h2><ul class="tag-list" role="list">!${items.join('')}</ul></div>`;
}

/** The dated correction notes, oldest first (only when there are some). */
export function renderCorrections(corrections: readonly ArticleCorrection[]): string {
  if (corrections.length === 0) return '';
  const items = corrections.map(
    (c) => html`<li><time datetime="${toParisIso(c.notedAt)}">${formatDateFr(c.notedAt)}</time>&nbsp;: ${fr(c.text)}</li>`,
  );
  const title = corrections.length === 1 ? 'Correction' : 'Corrections';
  return html`<section class="corrections" data-part="corrections" aria-labelledby="corrections"><h2 class="corrections__title" id="corrections">${title}</h2><ol class="corrections__list" role="list">!${items.join('')}</ol></section>`;
}
