import { type Selectable, sql } from 'kysely';
import { BoundedMemo } from '../core/cache/bounded-memo.ts';
import type { Db } from '../core/db/database.ts';
import { executeReusable } from '../core/db/reusable-query.ts';
import type { ArticleTable, PersonKind } from '../core/db/schema.ts';
import { compareInstants } from '../core/text/dates.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import { imageTag } from '../images/image-cache.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { memoized, type TaggedMemo } from '../core/cache/tagged-memo.ts';
import type { FullArticle } from './article-repository.ts';
import { type BodyDoc, collectImageIds, parseBody, wordCount } from './body/body-schema.ts';
import { rememberStoredBody, storedBodyColumns, storedBodyImageIds, validStoredBody } from './body/stored-body.ts';

/** An article row with its section's slug and name and its series, as articleRows selects it. */
export type ArticleRowWithSection = Selectable<ArticleTable> & {
  section_slug: string;
  section_name: string;
  series_slug: string | null;
  series_title: string | null;
  series_cadence: string | null;
};

/**
 * Article rows as assembleFullArticle reads them: with their section and their series joined
 * (one query rather than one more per article in a series). Callers add the condition.
 */
export function articleRows(db: Db) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('series', 'series.id', 'articles.series_id')
    .selectAll('articles')
    .select([
      'sections.slug as section_slug',
      'sections.name as section_name',
      'series.slug as series_slug',
      'series.title as series_title',
      'series.cadence as series_cadence',
    ]);
}

/**
 * Builds the FullArticle of an article row (any status) joined with its section: body, byline,
 * tags, corrections, series, images. `publishedAt` stands in when the row has no publication date
 * yet (a private preview of a draft).
 *
 * With `siteOrigin` (the public page), the body comes rendered from the row when its stored HTML
 * is current (articles/body/stored-body.ts): the JSON document is then parsed only if something
 * asks for it. A stale or missing one is rendered now and written back for the next reads.
 */
export async function assembleFullArticle(
  db: Db,
  row: ArticleRowWithSection,
  publishedAt: string = row.published_at ?? new Date().toISOString(),
  options: { siteOrigin?: string; memo?: TaggedMemo } = {},
): Promise<FullArticle> {
  let stored = options.siteOrigin === undefined ? null : validStoredBody(row, options.siteOrigin);
  let parsed: { body: BodyDoc; words: number } | undefined;
  if (options.siteOrigin !== undefined && stored === null) {
    parsed = readBody(row.body, row.id);
    const columns = storedBodyColumns(row.body, parsed.body, options.siteOrigin);
    stored = { html: columns.body_html, words: columns.body_words };
    void rememberStoredBody(db, row.id, row.body, columns);
  }
  const readParsed = () => (parsed ??= readBody(row.body, row.id));
  const words = stored ? stored.words : readParsed().words;
  const imageIds = stored ? storedBodyImageIds(stored.html) : collectImageIds(readParsed().body);
  const { authors, tags, corrections } = await memoized(
    options.memo,
    `article-parts:${row.id}`,
    (parts) => partsTags(row.id, parts),
    // Frozen: every render of the article shares them while they are kept.
    async () => frozen(await readArticleParts(db, row.id)),
  );
  // Hero, body images and the authors' photos in one query (the photos are known once the byline is).
  const photoIds = authors.map((a) => a.photo_image_id).filter((id): id is number => id !== null);
  const images = await imagesByIds(
    db,
    [...(row.hero_image_id === null ? [] : [row.hero_image_id]), ...imageIds, ...photoIds],
    options.memo,
  );
  const series =
    row.series_id === null || row.series_slug === null
      ? null
      : { id: row.series_id, slug: row.series_slug, title: row.series_title ?? '', cadence: row.series_cadence ?? '' };

  const heroImage = row.hero_image_id === null ? null : (images.get(row.hero_image_id) ?? null);
  const bodyImages = new Map(imageIds.flatMap((id) => (images.has(id) ? [[id, images.get(id)!] as const] : [])));
  return {
    id: row.id,
    slug: row.slug,
    format: row.format,
    kicker: row.kicker,
    headline: row.headline,
    lead: row.lead,
    // Parsed on first use only (the meta description of an article without lead, previews).
    get body() {
      return readParsed().body;
    },
    storedBody: stored,
    wordCount: words,
    section: { id: row.section_id, slug: row.section_slug, name: row.section_name },
    series,
    authors: authors.map((a) => ({
      id: a.id,
      slug: a.slug,
      name: a.name,
      kind: a.kind,
      roleLine: a.role_line,
      photo: a.photo_image_id === null ? null : (images.get(a.photo_image_id) ?? null),
    })),
    tags,
    corrections: corrections.map((c) => ({ id: c.id, notedAt: c.noted_at, text: c.text })),
    heroImage,
    bodyImages,
    source: row.source_outlet?.trim()
      ? { outlet: row.source_outlet.trim(), url: row.source_url || null, headline: row.source_headline || null }
      : null,
    publishedAt,
    updatedAt: row.updated_at,
    seoTitle: row.seo_title || null,
    seoDescription: row.seo_description || null,
    commentsSetting: row.comments_setting,
  };
}

/**
 * The content tags of an article's byline, tags and corrections as kept in the memo: the article's
 * own (every change of its authors, tags or corrections is a save of a public article, or of one
 * becoming public: articles/operations/article-cache.ts), each author's (a name, a photo, a role
 * changed in the people admin) and each tag's.
 */
function partsTags(articleId: number, parts: Awaited<ReturnType<typeof readArticleParts>>): string[] {
  return [`article:${articleId}`, ...parts.authors.map((a) => `person:${a.id}`), ...parts.tags.map((t) => `tag:${t.id}`)];
}

/**
 * Images by id, each kept in the memo under `image:<id>` when there is one (dropped when the image
 * is edited: media/media-operations.ts); only those not kept are read, in one statement.
 */
async function imagesByIds(db: Db, ids: number[], memo: TaggedMemo | undefined): Promise<Map<number, ImageRecord>> {
  if (!memo || ids.length === 0) return getImagesByIds(db, ids);
  const idByKey = new Map(ids.map((id) => [`image-row:${id}`, id]));
  const found = await memo.getEach(
    [...idByKey.keys()],
    (image: ImageRecord) => [imageTag(image.id)],
    async (missing) => {
      const read = await getImagesByIds(
        db,
        missing.map((key) => idByKey.get(key)!),
      );
      return missing.map((key) => {
        const image = read.get(idByKey.get(key)!);
        return image && Object.freeze(image);
      });
    },
  );
  const images = new Map<number, ImageRecord>();
  for (const image of found) if (image) images.set(image.id, image);
  return images;
}

function frozen<T extends Record<string, readonly object[]>>(parts: T): T {
  for (const list of Object.values(parts)) {
    for (const item of list) Object.freeze(item);
    Object.freeze(list);
  }
  return Object.freeze(parts);
}

// Parsed bodies by their stored JSON text: validating and counting a body is most of the cost of
// reading an article, and a given text always gives the same document.
const parsedBodies = new BoundedMemo<{ body: BodyDoc; words: number }>(256);

function readBody(json: string, articleId: number): { body: BodyDoc; words: number } {
  try {
    return parsedBodies.get(json, () => {
      const body = parseBody(JSON.parse(json));
      return { body, words: wordCount(body) };
    });
  } catch (cause) {
    // Stored bodies were validated when saved: a bad one is a server fault (500), not the reader's.
    throw new Error(`Corps illisible pour l’article ${articleId}`, { cause });
  }
}

/** One row of readArticleParts: an author, a tag or a correction, the columns of the others null. */
interface PartRow {
  part: 'author' | 'tag' | 'correction';
  position: number;
  id: number;
  slug: string | null;
  name: string | null;
  person_kind: PersonKind | null;
  role_line: string | null;
  photo_image_id: number | null;
  noted_at: string | null;
  text: string | null;
}

/**
 * The byline, tags and corrections of an article in one statement (a UNION ALL of the three reads,
 * each through its article index; one round trip instead of three on PostgreSQL), built once.
 */
async function readArticleParts(db: Db, articleId: number) {
  const rows = await executeReusable(db, 'article:parts', { article: articleId }, (value) => ({
    compile: () =>
      // Corrections first: PostgreSQL types a UNION's columns branch by branch, and its nulls
      // would have made noted_at text before meeting the timestamps.
      sql<PartRow>`select 'correction' as "part", 0 as "position", corrections.id as "id", null as "slug", null as "name",
          null as "person_kind", null as "role_line", null as "photo_image_id", corrections.noted_at as "noted_at",
          corrections.text as "text"
        from corrections
        where corrections.article_id = ${value('article')}
        union all
        select 'author', article_authors.position, people.id, people.slug, people.name, people.kind, people.role_line,
          people.photo_image_id, null, null
        from article_authors inner join people on people.id = article_authors.person_id
        where article_authors.article_id = ${value('article')}
        union all
        select 'tag', article_tags.position, tags.id, tags.slug, tags.name, null, null, null, null, null
        from article_tags inner join tags on tags.id = article_tags.tag_id
        where article_tags.article_id = ${value('article')}`.compile(db),
  }));
  const of = (part: PartRow['part']) => rows.filter((r) => r.part === part);
  return {
    authors: of('author')
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((a) => ({
        id: a.id,
        slug: a.slug ?? '',
        name: a.name ?? '',
        kind: a.person_kind!,
        role_line: a.role_line ?? '',
        photo_image_id: a.photo_image_id,
      })),
    tags: of('tag')
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((t) => ({ id: t.id, slug: t.slug ?? '', name: t.name ?? '' })),
    corrections: of('correction')
      .sort((a, b) => compareInstants(a.noted_at ?? '', b.noted_at ?? '') || a.id - b.id)
      .map((c) => ({ id: c.id, noted_at: c.noted_at ?? '', text: c.text ?? '' })),
  };
}
