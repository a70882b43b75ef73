import { signupBox } from '../newsletters/signup-block.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { slugify } from '../core/text/slug.ts';
import { fr } from '../core/text/typography.ts';
import { renderFigure } from '../images/picture.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import { renderBreadcrumb } from '../site/breadcrumb.ts';
import { type PageHead, renderLayout } from '../site/layout.ts';
import type { Crumb } from '../site/seo/breadcrumb-json-ld.ts';
import { renderShareBlock } from '../site/share-block.ts';
import { FORMAT_LABELS, renderTeaserCard } from '../site/teasers/teaser-card.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import { articleHead } from './article-head.ts';
import { renderByline, renderCorrections, renderDates, renderSeriesLine, renderSource, renderTags } from './article-parts.ts';
import type { FullArticle } from './article-repository.ts';
import { fillStoredBody, renderStoredBody } from './body/stored-body.ts';
import { commentCountLabel } from '../comments/comments-area.ts';
import { type ArticleTeaser, articlePath } from './teaser-repository.ts';
import type { ArticleMediaParts } from '../podcasts/article-media.ts';

/** Words read per minute, for the reading time (a common figure for French screen reading). */
const WORDS_PER_MINUTE = 230;

/** Widths the picture is laid out at (see 30-article.css: hero up to 60rem, body column 42rem, wide figures 56rem). */
const HERO_SIZES = '(min-width: 66rem) 60rem, 100vw';
const FIGURE_SIZES = { inline: '(min-width: 46rem) 42rem, calc(100vw - 2rem)', wide: '(min-width: 58rem) 56rem, 100vw' } as const;

/** Formats whose label is worth showing next to the section (the reader should know what kind of piece it is). */
const LABELLED_FORMATS = new Set<FullArticle['format']>(['decryptage', 'pepite', 'depeche', 'video', 'podcast', 'chronique']);

/** Whether to name the format beside the section: not when the section already says it ("Pépites" and "Pépite"). */
function showsFormatLabel(article: FullArticle): boolean {
  if (!LABELLED_FORMATS.has(article.format)) return false;
  return !slugify(article.section.name).startsWith(slugify(FORMAT_LABELS[article.format]));
}

/** The article page: every part of the anatomy, in reading order, and the cache tags of what it shows. */
export function renderArticlePage(
  ctx: AppContext,
  chrome: SiteChrome,
  article: FullArticle,
  related: readonly ArticleTeaser[],
  comments: { html: string; count: number },
  /** What the format adds (podcast player, video): src/podcasts/article-media.ts. */
  media: ArticleMediaParts | null = null,
): { html: string; tags: string[] } {
  const path = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
  const crumbs: Crumb[] = [
    { name: 'Accueil', path: '/' },
    { name: article.section.name, path: `/${article.section.slug}` },
    { name: article.headline, path },
  ];

  const formatLabel = showsFormatLabel(article) ? html` <span class="article__format">${FORMAT_LABELS[article.format]}</span>` : '';
  const section = html`<p class="article__section" data-part="section"><a href="/${article.section.slug}">${fr(article.section.name)}</a>!${formatLabel}</p>`;
  const kicker = article.kicker.trim() ? html`<p class="article__kicker" data-part="kicker">${fr(article.kicker)}</p>` : '';
  const lead = article.lead.trim() ? html`<p class="article__lead" data-part="lead">${fr(article.lead)}</p>` : '';
  const minutes = Math.max(1, Math.round(article.wordCount / WORDS_PER_MINUTE));

  const header = html`<header class="article__header">!${renderBreadcrumb(crumbs)}!${section}!${kicker}<h1 class="article__headline" data-part="headline">${fr(article.headline)}</h1>!${lead}<div class="article__meta">!${renderByline(article.authors)}!${renderDates(article.publishedAt, article.updatedAt, minutes)}!${renderCommentCount(comments.count)}</div>!${renderSeriesLine(article.series, article.format)}</header>`;

  const hero = article.heroImage
    ? html`<div class="article__hero" data-part="hero">!${renderFigure(article.heroImage, { sizes: HERO_SIZES, crop: '16x9', eager: true, className: 'article__hero-image' })}</div>`
    : '';

  // Stored at save time (or on the first read); previews render it here, the same way.
  const stored = article.storedBody ?? renderStoredBody(article.body, new URL(ctx.config.publicUrl).origin);
  const body = fillStoredBody(stored.html, (imageId, { caption, size }) => {
    const image = article.bodyImages.get(imageId);
    if (!image) return '';
    return html`<div class="article__figure article__figure--${size}">!${renderFigure(image, { sizes: FIGURE_SIZES[size], caption })}</div>`;
  });

  const footer = html`<footer class="article__footer">!${renderSource(article.source)}!${renderTags(article.tags)}!${renderCorrections(article.corrections)}!${renderShareBlock({ url: ctx.config.publicUrl + path, title: article.headline, text: article.lead })}</footer>`;

  const relatedHtml = related.length
    ? html`<section class="related" data-part="related" aria-labelledby="a-lire-aussi"><h2 class="related__title" id="a-lire-aussi">À lire aussi</h2><div class="related__list">!${related.map((t) => renderTeaserCard(t, { size: 'small', headingLevel: 3, showSection: true })).join('')}</div></section>`
    : '';

  const main = html`<article class="article article--${article.format}">!${header}!${hero}!${media?.beforeBody ?? ''}<div class="article__body prose" data-part="body">!${body}</div>!${media?.afterBody ?? ''}!${footer}</article>!${signupBox(chrome.newsletters, 'article')}!${comments.html}!${relatedHtml}`;

  const tags = [
    `article:${article.id}`,
    `comments:${article.id}`,
    `section:${article.section.id}`,
    ...article.authors.map((a) => `person:${a.id}`),
    ...article.tags.map((t) => `tag:${t.id}`),
    ...(article.series ? [`series:${article.series.id}`] : []),
    ...teaserTags(related),
    ...(media?.tags ?? []),
  ];
  return {
    html: renderLayout(ctx, chrome, withMediaHead(articleHead(ctx, chrome, article, crumbs), media), main, {
      currentSlug: article.section.slug,
      bodyClass: 'page-article',
    }),
    tags,
  };
}

/** "12 commentaires" under the dates, a link to the area (nothing when there are none). */
function renderCommentCount(count: number): string {
  if (count === 0) return '';
  return html`<p class="article__comment-count"><a href="#commentaires">${commentCountLabel(count)}</a></p>`;
}

function withMediaHead(head: PageHead, media: ArticleMediaParts | null): PageHead {
  return media ? { ...head, extraHead: (head.extraHead ?? '') + media.head } : head;
}
