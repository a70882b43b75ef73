import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { formatDateFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { renderPicture } from '../images/picture.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderLayout } from '../site/layout.ts';
import { breadcrumbJsonLd } from '../site/seo/breadcrumb-json-ld.ts';
import { metaDescription } from '../site/seo/description.ts';
import { jsonLdScript } from '../site/seo/json-ld.ts';
import { coverArt, showFeedPath, showPath } from './podcast-feed.ts';
import { showTag } from './show-operations.ts';
import { otherLinks, type PublicEpisode, type ShowRow } from './show-repository.ts';
import { formatClock } from './timed-text.ts';

/** The "S'abonner" links of a show: Apple Podcasts, Spotify, other platforms, then the raw feed. */
export function subscribeLinks(publicUrl: string, show: ShowRow): string {
  const links = [
    ...(show.apple_url ? [{ label: 'Apple Podcasts', url: show.apple_url }] : []),
    ...(show.spotify_url ? [{ label: 'Spotify', url: show.spotify_url }] : []),
    ...otherLinks(show),
    { label: 'Flux RSS', url: publicUrl + showFeedPath(show.slug) },
  ];
  return html`<nav class="podcast-subscribe" aria-label="S’abonner au podcast"><p class="podcast-subscribe__title">S’abonner</p><ul>!${links.map(
    (l) => html`<li><a href="${l.url}">${l.label}</a></li>`,
  )}</ul></nav>`;
}

/** "Saison 2, épisode 5", "Épisode 5", "Bande-annonce"… or ''. */
export function episodeLabel(e: { season: number | null; episodeNumber: number | null; episodeType: string }): string {
  const parts = [e.season !== null ? `Saison ${e.season}` : '', e.episodeNumber !== null ? `épisode ${e.episodeNumber}` : ''].filter(
    Boolean,
  );
  const numbered = parts.join(', ');
  const label = numbered ? numbered[0].toUpperCase() + numbered.slice(1) : '';
  const type = e.episodeType === 'trailer' ? 'Bande-annonce' : e.episodeType === 'bonus' ? 'Bonus' : '';
  return [label, type].filter(Boolean).join(' · ');
}

/** /podcast/:slug: the show, how to subscribe, and its episodes newest first. */
export function renderShowPage(
  ctx: AppContext,
  chrome: SiteChrome,
  show: ShowRow,
  cover: ImageRecord | null,
  episodes: PublicEpisode[],
): { html: string; tags: string[] } {
  const base = ctx.config.publicUrl;
  const path = showPath(show.slug);
  const crumbs = [
    { name: 'Accueil', path: '/' },
    { name: show.title, path },
  ];
  const series = {
    '@context': 'https://schema.org',
    '@type': 'PodcastSeries',
    name: show.title,
    description: show.description,
    url: base + path,
    webFeed: base + showFeedPath(show.slug),
    inLanguage: show.language,
    author: { '@type': 'Person', name: show.author_name },
    publisher: { '@type': 'Organization', name: chrome.settings.name, url: `${base}/` },
    ...(cover ? { image: coverArt(base, cover).url } : {}),
  };
  const head = {
    title: `${show.title} | ${chrome.settings.name}`,
    description: metaDescription(show.description, 300),
    canonicalPath: path,
    extraHead:
      html`<link rel="alternate" type="application/rss+xml" title="${show.title}" href="${base + showFeedPath(show.slug)}">` +
      jsonLdScript(series) +
      jsonLdScript(breadcrumbJsonLd(base, crumbs)),
  };
  const coverHtml = cover
    ? html`<div class="podcast-show__cover">!${renderPicture(cover, { crop: '1x1', sizes: '(min-width: 40rem) 16rem, 60vw', widths: [320, 480, 640] })}</div>`
    : '';
  const items = episodes.map((e) => {
    const label = episodeLabel(e);
    const duration = e.audio?.durationSeconds ? html` · <span>Durée ${formatClock(e.audio.durationSeconds)}</span>` : '';
    return html`<li class="podcast-episode"><h3 class="podcast-episode__title"><a href="/${e.sectionSlug}/${e.slug}">${fr(e.headline)}</a></h3><p class="podcast-episode__meta">!${label ? html`<span>${label}</span> · ` : ''}<time datetime="${toParisIso(e.publishedAt)}">${formatDateFr(e.publishedAt)}</time>!${duration}</p>!${e.lead.trim() ? html`<p class="podcast-episode__lead">${fr(e.lead)}</p>` : ''}</li>`;
  });
  const list = episodes.length
    ? html`<ol class="podcast-episodes">!${items}</ol>`
    : html`<p class="notice">Le premier épisode arrive bientôt.</p>`;
  const main = html`<div class="podcast-show">!${renderBreadcrumb(crumbs)}<header class="podcast-show__header">!${coverHtml}<div><p class="podcast-show__label">Podcast</p><h1 class="podcast-show__title">${fr(show.title)}</h1><p class="podcast-show__description">${fr(show.description)}</p><p class="podcast-show__author">Par ${fr(show.author_name)}</p>!${subscribeLinks(base, show)}</div></header><section aria-labelledby="episodes-titre"><h2 id="episodes-titre">Épisodes</h2>!${list}</section></div>`;
  const tags = [showTag(show.id), 'format:podcast', ...episodes.map((e) => `article:${e.articleId}`)];
  return { html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-listing page-podcast' }), tags };
}
