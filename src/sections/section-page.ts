import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { type DossierSummary, listDossiers } from '../dossiers/dossier-repository.ts';
import { renderDossierCard } from '../dossiers/dossier-card.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { listSeries, type SeriesSummary } from '../series/series-repository.ts';
import { renderSeriesCard } from '../series/series-card.ts';
import { renderLayout } from '../site/layout.ts';
import { listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderPagination } from '../site/teasers/pagination.ts';
import { loadTeaserPage } from '../site/teasers/teaser-page.ts';
import { renderListingHeader, renderTeaserRiver } from '../site/teasers/teaser-river.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import type { Section } from './section-repository.ts';

const ASIDE_DOSSIERS = 6;

/** Renders page `page` of a section: its articles, and on page 1 its dossiers and series. */
export async function renderSectionPage(
  ctx: AppContext,
  section: Section,
  page: number,
  after?: number,
): Promise<{ html: string; tags: string[] }> {
  const now = new Date().toISOString();
  const firstPage = page === 1;
  const [chrome, listing, dossiers, series] = await Promise.all([
    loadSiteChrome(ctx.db),
    loadTeaserPage(ctx.db, { sectionId: section.id }, page, now, after, ctx.memo),
    // The aside changes with the section's content (its tag) or with one of the items it shows.
    firstPage
      ? ctx.memo.get(
          `section:${section.id}:dossiers`,
          (list) => [`section:${section.id}`, ...list.map((d) => `dossier:${d.id}`)],
          () => listDossiers(ctx.db, { sectionId: section.id, limit: ASIDE_DOSSIERS }, now),
        )
      : Promise.resolve([]),
    firstPage
      ? ctx.memo.get(
          `section:${section.id}:series`,
          (list) => [`section:${section.id}`, ...list.map((s) => `series:${s.id}`)],
          () => listSeries(ctx.db, { sectionId: section.id }, now),
        )
      : Promise.resolve([]),
  ]);
  const basePath = `/${section.slug}`;
  const head = listingHead(ctx, chrome, {
    title: section.name,
    description: section.description || `Les articles de la rubrique ${section.name}.`,
    basePath,
    page,
    pageCount: listing.pageCount,
    breadcrumb: [{ name: section.name, path: basePath }],
    extraHead: feedAlternateLinks(ctx.config.publicUrl, `${chrome.settings.name} — ${section.name}`, 'section', section.slug),
  });
  const aside = renderSectionAside(dossiers, series);
  const main = html`<div class="listing listing--section">!${renderBreadcrumb(withHome([{ name: section.name, path: basePath }]))}!${renderListingHeader(
    {
      label: 'Rubrique',
      title: section.name,
      description: firstPage ? section.description : listing.more ? `Page ${page}` : `Page ${page} sur ${listing.pageCount}`,
    },
  )}<div class="listing__columns${aside ? ' listing__columns--aside' : ''}"><div class="listing__main">!${renderTeaserRiver(listing.teasers, { featured: firstPage })}!${renderPagination(basePath, page, listing.pageCount, listing.more, listing.nextAfter)}</div>!${aside}</div></div>`;
  const tags = [
    `section:${section.id}`,
    ...teaserTags(listing.teasers),
    ...dossiers.map((d) => `dossier:${d.id}`),
    ...series.map((s) => `series:${s.id}`),
  ];
  return { html: renderLayout(ctx, chrome, head, main, { currentSlug: section.slug, bodyClass: 'page-listing page-section' }), tags };
}

function renderSectionAside(dossiers: DossierSummary[], series: SeriesSummary[]): string {
  if (dossiers.length === 0 && series.length === 0) return '';
  const dossierBlock = dossiers.length
    ? html`<section class="aside-block" aria-labelledby="aside-dossiers"><h2 class="aside-block__title" id="aside-dossiers">Dossiers</h2><div class="aside-block__list">!${dossiers.map((d) => renderDossierCard(d, { headingLevel: 3, introLength: 120 }))}</div></section>`
    : '';
  const seriesBlock = series.length
    ? html`<section class="aside-block" aria-labelledby="aside-series"><h2 class="aside-block__title" id="aside-series">Rendez-vous</h2><div class="aside-block__list">!${series.map((s) => renderSeriesCard(s, { headingLevel: 3 }))}</div></section>`
    : '';
  return html`<aside class="listing__aside" aria-label="Dossiers et rendez-vous de la rubrique">!${dossierBlock}!${seriesBlock}</aside>`;
}
