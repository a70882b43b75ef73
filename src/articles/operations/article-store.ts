import { type Selectable, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { ArticleTable } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { slugify } from '../../core/text/slug.ts';
import type { BodyDoc } from '../body/body-schema.ts';
import type { ArticleInput, FieldIssue, PublishableState } from './article-input.ts';
import { validationError } from './article-input.ts';
import { hostedVideoLacksCaptions } from '../../podcasts/video-repository.ts';

// All the SQL of the article operations: reading an article's editable state, writing its fields
// and relations, revisions, slugs. Public reads stay in ../article-repository.ts.

export type ArticleRow = Selectable<ArticleTable>;

/** An article as the operations see it: its row and the ids of everything attached to it. */
export interface ArticleState {
  row: ArticleRow;
  authorPersonIds: number[];
  tagIds: number[];
  tagNames: string[];
  sharedWithUserIds: number[];
  dossierIds: number[];
  corrections: { id: number; notedAt: string; text: string }[];
}

/**
 * The first statement of every write transaction of the operations: takes the write lock before
 * anything is read. On SQLite, a transaction that reads first and writes later fails at once
 * (SQLITE_BUSY, no waiting) if another process wrote in between; writing first makes it wait its
 * turn instead. On PostgreSQL it locks the article's row, so two saves of one article queue up.
 */
export async function lockForWrite(db: Db, articleId: number | null): Promise<void> {
  if (articleId === null) await sql`update articles set id = id where 1 = 0`.execute(db);
  else
    await db
      .updateTable('articles')
      .set((eb) => ({ revision: eb.ref('revision') }))
      .where('id', '=', articleId)
      .execute();
}

/** Loads an article's row and relations, or throws a 404. */
export async function loadArticleState(db: Db, id: number): Promise<ArticleState> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('Cet article n’existe pas (ou plus).');
  const [authors, tags, shares, dossiers, corrections] = await Promise.all([
    db.selectFrom('article_authors').select('person_id').where('article_id', '=', id).orderBy('position').orderBy('person_id').execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.id', 'tags.name'])
      .where('article_tags.article_id', '=', id)
      .orderBy('article_tags.position')
      .orderBy('tags.id')
      .execute(),
    db.selectFrom('article_shares').select('user_id').where('article_id', '=', id).execute(),
    db.selectFrom('dossier_articles').select('dossier_id').where('article_id', '=', id).execute(),
    db
      .selectFrom('corrections')
      .select(['id', 'noted_at', 'text'])
      .where('article_id', '=', id)
      .orderBy('noted_at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    row,
    authorPersonIds: authors.map((a) => a.person_id),
    tagIds: tags.map((t) => t.id),
    tagNames: tags.map((t) => t.name),
    sharedWithUserIds: shares.map((s) => s.user_id),
    dossierIds: dossiers.map((d) => d.dossier_id),
    corrections: corrections.map((c) => ({ id: c.id, notedAt: c.noted_at, text: c.text })),
  };
}

/** The article as the visibility rule sees it (../visibility.ts). */
export function policySubject(state: ArticleState) {
  return {
    createdByUserId: state.row.created_by_user_id,
    authorPersonIds: state.authorPersonIds,
    sharedWithUserIds: state.sharedWithUserIds,
    status: state.row.status,
  };
}

/** The editable fields of a stored article, as an input: what a revision snapshot holds. */
export function inputOf(state: ArticleState): ArticleInput {
  const r = state.row;
  return {
    format: r.format,
    sectionId: r.section_id,
    seriesId: r.series_id,
    kicker: r.kicker,
    headline: r.headline,
    slug: r.slug,
    lead: r.lead,
    body: JSON.parse(r.body) as BodyDoc,
    heroImageId: r.hero_image_id,
    authorPersonIds: state.authorPersonIds,
    tags: state.tagNames,
    source:
      r.source_outlet || r.source_url || r.source_headline
        ? { outlet: r.source_outlet ?? '', url: r.source_url ?? '', headline: r.source_headline ?? '' }
        : null,
    corrections: state.corrections.map((c) => ({ notedAt: c.notedAt, text: c.text })),
    seoTitle: r.seo_title,
    seoDescription: r.seo_description,
    commentsSetting: r.comments_setting,
  };
}

/** A value as text with object keys sorted, so two equal documents compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/**
 * True when saving the input would change something of the stored article: a column, the byline,
 * the tags (by slug, as writeTags finds them), or a correction not yet on it (corrections are only
 * ever appended). An input without slug or authors keeps the stored ones, as applyUpdate does.
 */
export function changesArticle(before: ArticleState, input: ArticleInput): boolean {
  const slug = input.slug ?? before.row.slug;
  if (canonical(columnsOf(input, slug)) !== canonical(columnsOf(inputOf(before), before.row.slug))) return true;
  if (canonical(input.authorPersonIds ?? before.authorPersonIds) !== canonical(before.authorPersonIds)) return true;
  const tagSlugs = (names: string[]) => [...new Set(names.map((name) => slugify(name, 60)))];
  if (canonical(tagSlugs(input.tags)) !== canonical(tagSlugs(before.tagNames))) return true;
  const noted = new Set(before.corrections.map((c) => c.text.trim()));
  return input.corrections.some((c) => !noted.has(c.text.trim()));
}

/** The article columns an input sets (not the workflow ones: status, dates, revision). */
export function columnsOf(input: ArticleInput, slug: string) {
  return {
    format: input.format,
    section_id: input.sectionId,
    series_id: input.seriesId,
    kicker: input.kicker,
    headline: input.headline,
    slug,
    lead: input.lead,
    body: JSON.stringify(input.body),
    hero_image_id: input.heroImageId,
    source_outlet: input.source?.outlet || null,
    source_url: input.source?.url || null,
    source_headline: input.source?.headline || null,
    seo_title: input.seoTitle,
    seo_description: input.seoDescription,
    comments_setting: input.commentsSetting,
  };
}

/** Refuses (422, by field) references to a section, series, image or person that does not exist. */
export async function checkReferences(db: Db, input: ArticleInput): Promise<void> {
  const authorIds = input.authorPersonIds ?? [];
  const [section, series, image, people] = await Promise.all([
    db.selectFrom('sections').select('id').where('id', '=', input.sectionId).executeTakeFirst(),
    input.seriesId === null
      ? Promise.resolve({ id: 0 })
      : db.selectFrom('series').select('id').where('id', '=', input.seriesId).executeTakeFirst(),
    input.heroImageId === null
      ? Promise.resolve({ id: 0 })
      : db.selectFrom('images').select('id').where('id', '=', input.heroImageId).executeTakeFirst(),
    authorIds.length === 0 ? Promise.resolve([]) : db.selectFrom('people').select('id').where('id', 'in', authorIds).execute(),
  ]);
  const issues: FieldIssue[] = [];
  if (!section) issues.push({ path: 'sectionId', message: 'Rubrique : cette rubrique n’existe pas' });
  if (!series) issues.push({ path: 'seriesId', message: 'Série : cette série n’existe pas' });
  if (!image) issues.push({ path: 'heroImageId', message: 'Image principale : cette image n’existe pas dans la médiathèque' });
  const known = new Set(people.map((p) => p.id));
  if (authorIds.some((a) => !known.has(a)))
    issues.push({ path: 'authorPersonIds', message: 'Auteurs : une des personnes choisies n’existe pas' });
  if (issues.length) throw validationError('L’article n’a pas été enregistré', issues);
}

/** A slug for a new article (or a draft whose headline changed): from the headline, suffixed -2, -3… if taken. */
export async function freeSlug(db: Db, base: string, articleId: number | null): Promise<string> {
  const root = slugify(base, 80);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? root : `${root}-${n}`;
    if (!(await slugTakenByAnother(db, candidate, articleId))) return candidate;
  }
  return `${root}-${Date.now().toString(36)}`;
}

/** True when another article uses the slug, or keeps it as an old address (it must keep redirecting). */
export async function slugTakenByAnother(db: Db, slug: string, articleId: number | null): Promise<boolean> {
  const [article, redirect] = await Promise.all([
    db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst(),
    db.selectFrom('slug_redirects').select('article_id').where('old_slug', '=', slug).executeTakeFirst(),
  ]);
  return (article !== undefined && article.id !== articleId) || (redirect !== undefined && redirect.article_id !== articleId);
}

/**
 * The slug renamed from `oldSlug` to `newSlug` on an article that has been public: the old address
 * keeps answering (301 to the new one), and a redirect row equal to the new slug goes away.
 */
export async function keepOldSlug(db: Db, articleId: number, oldSlug: string, newSlug: string, now: string): Promise<void> {
  await db.deleteFrom('slug_redirects').where('old_slug', '=', newSlug).where('article_id', '=', articleId).execute();
  await db
    .insertInto('slug_redirects')
    .values({ old_slug: oldSlug, article_id: articleId, created_at: now })
    .onConflict((oc) => oc.column('old_slug').doUpdateSet({ article_id: articleId, created_at: now }))
    .execute();
}

/** Replaces the byline, in order. */
export async function writeAuthors(db: Db, articleId: number, personIds: number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (personIds.length)
    await db
      .insertInto('article_authors')
      .values(personIds.map((person_id, position) => ({ article_id: articleId, person_id, position })))
      .execute();
}

/** Replaces the tags, in order; tags are found by slug or created with the name as typed. Returns their ids. */
export async function writeTags(db: Db, articleId: number, names: string[]): Promise<number[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name, 60);
    if (!bySlug.has(slug)) bySlug.set(slug, name);
  }
  const slugs = [...bySlug.keys()];
  if (slugs.length) {
    await db
      .insertInto('tags')
      .values(slugs.map((slug) => ({ slug, name: bySlug.get(slug)! })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  }
  const rows = slugs.length ? await db.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', slugs).execute() : [];
  const idBySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const ids = slugs.map((s) => idBySlug.get(s)!);
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (ids.length)
    await db
      .insertInto('article_tags')
      .values(ids.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  return ids;
}

/**
 * Appends the corrections that are new (by text): published corrections are never silently
 * removed by a later save, so a correction note stays on the article for good.
 */
export async function appendCorrections(
  db: Db,
  articleId: number,
  existing: { text: string }[],
  wanted: ArticleInput['corrections'],
  now: string,
): Promise<number> {
  const known = new Set(existing.map((c) => c.text.trim()));
  const fresh = wanted.filter((c) => !known.has(c.text.trim()));
  const unique = [...new Map(fresh.map((c) => [c.text.trim(), c])).values()];
  if (unique.length) {
    await db
      .insertInto('corrections')
      .values(unique.map((c) => ({ article_id: articleId, noted_at: c.notedAt ? new Date(c.notedAt).toISOString() : now, text: c.text })))
      .execute();
  }
  return unique.length;
}

/** Stores the snapshot of a revision (who saved, when). */
export async function insertRevision(
  db: Db,
  articleId: number,
  revision: number,
  snapshot: ArticleInput,
  userId: number | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({ article_id: articleId, revision, snapshot: JSON.stringify(snapshot), user_id: userId, created_at: now })
    .execute();
}

/** The stored state publishing looks at. */
export async function loadPublishableState(db: Db, row: ArticleRow): Promise<PublishableState> {
  const [section, authors, image, hostedVideoWithoutCaptions] = await Promise.all([
    db.selectFrom('sections').select('id').where('id', '=', row.section_id).executeTakeFirst(),
    db
      .selectFrom('article_authors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', row.id)
      .executeTakeFirstOrThrow(),
    row.hero_image_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('images').select(['alt', 'credit']).where('id', '=', row.hero_image_id).executeTakeFirst(),
    row.format === 'video' ? hostedVideoLacksCaptions(db, row.id) : Promise.resolve(false),
  ]);
  return {
    format: row.format,
    headline: row.headline,
    sectionExists: section !== undefined,
    authorCount: Number(authors.n),
    heroImage: image ?? null,
    heroImageId: row.hero_image_id,
    sourceOutlet: row.source_outlet,
    sourceUrl: row.source_url,
    hostedVideoWithoutCaptions,
  };
}

/** Who last saved the article and when, for the conflict message. */
export async function lastEditor(db: Db, row: ArticleRow): Promise<{ name: string | null; at: string | null }> {
  if (row.edited_by_user_id === null) return { name: null, at: row.edited_at };
  const user = await db.selectFrom('users').select('name').where('id', '=', row.edited_by_user_id).executeTakeFirst();
  return { name: user?.name ?? null, at: row.edited_at };
}

/** The article a "new article" form's first save created, by the form's draft key; null when none yet. */
export async function articleIdByDraftKey(db: Db, draftKey: string): Promise<number | null> {
  const row = await db.selectFrom('articles').select('id').where('draft_key', '=', draftKey).executeTakeFirst();
  return row ? row.id : null;
}
