import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';

/** What a page puts in its <head>. */
export interface PageHead {
  /** The whole <title> text, e.g. "Headline | Publication". */
  title: string;
  /** Meta description (plain text). */
  description: string;
  /** Path of the canonical URL; made absolute with the public URL. */
  canonicalPath: string;
  /** Defaults to "index, follow, max-image-preview:large". */
  robots?: string;
  /** Pre-rendered HTML for the head: Open Graph, JSON-LD, rel=prev/next. */
  extraHead?: string;
}

export interface LayoutOptions {
  /** Slug of the section or page the page belongs to, to mark it in the navigation. */
  currentSlug?: string;
  /** Extra class on <body>, e.g. "page-article". */
  bodyClass?: string;
}

/** The document around every public page: head, skip link, header, navigation, main, footer. */
export function renderLayout(ctx: AppContext, chrome: SiteChrome, head: PageHead, main: string, options: LayoutOptions = {}): string {
  const canonical = ctx.config.publicUrl + head.canonicalPath;
  return `<!doctype html>${html`<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${head.title}</title><meta name="description" content="${head.description}"><link rel="canonical" href="${canonical}"><meta name="robots" content="${head.robots ?? 'index, follow, max-image-preview:large'}"><link rel="stylesheet" href="${ctx.assets.url('site.css')}">!${head.extraHead ?? ''}</head><body class="${options.bodyClass ?? ''}"><a class="skip-link" href="#contenu">Aller au contenu</a><header><a href="/">${chrome.settings.name}</a><nav aria-label="Navigation principale"><ul>${chrome.nav.map((n) => html`<li><a href="${n.href}"${n.slug === options.currentSlug ? ' aria-current="page"' : ''}>${n.label}</a></li>`)}</ul></nav></header><main id="contenu">!${main}</main><footer></footer></body></html>`}`;
}
