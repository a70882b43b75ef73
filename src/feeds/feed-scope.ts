import type { AppContext } from '../core/app-context.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { dossierArticleIds, findPublishedDossier } from '../dossiers/dossier-repository.ts';
import { findPersonBySlug } from '../people/person-repository.ts';
import { findSectionBySlug } from '../sections/section-repository.ts';
import { findSeriesBySlug } from '../series/series-repository.ts';
import { findTagBySlug } from '../tags/tag-repository.ts';
import type { TeaserFilter } from '../articles/teaser-repository.ts';

/** The parts of the site that have feeds. */
export type FeedKind = 'home' | 'section' | 'format' | 'author' | 'tag' | 'dossier' | 'series';
/** The three syndication formats served for each part. */
export type FeedType = 'rss' | 'atom' | 'json';

export const FEED_TYPES: readonly FeedType[] = ['rss', 'atom', 'json'];

/** File name and media type of each feed type. */
export const FEED_FILES: Readonly<Record<FeedType, { file: string; contentType: string; label: string }>> = {
  rss: { file: 'rss.xml', contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
};

/** First segment under /flux/ for each kind with a slug. */
export const FEED_PREFIXES: Readonly<Record<Exclude<FeedKind, 'home'>, string>> = {
  section: 'rubrique',
  format: 'format',
  author: 'auteur',
  tag: 'sujet',
  dossier: 'dossier',
  series: 'serie',
};

/** The formats that have feeds of their own, by their slug in URLs. */
export const FEED_FORMATS: Readonly<Record<string, { format: ArticleFormat; label: string }>> = {
  pepites: { format: 'pepite', label: 'Pépites' },
  depeches: { format: 'depeche', label: 'Dépêches' },
  videos: { format: 'video', label: 'Vidéos' },
  podcasts: { format: 'podcast', label: 'Podcasts' },
};

/** The path of a feed: /flux/rss.xml for the home page, /flux/rubrique/international/atom.xml… */
export function feedPath(kind: FeedKind, slug: string | null, type: FeedType): string {
  const file = FEED_FILES[type].file;
  return kind === 'home' ? `/flux/${file}` : `/flux/${FEED_PREFIXES[kind]}/${slug}/${file}`;
}

/** What a feed lists and how it presents itself. */
export interface FeedScope {
  kind: FeedKind;
  slug: string | null;
  /** Name of the part ("International", "Claire Montrieux"); null for the home feed. */
  name: string | null;
  description: string;
  /** The HTML page the feed follows. */
  pagePath: string;
  /** Page-cache tags: the feed is dropped when the part or any article in it changes. */
  tags: string[];
  /** Published articles to list: a teaser filter, or the ids of a dossier. */
  selection: { filter: TeaserFilter } | { ids: number[] };
}

/** Resolves a feed's kind and slug to its scope, or undefined when nothing public has that slug. */
export async function resolveFeedScope(ctx: AppContext, kind: FeedKind, slug: string | null): Promise<FeedScope | undefined> {
  const base = { kind, slug };
  switch (kind) {
    case 'home':
      return {
        ...base,
        name: null,
        description: 'Les derniers articles publiés.',
        pagePath: '/',
        tags: ['home'],
        selection: { filter: {} },
      };
    case 'section': {
      const section = slug ? await findSectionBySlug(ctx.db, slug) : undefined;
      if (!section) return undefined;
      return {
        ...base,
        name: section.name,
        description: section.description || `Les articles de la rubrique ${section.name}.`,
        pagePath: `/${section.slug}`,
        tags: [`section:${section.id}`],
        selection: { filter: { sectionId: section.id } },
      };
    }
    case 'format': {
      const entry = slug ? FEED_FORMATS[slug] : undefined;
      if (!entry || !Object.hasOwn(FEED_FORMATS, slug!)) return undefined;
      return {
        ...base,
        name: entry.label,
        description: `Les ${entry.label.toLowerCase()}, les plus récentes d’abord.`,
        pagePath: '/',
        tags: [`format:${entry.format}`],
        selection: { filter: { format: entry.format } },
      };
    }
    case 'author': {
      const person = slug ? await findPersonBySlug(ctx.db, slug) : undefined;
      if (!person) return undefined;
      return {
        ...base,
        name: person.name,
        description: `Les articles de ${person.name}.`,
        pagePath: `/auteur/${person.slug}`,
        tags: [`person:${person.id}`],
        selection: { filter: { personId: person.id } },
      };
    }
    case 'tag': {
      const tag = slug ? await findTagBySlug(ctx.db, slug) : undefined;
      if (!tag) return undefined;
      return {
        ...base,
        name: tag.name,
        description: `Les articles sur le sujet « ${tag.name} ».`,
        pagePath: `/sujet/${tag.slug}`,
        tags: [`tag:${tag.id}`],
        selection: { filter: { tagId: tag.id } },
      };
    }
    case 'dossier': {
      const dossier = slug ? await findPublishedDossier(ctx.db, slug) : undefined;
      if (!dossier) return undefined;
      return {
        ...base,
        name: dossier.title,
        description: `Les articles du dossier « ${dossier.title} ».`,
        pagePath: `/dossier/${dossier.slug}`,
        tags: [`dossier:${dossier.id}`],
        selection: { ids: await dossierArticleIds(ctx.db, dossier.id) },
      };
    }
    case 'series': {
      const series = slug ? await findSeriesBySlug(ctx.db, slug) : undefined;
      if (!series) return undefined;
      return {
        ...base,
        name: series.title,
        description: series.description || `Les épisodes de « ${series.title} ».`,
        pagePath: `/serie/${series.slug}`,
        tags: [`series:${series.id}`],
        selection: { filter: { seriesId: series.id } },
      };
    }
  }
}
