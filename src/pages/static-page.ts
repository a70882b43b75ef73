import { parseBody } from '../articles/body/body-schema.ts';
import { collectImageIds } from '../articles/body/body-text.ts';
import { renderBody } from '../articles/body/render-body.ts';
import type { AppContext } from '../core/app-context.ts';
import type { PageKind } from '../core/db/schema.ts';
import { html } from '../core/html/html.ts';
import { formatDateFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import { renderFigure } from '../images/picture.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import type { StaticPage } from './page-repository.ts';
import { newsletterSignupBlock } from '../newsletters/signup-block.ts';

const SCHEMA_TYPES: Record<PageKind, string> = {
  about: 'AboutPage',
  legal: 'WebPage',
  accessibility: 'WebPage',
  newsletter: 'WebPage',
  other: 'WebPage',
};

const IMAGE_SIZES = {
  inline: '(min-width: 48rem) 42rem, 100vw',
  wide: '(min-width: 64rem) 60rem, 100vw',
} as const;

/** Renders a static page (about, legal notice, accessibility statement, newsletter): title, lead, body, update date. */
export async function renderStaticPage(ctx: AppContext, page: StaticPage): Promise<{ html: string; tags: string[] }> {
  const doc = parseBody(JSON.parse(page.body));
  const [chrome, images, signup] = await Promise.all([
    loadSiteChrome(ctx.db),
    getImagesByIds(ctx.db, collectImageIds(doc)),
    page.kind === 'newsletter' ? newsletterSignupBlock(ctx.db) : null,
  ]);
  const path = `/${page.slug}`;
  const body = renderBody(doc, {
    siteOrigin: ctx.config.publicUrl,
    reservedIds: ['contenu'],
    renderImage(imageId, opts) {
      const image = images.get(imageId);
      return image ? renderFigure(image, { sizes: IMAGE_SIZES[opts.size], caption: opts.caption }) : '';
    },
  });
  const head = listingHead(ctx, chrome, {
    title: page.title,
    description: page.lead || page.title,
    basePath: path,
    breadcrumb: [{ name: page.title, path }],
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@type': SCHEMA_TYPES[page.kind],
        name: page.title,
        url: ctx.config.publicUrl + path,
        dateModified: toParisIso(page.updated_at),
        inLanguage: 'fr',
      },
    ],
  });
  const lead = page.lead.trim() ? html`<p class="static-page__lead">${fr(page.lead)}</p>` : '';
  const main = html`<article class="static-page static-page--${page.kind}">!${renderBreadcrumb(withHome([{ name: page.title, path }]))}<header class="static-page__header"><h1 class="static-page__title">${fr(page.title)}</h1>!${lead}</header><div class="static-page__body prose">!${body}</div>!${signup?.html ?? ''}<footer class="static-page__footer"><p>Mis à jour le <time datetime="${toParisIso(page.updated_at)}">${formatDateFr(page.updated_at)}</time></p></footer></article>`;
  return {
    html: renderLayout(ctx, chrome, head, main, { currentSlug: page.slug, bodyClass: `page-static page-${page.kind}` }),
    tags: [`page:${page.id}`, ...(signup?.tags ?? [])],
  };
}
