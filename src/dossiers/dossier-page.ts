import { teasersByIds } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { formatDateFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { renderFigure } from '../images/picture.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import type { Section } from '../sections/section-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { type Crumb, listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { metaDescription } from '../site/seo/description.ts';
import { renderTeaserCard } from '../site/teasers/teaser-card.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import { articleCountLabel, dossierPath } from './dossier-card.ts';
import { dossierArticleIds, type DossierSummary } from './dossier-repository.ts';

/** Renders a dossier: title, hero picture, editorial introduction, then its articles in reading order, numbered. */
export async function renderDossierPage(
  ctx: AppContext,
  dossier: DossierSummary,
  section: Section | undefined,
): Promise<{ html: string; tags: string[] }> {
  const now = new Date().toISOString();
  const [chrome, ids] = await Promise.all([loadSiteChrome(ctx.db), dossierArticleIds(ctx.db, dossier.id)]);
  // teasersByIds keeps the editors' order and leaves out articles that are not public.
  const teasers = await teasersByIds(ctx.db, ids, now, ctx.memo);
  const path = dossierPath(dossier);
  const crumbs: Crumb[] = [...(section ? [{ name: section.name, path: `/${section.slug}` }] : []), { name: dossier.title, path }];
  const head = listingHead(ctx, chrome, {
    title: dossier.title,
    description: metaDescription(dossier.introduction || dossier.title, 300),
    basePath: path,
    breadcrumb: crumbs,
    extraHead: feedAlternateLinks(ctx.config.publicUrl, `${chrome.settings.name} — ${dossier.title}`, 'dossier', dossier.slug),
    image: dossier.heroImage ? { image: dossier.heroImage, crop: '16x9' } : undefined,
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: dossier.title,
        url: ctx.config.publicUrl + path,
        datePublished: toParisIso(dossier.publishedAt),
        mainEntity: {
          '@type': 'ItemList',
          itemListOrder: 'https://schema.org/ItemListOrderAscending',
          numberOfItems: teasers.length,
          itemListElement: teasers.map((t, i) => ({
            '@type': 'ListItem',
            position: i + 1,
            url: `${ctx.config.publicUrl}/${t.sectionSlug}/${t.slug}`,
          })),
        },
      },
    ],
  });
  const hero = dossier.heroImage
    ? html`<div class="dossier__hero">!${renderFigure(dossier.heroImage, { crop: '16x9', sizes: '(min-width: 75rem) 72rem, 100vw', eager: true })}</div>`
    : '';
  const intro = dossier.introduction.trim()
    ? html`<div class="dossier__intro">!${dossier.introduction.split(/\n{2,}/).map((p) => html`<p>${fr(p.trim())}</p>`)}</div>`
    : '';
  const list = teasers.length
    ? html`<ol class="dossier__articles">!${teasers.map((t, i) => html`<li class="dossier__item">!${renderTeaserCard(t, { size: 'large', headingLevel: 3, number: i + 1, showSection: true })}</li>`)}</ol>`
    : html`<p class="listing-empty">Les articles de ce dossier seront publiés prochainement.</p>`;
  const main = html`<article class="listing dossier">!${renderBreadcrumb(withHome(crumbs))}<header class="listing-header dossier__header"><p class="listing-header__label">Dossier</p><h1 class="listing-header__title">${fr(dossier.title)}</h1><p class="dossier__meta">${articleCountLabel(teasers.length)} · publié le <time datetime="${toParisIso(dossier.publishedAt)}">${formatDateFr(dossier.publishedAt)}</time></p></header>!${hero}!${intro}<section class="dossier__list" aria-labelledby="dossier-sommaire"><h2 class="listing__section-title" id="dossier-sommaire">Sommaire du dossier</h2>!${list}</section></article>`;
  const tags = [`dossier:${dossier.id}`, ...(section ? [`section:${section.id}`] : []), ...teaserTags(teasers)];
  return { html: renderLayout(ctx, chrome, head, main, { currentSlug: section?.slug, bodyClass: 'page-listing page-dossier' }), tags };
}
