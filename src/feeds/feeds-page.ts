import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { listDossiers } from '../dossiers/dossier-repository.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { listSections } from '../sections/section-repository.ts';
import { listSeries } from '../series/series-repository.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderLayout } from '../site/layout.ts';
import { listingHead, withHome } from '../site/teasers/listing-head.ts';
import { feedAlternateLinks } from './feed-links.ts';
import { FEED_FILES, FEED_FORMATS, FEED_TYPES, type FeedKind, feedPath } from './feed-scope.ts';

const PATH = '/flux';

/** The "Flux RSS" page: every feed of the site, in the three formats, with a word on how to use them. */
export async function renderFeedsPage(ctx: AppContext): Promise<{ html: string; tags: string[] }> {
  const [chrome, sections, dossiers, series] = await Promise.all([
    loadSiteChrome(ctx.db),
    listSections(ctx.db),
    listDossiers(ctx.db, { limit: 200 }),
    listSeries(ctx.db, { limit: 200 }),
  ]);
  const name = chrome.settings.name;
  const head = listingHead(ctx, chrome, {
    title: 'Flux RSS',
    description: `Suivez ${name} dans votre lecteur de flux : la une, chaque rubrique, chaque format, chaque auteur, sujet, dossier et rendez-vous.`,
    basePath: PATH,
    breadcrumb: [{ name: 'Flux RSS', path: PATH }],
    extraHead: feedAlternateLinks(ctx.config.publicUrl, name, 'home', null),
  });
  const group = (id: string, title: string, rows: { label: string; kind: FeedKind; slug: string | null }[]) =>
    rows.length
      ? html`<section class="feeds__group" aria-labelledby="${id}"><h2 id="${id}">${fr(title)}</h2><ul class="feeds__list">!${rows.map((row) => feedRow(row.label, row.kind, row.slug)).join('')}</ul></section>`
      : '';
  const intro = html`<p>Un flux annonce chaque nouvel article dès sa publication. Copiez l’adresse d’un flux dans votre lecteur (Feedly, NetNewsWire, Thunderbird…) : le format RSS convient à presque tous, Atom et JSON Feed aux lecteurs qui les préfèrent.</p><p>Chaque page d’auteur et de sujet a aussi son flux : son adresse est celle de la page, précédée de <code>/flux</code> et suivie de <code>rss.xml</code>, par exemple <code>/flux/auteur/nom-de-l-auteur/rss.xml</code>.</p>`;
  const main = html`<article class="static-page feeds">!${renderBreadcrumb(withHome([{ name: 'Flux RSS', path: PATH }]))}<header class="static-page__header"><h1 class="static-page__title">Flux RSS</h1><p class="static-page__lead">${fr(`Suivez ${name} dans votre lecteur de flux.`)}</p></header><div class="static-page__body prose">!${intro}!${group('flux-une', 'La une', [{ label: 'Tous les articles', kind: 'home', slug: null }])}!${group(
    'flux-formats',
    'Formats',
    Object.entries(FEED_FORMATS).map(([slug, f]) => ({ label: f.label, kind: 'format' as const, slug })),
  )}!${group(
    'flux-rubriques',
    'Rubriques',
    sections.map((s) => ({ label: s.name, kind: 'section' as const, slug: s.slug })),
  )}!${group(
    'flux-dossiers',
    'Dossiers',
    dossiers.map((d) => ({ label: d.title, kind: 'dossier' as const, slug: d.slug })),
  )}!${group(
    'flux-rendez-vous',
    'Rendez-vous',
    series.map((s) => ({ label: s.title, kind: 'series' as const, slug: s.slug })),
  )}</div></article>`;
  return {
    html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-static page-feeds' }),
    // A new section, dossier or series changes the list: those operations drop 'home' (or 'site').
    tags: [
      'home',
      ...sections.map((s) => `section:${s.id}`),
      ...dossiers.map((d) => `dossier:${d.id}`),
      ...series.map((s) => `series:${s.id}`),
    ],
  };
}

function feedRow(label: string, kind: FeedKind, slug: string | null): string {
  const links = FEED_TYPES.map(
    (type) =>
      html`<a href="${feedPath(kind, slug, type)}" aria-label="${label} : flux ${FEED_FILES[type].label}">${FEED_FILES[type].label}</a>`,
  ).join(' · ');
  return html`<li><span class="feeds__name">${fr(label)}</span> : !${links}</li>`;
}
