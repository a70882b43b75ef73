import type { ArticleFormat, ArticleStatus, PageKind } from '../core/db/schema.ts';
import type { DemoFigure, DocNode } from './body-dsl.ts';
import type { TagName } from './content/tags.ts';
import type { When } from './schedule.ts';

/** Section slugs of the demo edition. */
export type SectionSlug =
  | 'decryptages'
  | 'pepites'
  | 'dossiers'
  | 'rendez-vous'
  | 'light'
  | 'videos'
  | 'podcasts'
  | 'international'
  | 'politique'
  | 'economie'
  | 'societe';

/** A generated illustration with the texts stored beside it. */
export interface DemoImage extends DemoFigure {
  caption: string;
}

/** The outlet an article is based on (pépites always, some news articles too). */
export interface DemoSource {
  outlet: string;
  url: string;
  headline: string;
}

/** One article of the demo edition, as written by its author. */
export interface DemoArticle {
  /** Stable key used by dossiers and tests; never shown. */
  key: string;
  format: ArticleFormat;
  section: SectionSlug;
  /** Slug of the series (rendez-vous) the article belongs to. */
  series?: string;
  kicker: string;
  headline: string;
  /** Defaults to slugify(headline). */
  slug?: string;
  lead: string;
  body: DocNode;
  /** Dépêches carry no picture, like agency wire items. */
  hero: DemoImage | null;
  source?: DemoSource;
  /** Person slugs, in byline order. */
  authors: string[];
  /** Tag names from the shared pool. */
  tags: TagName[];
  when: When;
  updated?: When;
  status?: ArticleStatus;
  corrections?: { when: When; text: string }[];
  /** Slugs the article had before, kept as redirects. */
  oldSlugs?: string[];
  seoTitle?: string;
}

/** A person of the newsroom or an outside contributor. */
export interface DemoPerson {
  slug: string;
  name: string;
  kind: 'staff' | 'contributor';
  roleLine: string;
  bio: string;
  links: { label: string; url: string }[];
}

/** An ordered collection of articles with an editorial introduction. */
export interface DemoDossier {
  slug: string;
  title: string;
  introduction: string;
  hero: DemoImage;
  /** Article keys, in reading order. */
  articles: string[];
  when: When;
}

/** A recurring column (rendez-vous). */
export interface DemoSeries {
  slug: string;
  title: string;
  description: string;
  cadence: string;
}

/** A static page (about, legal notice…). */
export interface DemoPage {
  slug: string;
  kind: PageKind;
  title: string;
  lead: string;
  body: DocNode;
}
