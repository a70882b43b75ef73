import type * as ReadabilityModule from '@mozilla/readability';
import type * as LinkedomModule from 'linkedom';
import { z } from 'zod';

// Reading another outlet's page for the editor: the page is parsed by linkedom (no script ever
// runs: linkedom executes nothing), stripped of what surrounds an article (navigation, share
// blocks, cookie banners, comment notices, newsletter prompts, "À lire aussi"), then Mozilla's
// Readability finds the article; the kicker, lead, author, date and photo credit are read from the
// page's usual marks. The result is plain text in parts, shown escaped and to the editor only.

/** One block of the article's text, in reading order. */
const partSchema = z.object({ type: z.enum(['subheading', 'paragraph', 'quote']), text: z.string() });

/** The stored extraction (desk_items.extracted). */
export const extractedSchema = z.object({
  headline: z.string(),
  kicker: z.string().nullable(),
  lead: z.string().nullable(),
  author: z.string().nullable(),
  publishedAt: z.string().nullable(),
  photoCredit: z.string().nullable(),
  parts: z.array(partSchema),
});

export type ExtractedArticle = z.infer<typeof extractedSchema>;

// What surrounds an article on a news page, by element and by the names sites give it.
const CLUTTER_SELECTORS = [
  'script',
  'style',
  'noscript',
  'iframe',
  'form',
  'nav',
  'header:not(article header)',
  'footer',
  'aside',
  '[role="dialog"]',
  '[role="navigation"]',
  '[aria-modal="true"]',
];
const CLUTTER_NAMES =
  /(^|[-_\s])(cookies?|consent|gdpr|rgpd|share|sharing|partage|social|newsletter|lettre|subscribe|abonnement|comments?|commentaires?|related|a-lire|lire-aussi|read-more|promo|ad|ads|pub|publicite|breadcrumbs?|sidebar|paywall)([-_\s]|$)/i;
const CLUTTER_HEADINGS = /^(à|a) lire aussi|^lire aussi|^sur le même sujet|^nos articles|^dans la même rubrique/i;
// Single-paragraph notices that sit inside the article markup.
const NOTICE_TEXT =
  /^((à )?lire aussi|les commentaires sont|connectez-vous pour|recevez (chaque|notre)|inscrivez-vous|abonnez-vous|partager\s*:|nous utilisons des cookies)/i;

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function firstText(document: Document, selectors: string): string | null {
  for (const element of document.querySelectorAll(selectors)) {
    const text = clean(element.textContent);
    if (text) return text;
  }
  return null;
}

function meta(document: Document, name: string): string | null {
  const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
  return clean(element?.getAttribute('content')) || null;
}

let libraries: Promise<{ Readability: typeof ReadabilityModule.Readability; parseHTML: typeof LinkedomModule.parseHTML }> | undefined;

/** linkedom and Readability (about 30 MB) loaded when an editor first reads a page, not at every start. */
function loadLibraries() {
  libraries ??= Promise.all([import('@mozilla/readability'), import('linkedom')]).then(([readability, linkedom]) => ({
    Readability: readability.Readability,
    parseHTML: linkedom.parseHTML,
  }));
  return libraries;
}

/** Extracts the article of a page; null when no article text is found. */
export async function extractArticle(pageHtml: string): Promise<ExtractedArticle | null> {
  const { Readability, parseHTML } = await loadLibraries();
  const { document } = parseHTML(pageHtml);
  const headline = clean(document.querySelector('article h1, h1')?.textContent);
  // Marks read before the clean-up (bylines and credits often sit in asides or headers).
  const kicker = firstText(document, '.kicker, .surtitre, .overline, [class*="kicker"], [class*="surtitre"]');
  const lead = firstText(
    document,
    '.chapo, .chapeau, .lead, .standfirst, [itemprop="description"], [class*="chapo"], [class*="standfirst"]',
  );
  const author =
    firstText(document, '[rel="author"], [itemprop="author"], .author, .byline__author, [class*="author-name"]') ??
    meta(document, 'author');
  const time =
    document.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ?? meta(document, 'article:published_time');
  const publishedAt = time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : null;
  const photoCredit = firstText(document, 'figure .credit, figcaption .credit, [class*="credit"], [itemprop="copyrightHolder"]');

  for (const element of document.querySelectorAll(CLUTTER_SELECTORS.join(','))) element.remove();
  for (const element of document.querySelectorAll('[class], [id]')) {
    if (CLUTTER_NAMES.test(element.getAttribute('class') ?? '') || CLUTTER_NAMES.test(element.getAttribute('id') ?? '')) element.remove();
  }
  for (const heading of document.querySelectorAll('h2, h3, h4')) {
    if (CLUTTER_HEADINGS.test(clean(heading.textContent))) (heading.closest('section, div, ul') ?? heading).remove();
  }
  // The marks read above are not body text.
  for (const element of document.querySelectorAll('.kicker, .surtitre, .overline, .chapo, .chapeau, .lead, .standfirst, .byline, figure'))
    element.remove();

  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  if (!article?.content) return null;
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const parts: ExtractedArticle['parts'] = [];
  const skip = new Set([kicker, lead, author].filter(Boolean).map((t) => t!.toLowerCase()));
  for (const element of content.querySelectorAll('h2, h3, h4, p, blockquote, li')) {
    // A paragraph inside a quotation belongs to the quotation.
    if (element.tagName !== 'BLOCKQUOTE' && element.closest('blockquote')) continue;
    const text = clean(element.textContent);
    if (!text || skip.has(text.toLowerCase()) || NOTICE_TEXT.test(text)) continue;
    const type = element.tagName === 'BLOCKQUOTE' ? 'quote' : /^H\d$/.test(element.tagName) ? 'subheading' : 'paragraph';
    if (type === 'subheading' && clean(article.title) === text) continue;
    parts.push({ type, text });
  }
  if (parts.length === 0) return null;
  return {
    headline: headline || clean(article.title),
    kicker,
    lead,
    author: author ?? (clean(article.byline) || null),
    publishedAt,
    photoCredit,
    parts,
  };
}

/** The extraction as plain text (lead and parts), for the quote guard. */
export function extractedText(article: ExtractedArticle): string {
  return [article.lead ?? '', ...article.parts.map((p) => p.text)].join('\n\n');
}

/** The stored extraction of an item (desk_items.extracted), if it was read. */
export function storedExtraction(extracted: string | null): ExtractedArticle | null {
  if (!extracted) return null;
  const parsed = extractedSchema.safeParse(JSON.parse(extracted));
  return parsed.success ? parsed.data : null;
}
