import type { ArticleTeaser } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { feedAlternateLinks } from '../feeds/feed-links.ts';
import { html } from '../core/html/html.ts';
import { formatDateFr } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { renderDossierCard } from '../dossiers/dossier-card.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import { renderSeriesCard } from '../series/series-card.ts';
import { renderLayout } from '../site/layout.ts';
import { jsonLdScript, organizationJsonLd } from '../site/seo/json-ld.ts';
import { renderOpenGraph } from '../site/seo/open-graph.ts';
import { renderTeaserCard } from '../site/teasers/teaser-card.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import { renderDepecheList, renderMediaCard, renderPepiteItem } from '../site/teasers/teaser-variants.ts';
import { HOME_TAG, type HomeData } from './home-repository.ts';

/** A titled block of the front page; the title links to the full listing when `href` is given. */
function block(id: string, title: string, body: string, opts: { href?: string; className?: string } = {}): string {
  const heading = opts.href
    ? html`<h2 class="home-block__title" id="${id}"><a href="${opts.href}">${fr(title)}<span class="home-block__arrow" aria-hidden="true"> →</span></a></h2>`
    : html`<h2 class="home-block__title" id="${id}">${fr(title)}</h2>`;
  return html`<section class="home-block ${opts.className ?? ''}" aria-labelledby="${id}">!${heading}!${body}</section>`;
}

/** The section all these teasers belong to, to link a block to it; undefined when they are mixed. */
function sharedSectionPath(teasers: readonly ArticleTeaser[]): string | undefined {
  const first = teasers[0];
  return first && teasers.every((t) => t.sectionId === first.sectionId) ? `/${first.sectionSlug}` : undefined;
}

function renderTop(lead: ArticleTeaser | null, top: ArticleTeaser[]): string {
  if (!lead) return html`<p class="listing-empty">Aucun article publié pour le moment.</p>`;
  const topList = top.length
    ? html`<div class="home-top__list">!${top.map((t) => renderTeaserCard(t, { size: 'small', headingLevel: 2 }))}</div>`
    : '';
  return html`<div class="home-top"><div class="home-top__lead" data-part="lead-story">!${renderTeaserCard(lead, { size: 'lead', headingLevel: 2, eager: true })}</div>!${topList}</div>`;
}

function renderPepites(data: HomeData): string {
  const { day, isToday, teasers } = data.pepites;
  if (!day || teasers.length === 0) return '';
  // The block keeps its promise: "du jour" only when they are today's.
  const title = isToday ? 'Les pépites du jour' : `Les pépites du ${formatDateFr(`${day}T12:00:00Z`)}`;
  return block('pepites', title, html`<div class="pepites">!${teasers.map((t) => renderPepiteItem(t, { headingLevel: 3 }))}</div>`, {
    href: sharedSectionPath(teasers),
    className: 'home-block--pepites',
  });
}

function renderSectionBlocks(data: HomeData): string {
  if (data.sectionBlocks.length === 0) return '';
  const blocks = data.sectionBlocks.map(({ section, teasers }) => {
    const [first, ...rest] = teasers;
    const body = html`<div class="section-block">!${renderTeaserCard(first, { size: 'medium', headingLevel: 3 })}!${
      rest.length
        ? html`<div class="section-block__more">!${rest.map((t) => renderTeaserCard(t, { size: 'compact', headingLevel: 3 }))}</div>`
        : ''
    }</div>`;
    return block(`rubrique-${section.slug}`, section.name, body, { href: `/${section.slug}`, className: 'home-block--section' });
  });
  return html`<div class="home-sections">!${blocks}</div>`;
}

function mediaBlock(id: string, title: string, teasers: ArticleTeaser[], className: string): string {
  if (teasers.length === 0) return '';
  return block(id, title, html`<div class="card-grid card-grid--3">!${teasers.map((t) => renderMediaCard(t, { headingLevel: 3 }))}</div>`, {
    href: sharedSectionPath(teasers),
    className,
  });
}

/** The front page: lead and top stories, wire and picks, a block per main section, media, dossiers and series. */
export function renderHomePage(ctx: AppContext, chrome: SiteChrome, data: HomeData): { html: string; tags: string[] } {
  const { name, tagline } = chrome.settings;
  const depeches = data.depeches.length
    ? block('depeches', 'Dernières dépêches', renderDepecheList(data.depeches, { today: data.today }), {
        href: sharedSectionPath(data.depeches),
        className: 'home-block--depeches',
      })
    : '';
  const pepites = renderPepites(data);
  const dossiers = data.dossiers.length
    ? block(
        'dossiers',
        'Dossiers',
        html`<div class="card-grid card-grid--3">!${data.dossiers.map((d) => renderDossierCard(d, { headingLevel: 3 }))}</div>`,
        { className: 'home-block--dossiers' },
      )
    : '';
  const series = data.series.length
    ? block(
        'rendez-vous',
        'Rendez-vous',
        html`<div class="card-grid card-grid--4">!${data.series.map((s) => renderSeriesCard(s, { headingLevel: 3 }))}</div>`,
        { className: 'home-block--series' },
      )
    : '';

  const main = html`<div class="home"><h1 class="visually-hidden">${fr(name)}${tagline ? ` — ${fr(tagline)}` : ''}</h1>!${renderTop(data.lead, data.top)}!${
    depeches || pepites ? html`<div class="home-wire">!${pepites}!${depeches}</div>` : ''
  }!${renderSectionBlocks(data)}!${mediaBlock('videos', 'Vidéos', data.videos, 'home-block--videos')}!${mediaBlock('podcasts', 'Podcasts', data.podcasts, 'home-block--podcasts')}!${dossiers}!${series}</div>`;

  const url = `${ctx.config.publicUrl}/`;
  const description = tagline || `${name} : l’actualité décryptée.`;
  const extraHead = [
    renderOpenGraph({ type: 'website', title: name, description, url, siteName: name }),
    feedAlternateLinks(ctx.config.publicUrl, name, 'home', null),
    jsonLdScript({
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name,
      url,
      inLanguage: 'fr',
      ...(tagline ? { description: tagline } : {}),
      publisher: { ...organizationJsonLd({ name, url }), '@type': 'NewsMediaOrganization' },
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${url}recherche?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    }),
  ].join('');
  const head = { title: tagline ? `${name} — ${tagline}` : name, description, canonicalPath: '/', extraHead };

  const teasers = [
    data.lead,
    ...data.top,
    ...data.sectionBlocks.flatMap((b) => b.teasers),
    ...data.pepites.teasers,
    ...data.depeches,
    ...data.videos,
    ...data.podcasts,
  ].filter((t): t is ArticleTeaser => t !== null);
  const tags = [
    HOME_TAG,
    ...teaserTags(teasers),
    ...data.sectionBlocks.map((b) => `section:${b.section.id}`),
    ...data.dossiers.map((d) => `dossier:${d.id}`),
    ...data.series.map((s) => `series:${s.id}`),
  ];
  return { html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-home', isHome: true }), tags };
}
