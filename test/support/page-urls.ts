import type { Db } from '../../src/core/db/database.ts';
import type { TestApp } from './app-factory.ts';

/** One URL per public page type, found in the seeded data. */
export interface PageUrls {
  home: string;
  section: string;
  /** The reference article: the lead story of the home page. */
  article: string;
  author: string;
  tag: string;
  dossier: string;
  series: string;
  staticPage: string;
  notFound: string;
}

/** A page type with its path and the status it answers with. */
export interface PageCase {
  name: string;
  path: string;
  status: number;
}

/** Paths under these prefixes are not articles even though they have two segments. */
const NON_ARTICLE_PREFIXES = ['auteur', 'sujet', 'dossier', 'serie', 'admin', 'media', 'assets', 'static', 'flux', 'rss', 'api'];

/** Every path-like href of a document, in order, made relative to the origin when absolute on it. */
export function hrefsIn(html: string, origin?: string): string[] {
  const hrefs: string[] = [];
  for (const match of html.matchAll(/\bhref\s*=\s*"([^"]*)"/g)) {
    let href = match[1].replaceAll('&amp;', '&');
    if (origin && href.startsWith(origin)) href = href.slice(origin.length) || '/';
    if (href.startsWith('/') && !href.startsWith('//')) hrefs.push(href.split(/[?#]/)[0]);
  }
  return hrefs;
}

/** The "/section/article" paths among hrefs, without duplicates, in document order. */
export function articlePathsIn(hrefs: string[]): string[] {
  const paths = hrefs.filter((href) => {
    const parts = href.split('/').filter(Boolean);
    return parts.length === 2 && !NON_ARTICLE_PREFIXES.includes(parts[0]);
  });
  return [...new Set(paths)];
}

/**
 * The home page's lead story: the link inside the element marked data-part="lead-story" when
 * the page has one, else the first article link in <main>; checked against the database so that a
 * stray two-segment link is never mistaken for an article.
 */
export async function leadStoryPath(homeHtml: string, db: Db, origin?: string): Promise<string> {
  const published = await publishedArticlePaths(db);
  const marker = homeHtml.search(/data-part\s*=\s*"lead-story"/);
  const mainStart = homeHtml.search(/<main[\s>]/);
  const from = marker >= 0 ? marker : Math.max(mainStart, 0);
  const candidates = articlePathsIn(hrefsIn(homeHtml.slice(from), origin));
  const found = candidates.find((p) => published.has(p));
  if (!found) throw new Error("Aucun lien d'article publié trouvé sur la page d'accueil.");
  return found;
}

async function publishedArticlePaths(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug as article', 'sections.slug as section'])
    .where('articles.status', '=', 'published')
    .execute();
  return new Set(rows.map((r) => `/${r.section}/${r.article}`));
}

/** Finds a URL for every public page type: the reference article from the home page, the rest from the database. */
export async function discoverPageUrls(testApp: Pick<TestApp, 'app' | 'database' | 'config'>): Promise<PageUrls> {
  const { db } = testApp.database;
  const home = await testApp.app.inject({ method: 'GET', url: '/' });
  if (home.statusCode !== 200) throw new Error(`La page d'accueil répond ${home.statusCode}.`);
  const article = await leadStoryPath(home.body, db, testApp.config.publicUrl);
  const [sectionSlug, articleSlug] = article.split('/').filter(Boolean);

  const articleRow = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select('articles.id')
    .where('articles.slug', '=', articleSlug)
    .where('sections.slug', '=', sectionSlug)
    .executeTakeFirstOrThrow();

  const author = await db
    .selectFrom('article_authors')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select('people.slug')
    .where('article_authors.article_id', '=', articleRow.id)
    .orderBy('article_authors.position')
    .executeTakeFirst();

  const tag =
    (await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_tags.article_id', '=', articleRow.id)
      .orderBy('article_tags.position')
      .executeTakeFirst()) ??
    (await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select('tags.slug')
      .where('articles.status', '=', 'published')
      .orderBy('tags.slug')
      .executeTakeFirst());

  const dossier = await db
    .selectFrom('dossiers')
    .select('slug')
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();

  const series = await db
    .selectFrom('series')
    .innerJoin('articles', 'articles.series_id', 'series.id')
    .select('series.slug')
    .where('articles.status', '=', 'published')
    .orderBy('series.slug')
    .executeTakeFirst();

  const missing = [!author && 'auteur', !tag && 'sujet', !dossier && 'dossier', !series && 'série'].filter(Boolean);
  if (missing.length > 0) throw new Error(`Données de démonstration incomplètes : aucun(e) ${missing.join(', ')}.`);

  return {
    home: '/',
    section: `/${sectionSlug}`,
    article,
    author: `/auteur/${author!.slug}`,
    tag: `/sujet/${tag!.slug}`,
    dossier: `/dossier/${dossier!.slug}`,
    series: `/serie/${series!.slug}`,
    staticPage: '/a-propos',
    notFound: '/cette-page-n-existe-pas',
  };
}

/** The page types every public-page check covers, with the status each must answer (known before the site starts, so each can be a test of its own). */
export const PAGE_KINDS: readonly { name: string; key: keyof PageUrls; status: number }[] = [
  { name: 'accueil', key: 'home', status: 200 },
  { name: 'rubrique', key: 'section', status: 200 },
  { name: 'article', key: 'article', status: 200 },
  { name: 'auteur', key: 'author', status: 200 },
  { name: 'sujet', key: 'tag', status: 200 },
  { name: 'dossier', key: 'dossier', status: 200 },
  { name: 'série', key: 'series', status: 200 },
  { name: 'page statique', key: 'staticPage', status: 200 },
  { name: 'page 404', key: 'notFound', status: 404 },
];

/** The page types with their URLs in this site. */
export function pageCases(urls: PageUrls): PageCase[] {
  return PAGE_KINDS.map((kind) => ({ name: kind.name, path: urls[kind.key], status: kind.status }));
}
