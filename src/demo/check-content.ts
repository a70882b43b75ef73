import { isValidSlug, slugify } from '../core/text/slug.ts';
import { ARTICLES, REFERENCE_ARTICLE_KEY } from './content/articles.ts';
import { DOSSIERS } from './content/dossiers.ts';
import { PAGES } from './content/pages.ts';
import { PEOPLE } from './content/people.ts';
import { NAV_ITEMS } from './content/publication.ts';
import { SECTIONS } from './content/sections.ts';
import { SERIES } from './content/series.ts';
import { TAGS } from './content/tags.ts';
import { finalBody } from './demo-body.ts';
import type { DemoArticle } from './demo-types.ts';

/** The URL slug of a demo article. */
export function articleSlug(article: DemoArticle): string {
  return article.slug ?? slugify(article.headline);
}

/**
 * Checks the hand-written content before anything is stored: every reference resolves, slugs are
 * unique and well-formed, and every body passes the editor's validation. Throws on the first problem,
 * so a typo in the content fails the seed (and its test) with a message that names it.
 */
export function checkDemoContent(): void {
  const people = new Set(PEOPLE.map((p) => p.slug));
  const tags = new Set<string>(TAGS);
  const series = new Set(SERIES.map((s) => s.slug));
  const sections = new Set<string>(SECTIONS.map((s) => s.slug));
  const pages = new Set(PAGES.map((p) => p.slug));
  const keys = new Set<string>();
  const slugs = new Set<string>();
  const fail = (article: DemoArticle, problem: string): never => {
    throw new Error(`Contenu de démonstration invalide (${article.key}) : ${problem}`);
  };
  for (const article of ARTICLES) {
    if (keys.has(article.key)) fail(article, 'clé en double');
    keys.add(article.key);
    const slug = articleSlug(article);
    for (const s of [slug, ...(article.oldSlugs ?? [])]) {
      if (!isValidSlug(s)) fail(article, `slug mal formé « ${s} »`);
      if (slugs.has(s)) fail(article, `slug en double « ${s} »`);
      slugs.add(s);
    }
    if (!sections.has(article.section)) fail(article, `rubrique inconnue ${article.section}`);
    if (article.authors.length === 0) fail(article, 'aucun auteur');
    for (const author of article.authors) if (!people.has(author)) fail(article, `auteur inconnu ${author}`);
    for (const tag of article.tags) if (!tags.has(tag)) fail(article, `mot-clé hors de la liste : ${tag}`);
    if (new Set(article.tags).size !== article.tags.length) fail(article, 'mot-clé en double');
    if (article.series && !series.has(article.series)) fail(article, `série inconnue ${article.series}`);
    if (article.format === 'pepite' && !article.source) fail(article, 'une pépite doit citer sa source');
    try {
      finalBody(article.body, () => 1);
    } catch (error) {
      fail(article, (error as Error).message);
    }
  }
  if (!keys.has(REFERENCE_ARTICLE_KEY)) throw new Error("L'article de référence est introuvable.");
  for (const dossier of DOSSIERS) {
    for (const key of dossier.articles) {
      if (!keys.has(key)) throw new Error(`Dossier ${dossier.slug} : article inconnu ${key}`);
    }
  }
  for (const item of NAV_ITEMS) {
    const known = item.kind === 'section' ? sections.has(item.target) : pages.has(item.target);
    if (!known) throw new Error(`Navigation : cible inconnue ${item.target}`);
  }
  for (const page of PAGES) finalBody(page.body, () => 1);
}
