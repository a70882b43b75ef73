import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO 8601 strings in UTC on both engines
 * (see docs/decisions/0002-portable-storage.md); JSON documents are stored as text.
 */
export interface Database {
  settings: SettingsTable;
  nav_items: NavItemTable;
  sections: SectionTable;
  people: PersonTable;
  images: ImageTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  corrections: CorrectionTable;
  dossiers: DossierTable;
  dossier_articles: DossierArticleTable;
  series: SeriesTable;
  pages: PageTable;
  slug_redirects: SlugRedirectTable;
}

export type CommentsMode = 'open' | 'suspended';
export type CommentsSetting = 'inherit' | 'open' | 'closed';
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished';
export type ArticleFormat = 'actualite' | 'decryptage' | 'pepite' | 'depeche' | 'video' | 'podcast' | 'chronique';
export type PersonKind = 'staff' | 'contributor';
export type NavKind = 'section' | 'page' | 'url';
export type PageKind = 'about' | 'legal' | 'accessibility' | 'newsletter' | 'other';

export interface SettingsTable {
  id: number; // always 1
  name: string;
  tagline: string;
  public_url: string | null;
  language: string;
  logo_image_id: number | null;
  comments_mode: CommentsMode;
  comments_notice: string;
  updated_at: string;
}

export interface NavItemTable {
  id: Generated<number>;
  position: number;
  label: string;
  kind: NavKind;
  /** Section slug, page slug or absolute URL depending on kind. */
  target: string;
}

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: PersonKind;
  /** Role or expertise line shown under the name ("Économiste, chercheur au CNRS"). */
  role_line: string;
  bio: string;
  photo_image_id: number | null;
  /** JSON array of { label, url }. */
  links: string;
  created_at: string;
}

export interface ImageTable {
  id: Generated<number>;
  /** File name of the original under DATA_DIR/media/originals. */
  file_key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  /** Focal point as fractions 0–1 of width and height. */
  focal_x: number;
  focal_y: number;
  created_at: string;
}

export interface ArticleTable {
  id: Generated<number>;
  format: ArticleFormat;
  section_id: number;
  series_id: number | null;
  kicker: string;
  headline: string;
  slug: string;
  lead: string;
  /** ProseMirror/Tiptap JSON document. */
  body: string;
  hero_image_id: number | null;
  source_outlet: string | null;
  source_url: string | null;
  source_headline: string | null;
  status: ArticleStatus;
  created_at: string;
  published_at: string | null;
  /** Set when a published article is updated: the public "mis à jour" date. */
  updated_at: string | null;
  seo_title: string | null;
  seo_description: string | null;
  comments_setting: CommentsSetting;
  revision: number;
}

export interface ArticleAuthorTable {
  article_id: number;
  person_id: number;
  position: number;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  noted_at: string;
  text: string;
}

export interface DossierTable {
  id: Generated<number>;
  slug: string;
  section_id: number | null;
  title: string;
  introduction: string;
  hero_image_id: number | null;
  published_at: string | null;
  created_at: string;
}

export interface DossierArticleTable {
  dossier_id: number;
  article_id: number;
  position: number;
}

export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  section_id: number | null;
  title: string;
  description: string;
  /** Free text such as "chaque lundi". */
  cadence: string;
  created_at: string;
}

export interface PageTable {
  id: Generated<number>;
  slug: string;
  kind: PageKind;
  title: string;
  lead: string;
  /** ProseMirror/Tiptap JSON document. */
  body: string;
  updated_at: string;
}

export interface SlugRedirectTable {
  id: Generated<number>;
  old_slug: string;
  article_id: number;
  created_at: string;
}
