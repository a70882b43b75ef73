import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { renderPicture } from '../images/picture.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { profilePageJsonLd } from '../site/seo/profile-page-json-ld.ts';
import { listingHead, socialImage, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { metaDescription } from '../site/seo/description.ts';
import { renderPagination } from '../site/teasers/pagination.ts';
import { loadTeaserPage } from '../site/teasers/teaser-page.ts';
import { renderTeaserRiver } from '../site/teasers/teaser-river.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import type { Person } from './person-repository.ts';

/** The public path of an author page. */
export function personPath(p: { slug: string }): string {
  return `/auteur/${p.slug}`;
}

const KIND_LABELS = { staff: 'Journaliste', contributor: 'Contributeur extérieur' } as const;

/** Renders page `page` of an author page: portrait, name, role, bio, links, then their articles. */
export async function renderPersonPage(
  ctx: AppContext,
  person: Person,
  page: number,
  after?: number,
): Promise<{ html: string; tags: string[] }> {
  const [chrome, listing] = await Promise.all([
    loadSiteChrome(ctx.db),
    loadTeaserPage(ctx.db, { personId: person.id }, page, undefined, after, ctx.memo),
  ]);
  const basePath = personPath(person);
  const crumbs = [{ name: person.name, path: basePath }];
  const head = listingHead(ctx, chrome, {
    title: person.name,
    description: metaDescription([person.roleLine, person.bio].filter(Boolean).join(' — ') || `Les articles de ${person.name}.`, 300),
    basePath,
    page,
    pageCount: listing.pageCount,
    breadcrumb: crumbs,
    extraHead: feedAlternateLinks(ctx.config.publicUrl, `${chrome.settings.name} — ${person.name}`, 'author', person.slug),
    jsonLd: [
      profilePageJsonLd({
        url: ctx.config.publicUrl + basePath,
        name: person.name,
        roleLine: person.roleLine,
        bio: person.bio,
        imageUrl: person.photo ? socialImage(ctx.config.publicUrl, person.photo, '1x1').url : null,
        links: person.links,
      }),
    ],
    ogType: 'profile',
    image: person.photo ? { image: person.photo, crop: '1x1' } : undefined,
  });
  const photo = person.photo
    ? html`<div class="profile__photo">!${renderPicture(person.photo, { crop: '1x1', sizes: '(min-width: 48rem) 10rem, 6rem', widths: [320, 480], eager: true, className: 'profile__image' })}</div>`
    : '';
  const role = person.roleLine.trim() ? html`<p class="profile__role">${fr(person.roleLine)}</p>` : '';
  const bio =
    page === 1 && person.bio.trim()
      ? html`<div class="profile__bio">!${person.bio.split(/\n{2,}/).map((para) => html`<p>${fr(para.trim())}</p>`)}</div>`
      : '';
  const links =
    page === 1 && person.links.length
      ? html`<ul class="profile__links" aria-label="Liens de ${person.name}">!${person.links.map((l) => html`<li><a href="${l.url}" rel="me noopener">${fr(l.label)}</a></li>`)}</ul>`
      : '';
  const countLine = listing.more
    ? `plus de ${listing.total} articles`
    : listing.total === 0
      ? ''
      : listing.total === 1
        ? '1 article'
        : `${listing.total} articles`;
  const main = html`<div class="listing listing--person">!${renderBreadcrumb(withHome(crumbs))}<header class="profile">!${photo}<div class="profile__id"><p class="profile__kind">${KIND_LABELS[person.kind]}</p><h1 class="profile__name">${fr(person.name)}</h1>!${role}</div>!${bio || links ? html`<div class="profile__about">!${bio}!${links}</div>` : ''}</header><section class="listing__main" aria-labelledby="articles-auteur"><h2 class="listing__section-title" id="articles-auteur">Ses articles${page > 1 ? `, page ${page}` : ''} <span class="listing__count">${countLine}</span></h2>!${renderTeaserRiver(listing.teasers, { headingLevel: 3, showSection: true })}!${renderPagination(basePath, page, listing.pageCount, listing.more, listing.nextAfter)}</section></div>`;
  return {
    html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-listing page-person' }),
    tags: [`person:${person.id}`, ...teaserTags(listing.teasers)],
  };
}
