import type { Insertable } from 'kysely';
import type { Db } from '../../src/core/db/database.ts';
import type { ArticleFormat, ArticleStatus, Database, PageKind, PersonKind } from '../../src/core/db/schema.ts';

// Small factories for integration tests: each makes one row with sensible defaults and unique
// slugs, and returns it with its id. Tests pass only what they assert on.

let counter = 0;
/** Default publication times start two hours ago and grow by one second per row: later-made articles are newer. */
const BASE_TIME = Date.now() - 2 * 3600_000;
/** A process-unique suffix, so that slugs never collide between factories of one test. */
function next(): number {
  counter += 1;
  return counter;
}

/** An instant `minutesAgo` minutes before now, as stored (ISO 8601 UTC). */
export function minutesAgo(minutes: number, from = Date.now()): string {
  return new Date(from - minutes * 60_000).toISOString();
}

const EMPTY_DOC = JSON.stringify({ type: 'doc', content: [] });

export async function createSection(db: Db, over: Partial<Insertable<Database['sections']>> = {}) {
  const n = next();
  const row = {
    slug: `rubrique-${n}`,
    name: `Rubrique ${n}`,
    description: `Description de la rubrique ${n}.`,
    position: n,
    created_at: minutesAgo(10_000),
    ...over,
  };
  const { id } = await db.insertInto('sections').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

export async function createPerson(db: Db, over: Partial<Insertable<Database['people']>> & { kind?: PersonKind } = {}) {
  const n = next();
  const row = {
    slug: `auteur-${n}`,
    name: `Auteur ${n}`,
    kind: 'staff' as PersonKind,
    role_line: '',
    bio: '',
    photo_image_id: null,
    links: '[]',
    created_at: minutesAgo(10_000),
    ...over,
  };
  const { id } = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

/** An image row (no file on disk: enough for markup; /media would answer 404). */
export async function createImage(db: Db, over: Partial<Insertable<Database['images']>> = {}) {
  const n = next();
  const row = {
    file_key: `test-${n}-${Math.random().toString(36).slice(2)}.jpg`,
    mime: 'image/jpeg',
    width: 2400,
    height: 1600,
    bytes: 1000,
    alt: `Illustration ${n}`,
    caption: '',
    credit: 'Studio de test',
    focal_x: 0.5,
    focal_y: 0.5,
    created_at: minutesAgo(10_000),
    ...over,
  };
  const { id } = await db.insertInto('images').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

export interface ArticleInput extends Partial<Omit<Insertable<Database['articles']>, 'section_id'>> {
  section: { id: number };
  format?: ArticleFormat;
  status?: ArticleStatus;
  authors?: { id: number }[];
  tags?: { id: number }[];
}

/** A published article (unless told otherwise) with its authors and tags. */
export async function createArticle(db: Db, input: ArticleInput) {
  const n = next();
  const { section, authors = [], tags = [], ...over } = input;
  const row = {
    format: 'actualite' as ArticleFormat,
    section_id: section.id,
    series_id: null,
    kicker: '',
    headline: `Titre de l'article ${n}`,
    slug: `article-${n}`,
    lead: `Chapô de l'article ${n}.`,
    body: EMPTY_DOC,
    hero_image_id: null,
    source_outlet: null,
    source_url: null,
    source_headline: null,
    status: 'published' as ArticleStatus,
    created_at: minutesAgo(5_000),
    published_at: new Date(BASE_TIME + n * 1000).toISOString(),
    updated_at: null,
    seo_title: null,
    seo_description: null,
    comments_setting: 'inherit' as const,
    revision: 1,
    ...over,
  };
  const { id } = await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  if (authors.length)
    await db
      .insertInto('article_authors')
      .values(authors.map((p, i) => ({ article_id: id, person_id: p.id, position: i })))
      .execute();
  if (tags.length)
    await db
      .insertInto('article_tags')
      .values(tags.map((t, i) => ({ article_id: id, tag_id: t.id, position: i })))
      .execute();
  return { id, ...row };
}

export async function createTag(db: Db, over: Partial<Insertable<Database['tags']>> = {}) {
  const n = next();
  const row = { slug: `sujet-${n}`, name: `Sujet ${n}`, ...over };
  const { id } = await db.insertInto('tags').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

/** A dossier holding the given articles in that order (published unless published_at is null). */
export async function createDossier(db: Db, over: Partial<Insertable<Database['dossiers']>> & { articles?: { id: number }[] } = {}) {
  const n = next();
  const { articles = [], ...rest } = over;
  const row = {
    slug: `dossier-${n}`,
    section_id: null,
    title: `Dossier ${n}`,
    introduction: `Introduction du dossier ${n}.`,
    hero_image_id: null,
    published_at: minutesAgo(60),
    created_at: minutesAgo(10_000),
    ...rest,
  };
  const { id } = await db.insertInto('dossiers').values(row).returning('id').executeTakeFirstOrThrow();
  if (articles.length)
    await db
      .insertInto('dossier_articles')
      .values(articles.map((a, i) => ({ dossier_id: id, article_id: a.id, position: i + 1 })))
      .execute();
  return { id, ...row };
}

export async function createSeries(db: Db, over: Partial<Insertable<Database['series']>> = {}) {
  const n = next();
  const row = {
    slug: `serie-${n}`,
    section_id: null,
    title: `Série ${n}`,
    description: `Description de la série ${n}.`,
    cadence: 'chaque lundi',
    created_at: minutesAgo(10_000),
    ...over,
  };
  const { id } = await db.insertInto('series').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

/** A static page whose body is one paragraph per given text. */
export async function createPage(db: Db, over: Partial<Insertable<Database['pages']>> & { kind?: PageKind; paragraphs?: string[] } = {}) {
  const n = next();
  const { paragraphs = [`Texte de la page ${n}.`], ...rest } = over;
  const body = JSON.stringify({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
  const row = {
    slug: `page-${n}`,
    kind: 'other' as PageKind,
    title: `Page ${n}`,
    lead: `Chapô de la page ${n}.`,
    body,
    updated_at: minutesAgo(60),
    ...rest,
  };
  const { id } = await db.insertInto('pages').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

/** The publication settings row the layout reads (name, tagline). */
export async function createSettings(db: Db, over: Partial<Insertable<Database['settings']>> = {}) {
  const row = {
    id: 1,
    name: 'La Gazette de test',
    tagline: 'Des nouvelles vérifiées',
    public_url: null,
    language: 'fr',
    logo_image_id: null,
    comments_mode: 'open' as const,
    comments_notice: '',
    updated_at: minutesAgo(60),
    ...over,
  };
  await db.insertInto('settings').values(row).execute();
  return row;
}

/**
 * A reader's comment written straight into the table, as if already decided (no moderation, no
 * thread count kept): visible, written now, unless `over` says otherwise.
 */
export async function createComment(
  db: Db,
  row: Pick<Insertable<Database['comments']>, 'article_id' | 'reader_id' | 'body'> & Partial<Insertable<Database['comments']>>,
) {
  return db
    .insertInto('comments')
    .values({
      parent_id: null,
      status: 'visible',
      created_at: new Date().toISOString(),
      edited_at: null,
      spam_score: null,
      decided_at: null,
      decided_by_user_id: null,
      contested_at: null,
      ...row,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
