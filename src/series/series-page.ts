import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { type Crumb, listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderPagination } from '../site/teasers/pagination.ts';
import { loadTeaserPage } from '../site/teasers/teaser-page.ts';
import { renderListingHeader, renderTeaserRiver } from '../site/teasers/teaser-river.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import { seriesPath } from './series-card.ts';
import { cadenceLabel, type SeriesSummary } from './series-repository.ts';

/** Renders page `page` of a series (rendez-vous): cadence, description, its episodes newest first. */
export async function renderSeriesPage(
  ctx: AppContext,
  series: SeriesSummary,
  section: { id: number; slug: string; name: string } | undefined,
  page: number,
  after?: number,
): Promise<{ html: string; tags: string[] }> {
  const [chrome, listing] = await Promise.all([
    loadSiteChrome(ctx.db),
    loadTeaserPage(ctx.db, { seriesId: series.id }, page, undefined, after, ctx.memo),
  ]);
  const basePath = seriesPath(series);
  const crumbs: Crumb[] = [...(section ? [{ name: section.name, path: `/${section.slug}` }] : []), { name: series.title, path: basePath }];
  const cadence = cadenceLabel(series.cadence);
  const head = listingHead(ctx, chrome, {
    title: series.title,
    description: series.description || `${series.title} : tous les épisodes.`,
    basePath,
    page,
    pageCount: listing.pageCount,
    breadcrumb: crumbs,
    extraHead: feedAlternateLinks(ctx.config.publicUrl, `${chrome.settings.name} — ${series.title}`, 'series', series.slug),
  });
  const cadenceLine = cadence ? html`<p class="listing-header__cadence">${fr(cadence)}</p>` : '';
  const main = html`<div class="listing listing--series">!${renderBreadcrumb(withHome(crumbs))}!${renderListingHeader({
    label: 'Rendez-vous',
    title: series.title,
    description: page === 1 ? series.description : listing.more ? `Page ${page}` : `Page ${page} sur ${listing.pageCount}`,
    extra: cadenceLine,
  })}<div class="listing__main">!${renderTeaserRiver(listing.teasers, { featured: page === 1 })}!${renderPagination(basePath, page, listing.pageCount, listing.more, listing.nextAfter)}</div></div>`;
  const tags = [`series:${series.id}`, ...(section ? [`section:${section.id}`] : []), ...teaserTags(listing.teasers)];
  return { html: renderLayout(ctx, chrome, head, main, { currentSlug: section?.slug, bodyClass: 'page-listing page-series' }), tags };
}
