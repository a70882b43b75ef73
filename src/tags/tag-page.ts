import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderPagination } from '../site/teasers/pagination.ts';
import { loadTeaserPage } from '../site/teasers/teaser-page.ts';
import { renderListingHeader, renderTeaserRiver } from '../site/teasers/teaser-river.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import type { Tag } from './tag-repository.ts';

/** The public path of a tag page. */
export function tagPath(t: { slug: string }): string {
  return `/sujet/${t.slug}`;
}

/** Renders page `page` of a tag: every article on the subject, newest first. */
export async function renderTagPage(ctx: AppContext, tag: Tag, page: number, after?: number): Promise<{ html: string; tags: string[] }> {
  const [chrome, listing] = await Promise.all([
    loadSiteChrome(ctx.db),
    loadTeaserPage(ctx.db, { tagId: tag.id }, page, undefined, after, ctx.memo),
  ]);
  const basePath = tagPath(tag);
  const crumbs = [{ name: tag.name, path: basePath }];
  const count = listing.more ? `plus de ${listing.total} articles` : listing.total === 1 ? '1 article' : `${listing.total} articles`;
  const head = listingHead(ctx, chrome, {
    title: tag.name,
    description: `Toute l’actualité et nos analyses sur le sujet « ${tag.name} » : ${count}.`,
    basePath,
    page,
    pageCount: listing.pageCount,
    breadcrumb: crumbs,
    extraHead: feedAlternateLinks(ctx.config.publicUrl, `${chrome.settings.name} — ${tag.name}`, 'tag', tag.slug),
  });
  const description =
    page === 1
      ? `${count.charAt(0).toUpperCase()}${count.slice(1)} sur ce sujet, du plus récent au plus ancien.`
      : listing.more
        ? `Page ${page}`
        : `Page ${page} sur ${listing.pageCount}`;
  const main = html`<div class="listing listing--tag">!${renderBreadcrumb(withHome(crumbs))}!${renderListingHeader({ label: 'Sujet', title: tag.name, description })}<div class="listing__main">!${renderTeaserRiver(listing.teasers, { featured: page === 1, showSection: true })}!${renderPagination(basePath, page, listing.pageCount, listing.more, listing.nextAfter)}</div></div>`;
  return {
    html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-listing page-tag' }),
    tags: [`tag:${tag.id}`, ...teaserTags(listing.teasers)],
  };
}
