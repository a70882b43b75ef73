import { toParisIso } from '../../core/text/dates.ts';
import { organizationJsonLd } from './json-ld.ts';

export interface NewsArticleInput {
  /** Absolute canonical URL. */
  url: string;
  headline: string;
  description: string;
  /** Absolute URLs, ideally the 16:9, 4:3 and 1:1 crops at 1200 px or more. */
  images: readonly string[];
  /** ISO 8601 instants (UTC as stored); written with the Paris offset. */
  datePublished: string;
  dateModified?: string | null;
  authors: readonly { name: string; url: string }[];
  publisher: { name: string; url: string; logoUrl?: string | null };
  section: string;
  keywords: readonly string[];
  /** The source article a curated pick or a sourced article is based on. */
  isBasedOn?: string | null;
  corrections?: readonly { text: string; notedAt: string }[];
  wordCount?: number;
}

/** schema.org NewsArticle as Google's article guidelines describe it (developers.google.com/search/docs/appearance/structured-data/article). */
export function newsArticleJsonLd(a: NewsArticleInput): object {
  const published = toParisIso(a.datePublished);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    url: a.url,
    headline: a.headline,
    description: a.description,
    ...(a.images.length > 0 ? { image: [...a.images] } : {}),
    datePublished: published,
    dateModified: a.dateModified ? toParisIso(a.dateModified) : published,
    author: a.authors.map((author) => ({ '@type': 'Person', name: author.name, url: author.url })),
    publisher: organizationJsonLd(a.publisher),
    articleSection: a.section,
    ...(a.keywords.length > 0 ? { keywords: a.keywords.join(', ') } : {}),
    inLanguage: 'fr-FR',
    isAccessibleForFree: true,
    ...(a.wordCount ? { wordCount: a.wordCount } : {}),
    ...(a.isBasedOn ? { isBasedOn: a.isBasedOn } : {}),
    ...(a.corrections?.length
      ? { correction: a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: toParisIso(c.notedAt) })) }
      : {}),
  };
}
