import { renderFooterSignupForm } from '../newsletters/signup-form.ts';
import type { AppContext } from '../core/app-context.ts';
import { OwnedMemo } from '../core/cache/bounded-memo.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import type { FooterPage, SiteChrome } from '../publication/publication-repository.ts';
import { TEXT_FONT_FILE } from './fonts/font-faces.ts';
import { SITE_CSS, SITE_JS } from './site-assets.ts';

/** What a page puts in its <head>. */
export interface PageHead {
  /** The whole <title> text, e.g. "Headline | Publication" (French typography is applied here). */
  title: string;
  /** Meta description (plain text). */
  description: string;
  /** Path of the canonical URL; made absolute with the public URL. */
  canonicalPath: string;
  /** Defaults to "index, follow, max-image-preview:large". */
  robots?: string;
  /** Pre-rendered HTML for the head: Open Graph, JSON-LD, rel=prev/next. */
  extraHead?: string;
  /** Leave out <link rel="canonical"> (error pages, which have no canonical URL). */
  noCanonical?: boolean;
}

export interface LayoutOptions {
  /** Slug of the section or page the page belongs to, to mark it in the navigation. */
  currentSlug?: string;
  /** Extra class on <body>, e.g. "page-article". */
  bodyClass?: string;
  /** True on the home page: the wordmark is then marked as the current page. */
  isHome?: boolean;
}

const DEFAULT_ROBOTS = 'index, follow, max-image-preview:large';

/** Paper and ink of 00-base.css, for the browser's own interface around the page. */
const THEME_LIGHT = '#fbf9f5';
const THEME_DARK = '#16181b';

/**
 * The parts of the layout that depend only on the site chrome (and the asset URLs), rendered once
 * per chrome: a new chrome is read after every change of settings, navigation, pages or
 * newsletters (publication-repository.ts), so a fragment can never outlive what it shows.
 */
const fragmentsByChrome = new OwnedMemo<SiteChrome, string>();

function fragment(chrome: SiteChrome, key: string, render: () => string): string {
  return fragmentsByChrome.get(chrome, key, render);
}

/** The document around every public page: head, skip link, header, navigation, main, footer. */
export function renderLayout(ctx: AppContext, chrome: SiteChrome, head: PageHead, main: string, options: LayoutOptions = {}): string {
  const canonical = head.noCanonical ? '' : html`<link rel="canonical" href="${ctx.config.publicUrl + head.canonicalPath}">`;
  // Asset URLs carry a content hash: the key holds them, so a rebuilt asset is never served stale.
  const assetUrls = [ctx.assets.url(TEXT_FONT_FILE), ctx.assets.url(SITE_CSS), ctx.assets.url(SITE_JS)] as const;
  const headTail = fragment(chrome, `head ${assetUrls.join(' ')}`, () => renderHeadTail(chrome, assetUrls));
  const headHtml = html`<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${fr(head.title)}</title><meta name="description" content="${head.description}">!${canonical}<meta name="robots" content="${head.robots ?? DEFAULT_ROBOTS}">!${headTail}!${head.extraHead ?? ''}</head>`;
  const bodyClass = options.bodyClass ? html` class="${options.bodyClass}"` : '';
  // Only a navigation entry can be marked current: any other slug renders as no slug at all.
  const current = options.currentSlug && chrome.nav.some((item) => item.slug === options.currentSlug) ? options.currentSlug : '';
  const header = fragment(chrome, `header ${options.isHome ? 'home' : ''} ${current}`, () =>
    renderHeader(chrome, { isHome: options.isHome, currentSlug: current }),
  );
  const year = new Date().getFullYear();
  const footer = fragment(chrome, `footer ${year}`, () => renderFooter(chrome, year));
  return `<!doctype html><html lang="fr">${headHtml}<body${bodyClass}><a class="skip-link" href="#contenu">Aller au contenu</a>${header}<main id="contenu" class="site-main">${main}</main>${footer}</body></html>`;
}

/** The head after the page's own title, description, canonical URL and robots: the same on every page. */
function renderHeadTail(chrome: SiteChrome, [fontUrl, cssUrl, jsUrl]: readonly [string, string, string]): string {
  return html`<meta name="color-scheme" content="light dark"><meta name="theme-color" content="${THEME_LIGHT}" media="(prefers-color-scheme: light)"><meta name="theme-color" content="${THEME_DARK}" media="(prefers-color-scheme: dark)"><link rel="preload" href="${fontUrl}" as="font" type="font/woff2" crossorigin><link rel="stylesheet" href="${cssUrl}"><script type="module" src="${jsUrl}"></script><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="search" type="application/opensearchdescription+xml" title="${chrome.settings.name}" href="/opensearch.xml">`;
}

function renderHeader(chrome: SiteChrome, options: LayoutOptions): string {
  const { name, tagline } = chrome.settings;
  const current = options.isHome ? ' aria-current="page"' : '';
  const taglineHtml = tagline.trim() ? html`<p class="masthead__tagline">${fr(tagline)}</p>` : '';
  const items = chrome.nav.map((item) => {
    const isCurrent = item.slug !== null && item.slug === options.currentSlug;
    return html`<li class="site-nav__item"><a class="site-nav__link" href="${item.href}"!${isCurrent ? ' aria-current="page"' : ''}>${fr(item.label)}</a></li>`;
  });
  const nav = items.length
    ? html`<nav class="site-nav" aria-label="Navigation principale"><ul class="site-nav__list">!${items.join('')}</ul></nav>`
    : '';
  // A plain GET form: searching needs no JavaScript.
  const search = html`<form class="site-search" role="search" action="/recherche" method="get"><label class="visually-hidden" for="recherche-entete">Rechercher dans le site</label><input class="site-search__input" type="search" id="recherche-entete" name="q" placeholder="Rechercher" maxlength="200"><button class="site-search__button" type="submit">Rechercher</button></form>`;
  return html`<header class="site-header"><div class="masthead"><a class="masthead__name" href="/"!${current}>${fr(name)}</a>!${taglineHtml}!${search}</div>!${nav}</header>`;
}

/** Where the footer's fixed entries live when the pages table has none of that kind. */
const FOOTER_DEFAULTS: Record<'about' | 'legal' | 'accessibility', { slug: string; label: string }> = {
  about: { slug: 'a-propos', label: 'Qui sommes-nous ?' },
  legal: { slug: 'mentions-legales', label: 'Mentions légales' },
  // RGAA: the conformity status is shown, and the statement is reachable from every page.
  accessibility: { slug: 'accessibilite', label: 'Accessibilité : partiellement conforme' },
};

function renderFooter(chrome: SiteChrome, year: number): string {
  const { name, tagline } = chrome.settings;
  const page = (kind: FooterPage['kind']) => chrome.footerPages.find((p) => p.kind === kind);
  const about = page('about');
  const newsletter = page('newsletter');
  const infoLinks = [
    { href: `/${about?.slug ?? FOOTER_DEFAULTS.about.slug}`, label: about?.title ?? FOOTER_DEFAULTS.about.label },
    ...(newsletter ? [{ href: `/${newsletter.slug}`, label: newsletter.title }] : []),
    { href: '/flux', label: 'Flux RSS' },
    { href: `/${page('legal')?.slug ?? FOOTER_DEFAULTS.legal.slug}`, label: FOOTER_DEFAULTS.legal.label },
    { href: `/${page('accessibility')?.slug ?? FOOTER_DEFAULTS.accessibility.slug}`, label: FOOTER_DEFAULTS.accessibility.label },
  ].map((link) => html`<li><a href="${link.href}">${fr(link.label)}</a></li>`);
  const sections = chrome.nav
    .filter((item) => item.kind === 'section')
    .map((item) => html`<li><a href="${item.href}">${fr(item.label)}</a></li>`);
  const sectionsNav = sections.length
    ? html`<nav class="site-footer__nav" aria-labelledby="pied-rubriques"><h2 class="site-footer__heading" id="pied-rubriques">Rubriques</h2><ul>!${sections.join('')}</ul></nav>`
    : '';
  const taglineHtml = tagline.trim() ? html`<p class="site-footer__tagline">${fr(tagline)}</p>` : '';
  return html`<footer class="site-footer"><div class="site-footer__inner"><div class="site-footer__brand"><p class="site-footer__name">${fr(name)}</p>!${taglineHtml}</div>!${sectionsNav}<nav class="site-footer__nav" aria-labelledby="pied-infos"><h2 class="site-footer__heading" id="pied-infos">Le journal</h2><ul>!${infoLinks.join('')}</ul></nav>!${renderFooterSignupForm(chrome.newsletters)}<p class="site-footer__legal">© ${String(year)} ${fr(name)}. Tous droits réservés.</p></div></footer>`;
}
