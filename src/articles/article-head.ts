import type { AppContext } from '../core/app-context.ts';
import { toParisIso } from '../core/text/dates.ts';
import { imageVariant } from '../images/image-urls.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import type { PageHead } from '../site/layout.ts';
import { breadcrumbJsonLd, type Crumb } from '../site/seo/breadcrumb-json-ld.ts';
import { metaDescription } from '../site/seo/description.ts';
import { jsonLdScript } from '../site/seo/json-ld.ts';
import { newsArticleJsonLd } from '../site/seo/news-article-json-ld.ts';
import { renderOpenGraph } from '../site/seo/open-graph.ts';
import { socialCardImage, structuredDataImages } from '../site/seo/social-images.ts';
import type { FullArticle } from './article-repository.ts';
import { bodyToPlainText } from './body/body-schema.ts';
import { articlePath } from './teaser-repository.ts';

/** The article's <head>: title, description, canonical, Open Graph and X card, NewsArticle and BreadcrumbList. */
export function articleHead(ctx: AppContext, chrome: SiteChrome, article: FullArticle, crumbs: readonly Crumb[]): PageHead {
  const base = ctx.config.publicUrl;
  const path = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
  const url = base + path;
  const name = chrome.settings.name;
  const title = article.seoTitle ?? article.headline;
  const description = metaDescription(article.seoDescription ?? (article.lead.trim() || bodyToPlainText(article.body)), 300);
  const modified = article.updatedAt && article.updatedAt > article.publishedAt ? article.updatedAt : null;

  const openGraph = renderOpenGraph({
    type: 'article',
    title,
    description,
    url,
    siteName: name,
    image: article.heroImage ? socialCardImage(base, article.heroImage) : null,
    article: {
      publishedTime: toParisIso(article.publishedAt),
      modifiedTime: modified ? toParisIso(modified) : null,
      section: article.section.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => `${base}/auteur/${a.slug}`),
    },
  });
  const newsArticle = newsArticleJsonLd({
    url,
    headline: article.headline,
    description,
    images: article.heroImage ? structuredDataImages(base, article.heroImage) : [],
    datePublished: article.publishedAt,
    dateModified: modified,
    authors: article.authors.map((a) => ({ name: a.name, url: `${base}/auteur/${a.slug}` })),
    publisher: { name, url: `${base}/`, logoUrl: chrome.logo ? base + imageVariant(chrome.logo, 600, 'jpeg').url : null },
    section: article.section.name,
    keywords: article.tags.map((t) => t.name),
    isBasedOn: article.source?.url ?? null,
    corrections: article.corrections,
    wordCount: article.wordCount,
  });
  return {
    title: `${title} | ${name}`,
    description,
    canonicalPath: path,
    extraHead: openGraph + jsonLdScript(newsArticle) + jsonLdScript(breadcrumbJsonLd(base, crumbs)),
  };
}
