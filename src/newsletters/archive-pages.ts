import { teasersByIds } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { html } from '../core/html/html.ts';
import { pathId } from '../core/input/ids.ts';
import { formatDateFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { renderLayout } from '../site/layout.ts';
import { listingHead, withHome } from '../site/teasers/listing-head.ts';
import { renderTeaserCard } from '../site/teasers/teaser-card.ts';
import { parseBlocks } from './edition-blocks.ts';
import { EDITION_HEADINGS } from './edition-render.ts';
import { findEdition, listSentEditions } from './edition-repository.ts';
import { findNewsletterBySlug, type NewsletterRow } from './newsletter-repository.ts';
import { archivePath, NEWSLETTERS_TAG } from './signup-block.ts';

const NO_ARCHIVE = 'Cette newsletter n’a pas d’archives publiques.';
const NO_EDITION = 'Cette édition n’existe pas ou n’a pas encore été envoyée.';

async function archivedNewsletter(ctx: AppContext, slug: string): Promise<NewsletterRow> {
  const newsletter = /^[a-z0-9-]{1,80}$/.test(slug) ? await findNewsletterBySlug(ctx.db, slug) : undefined;
  if (newsletter?.public_archive !== 1) throw AppError.notFound(NO_ARCHIVE);
  return newsletter;
}

/** /newsletters/archives/:slug — the sent editions, newest first. */
export async function renderArchiveList(ctx: AppContext, slug: string): Promise<{ html: string; tags: string[] }> {
  const newsletter = await archivedNewsletter(ctx, slug);
  const [chrome, editions] = await Promise.all([loadSiteChrome(ctx.db), listSentEditions(ctx.db, newsletter.id)]);
  const path = archivePath(newsletter);
  const title = `Archives de « ${newsletter.name} »`;
  const crumbs = [{ name: title, path }];
  const items = editions.map((e) => {
    const at = e.sent_at ?? e.created_at;
    return html`<li class="edition-list__item"><a href="${path}/${String(e.id)}">${fr(e.subject)}</a> <time datetime="${toParisIso(at)}">${formatDateFr(at)}</time></li>`;
  });
  const list = items.length
    ? html`<ol class="edition-list">!${items.join('')}</ol>`
    : html`<p>${fr('Aucune édition n’a encore été envoyée.')}</p>`;
  const description = newsletter.description.trim() ? html`<p class="static-page__lead">${fr(newsletter.description)}</p>` : '';
  const main = html`<div class="newsletter-archive">!${renderBreadcrumb(withHome(crumbs))}<h1>${fr(title)}</h1>!${description}!${list}<p><a href="/newsletters/inscription">S’inscrire aux newsletters</a></p></div>`;
  const head = listingHead(ctx, chrome, { title, description: newsletter.description || title, basePath: path, breadcrumb: crumbs });
  return {
    html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-newsletter-archive' }),
    tags: [NEWSLETTERS_TAG],
  };
}

/** /newsletters/archives/:slug/:edition — a sent edition on the site: its text and articles, no personal link. */
export async function renderArchivedEdition(
  ctx: AppContext,
  slug: string,
  editionParam: string,
): Promise<{ html: string; tags: string[] }> {
  const newsletter = await archivedNewsletter(ctx, slug);
  const edition = await findEdition(ctx.db, pathId(editionParam, NO_EDITION));
  if (!edition || edition.newsletter_id !== newsletter.id || edition.status !== 'sent') throw AppError.notFound(NO_EDITION);
  const blocks = parseBlocks(edition.blocks);
  const articleIds = blocks.flatMap((b) => (b.kind === 'article' ? [b.articleId] : []));
  const [chrome, teasers] = await Promise.all([loadSiteChrome(ctx.db), teasersByIds(ctx.db, articleIds)]);
  const byId = new Map(teasers.map((t) => [t.id, t]));
  const parts: string[] = [];
  for (const paragraph of edition.intro.trim() ? edition.intro.trim().split(/\n{2,}/) : []) parts.push(html`<p>${fr(paragraph)}</p>`);
  let lastHeading = '';
  for (const block of blocks) {
    if (block.kind === 'text') {
      parts.push(html`<p>${fr(block.text)}</p>`);
      continue;
    }
    const teaser = byId.get(block.articleId);
    if (!teaser) continue; // Unpublished since: left out, as in the message.
    const heading = EDITION_HEADINGS[block.role];
    if (heading !== lastHeading) {
      parts.push(html`<h2 class="edition__heading">${heading}</h2>`);
      lastHeading = heading;
    }
    parts.push(renderTeaserCard(teaser, { size: block.role === 'lead' ? 'medium' : 'small', headingLevel: 3, showSection: true }));
  }
  const listPath = archivePath(newsletter);
  const path = `${listPath}/${String(edition.id)}`;
  const at = edition.sent_at ?? edition.created_at;
  const crumbs = [
    { name: `Archives de « ${newsletter.name} »`, path: listPath },
    { name: edition.subject, path },
  ];
  const main = html`<article class="edition">!${renderBreadcrumb(withHome(crumbs))}<header><p class="edition__newsletter">${fr(newsletter.name)}</p><h1>${fr(edition.subject)}</h1><p>Envoyée le <time datetime="${toParisIso(at)}">${formatDateFr(at)}</time></p></header><div class="edition__body">!${parts.join('')}</div><footer class="edition__footer"><p><a href="${listPath}">Toutes les éditions</a> · <a href="/newsletters/inscription">${fr('S’inscrire pour la recevoir')}</a></p></footer></article>`;
  const head = listingHead(ctx, chrome, {
    title: `${edition.subject} — ${newsletter.name}`,
    description: edition.intro.trim() || edition.subject,
    basePath: path,
    breadcrumb: crumbs,
  });
  return {
    html: renderLayout(ctx, chrome, head, main, { bodyClass: 'page-newsletter-edition' }),
    tags: [NEWSLETTERS_TAG, ...articleIds.map((id) => `article:${id}`)],
  };
}
