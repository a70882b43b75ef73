import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { executeReusable, valueList } from '../core/db/reusable-query.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import type { CommentBadge, CommentStatus } from '../core/db/schema.ts';
import { listEntries, type ModerationListName } from '../readers/moderation-lists.ts';
import { BURST, REPEAT_WINDOW_MS, type RuleFacts } from './moderation-rules.ts';
import { SPAM_DOCS_TOKEN, spamModelReady } from './spam-model.ts';

/** The orders a thread list can take. */
export const SORTS = ['recents', 'anciens', 'apprecies'] as const;
export type CommentSort = (typeof SORTS)[number];

export const THREADS_PER_PAGE = 20;
/** Replies shown under a comment before "voir les réponses". */
export const REPLIES_SHOWN = 3;

export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  body: string;
  authorName: string | null;
  readerId: number | null;
  createdAt: string;
  editedAt: string | null;
  likeCount: number;
  replyCount: number;
  featured: boolean;
  status: CommentStatus;
  /** Set by the server when posted (staff-badge.ts): 'redaction', 'auteur' or ''. */
  badge: CommentBadge;
  badgeLine: string;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('comments')
    .leftJoin('readers', 'readers.id', 'comments.reader_id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'comments.body',
      'comments.reader_id',
      'readers.display_name',
      'comments.created_at',
      'comments.edited_at',
      'comments.like_count',
      'comments.reply_count',
      'comments.featured',
      'comments.status',
      'comments.author_badge',
      'comments.author_badge_line',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toComment(r: Row): PublicComment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    body: r.body,
    authorName: r.reader_id === null ? null : (r.display_name ?? null),
    readerId: r.reader_id,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    likeCount: r.like_count,
    replyCount: r.reply_count,
    featured: r.featured === 1,
    status: r.status,
    // A deleted account's comments keep no badge: "Compte supprimé" speaks for no one.
    badge: r.reader_id === null ? '' : r.author_badge,
    badgeLine: r.reader_id === null ? '' : r.author_badge_line,
  };
}

/** Where a page of threads starts: after this comment in the chosen order. */
export interface Cursor {
  createdAt: string;
  likes: number;
  id: number;
}

export function encodeCursor(c: PublicComment): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.likeCount, c.id])).toString('base64url');
}

export function decodeCursor(value: unknown): Cursor | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  try {
    const [createdAt, likes, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt !== 'string' || typeof likes !== 'number' || typeof id !== 'number') return null;
    if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(createdAt) || !Number.isInteger(id) || !Number.isInteger(likes)) return null;
    return { createdAt, likes, id };
  } catch {
    return null;
  }
}

/**
 * One page of an article's visible top-level comments (keyset pagination on the thread indexes:
 * a page deep in 5,000 comments costs the same as the first), plus whether more follow.
 * Featured comments ("sélection de la rédaction") are listed apart, see featuredComments.
 */
export async function listThreads(
  db: Db,
  articleId: number,
  sort: CommentSort,
  after: Cursor | null,
  limit = THREADS_PER_PAGE,
): Promise<{ comments: PublicComment[]; next: string | null }> {
  // Built once per order and with or without a cursor (the article page asks for the first page
  // of every article it renders); the article, the cursor and the limit are bound.
  const values = {
    articleId,
    take: limit + 1,
    afterCreatedAt: after?.createdAt ?? null,
    afterId: after?.id ?? null,
    afterLikes: after?.likes ?? null,
  };
  const rows = await executeReusable(db, `comments:threads:${sort}:${after ? 'after' : 'first'}`, values, (value) => {
    let q = baseQuery(db)
      .where('comments.article_id', '=', value('articleId'))
      .where('comments.status', '=', 'visible')
      .where('comments.parent_id', 'is', null);
    if (sort === 'recents') {
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('comments.created_at', '<', value('afterCreatedAt')),
            eb.and([eb('comments.created_at', '=', value('afterCreatedAt')), eb('comments.id', '<', value('afterId'))]),
          ]),
        );
      q = q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc');
    } else if (sort === 'anciens') {
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('comments.created_at', '>', value('afterCreatedAt')),
            eb.and([eb('comments.created_at', '=', value('afterCreatedAt')), eb('comments.id', '>', value('afterId'))]),
          ]),
        );
      q = q.orderBy('comments.created_at', 'asc').orderBy('comments.id', 'asc');
    } else {
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('comments.like_count', '<', value('afterLikes')),
            eb.and([eb('comments.like_count', '=', value('afterLikes')), eb('comments.id', '<', value('afterId'))]),
          ]),
        );
      q = q.orderBy('comments.like_count', 'desc').orderBy('comments.id', 'desc');
    }
    return q.limit(value('take'));
  });
  const comments = rows.slice(0, limit).map(toComment);
  return { comments, next: rows.length > limit ? encodeCursor(comments[comments.length - 1]) : null };
}

/** The visible replies of several comments, oldest first; `perParent` each (all when undefined). */
export async function repliesOf(db: Db, parentIds: number[], perParent?: number): Promise<Map<number, PublicComment[]>> {
  const map = new Map<number, PublicComment[]>();
  if (parentIds.length === 0) return map;
  // Built once per number of parents (executeReusable); the ids and the number per parent are bound.
  const { names, keys } = valueList('parent', parentIds);
  const values: Record<string, unknown> = { ...names, perParent: perParent ?? null };
  const rows = await executeReusable(
    db,
    `comments:replies:${parentIds.length}:${perParent === undefined ? 'all' : 'first'}`,
    values,
    (value) => {
      let q = baseQuery(db)
        .where(
          'comments.parent_id',
          'in',
          keys.map((key) => value(key)),
        )
        .where('comments.status', '=', 'visible');
      if (perParent !== undefined) {
        // The first N replies of each parent, in one query on both engines.
        q = q.where(
          (eb) =>
            eb
              .selectFrom('comments as earlier')
              .select(sql<number>`count(*)`.as('n'))
              .whereRef('earlier.parent_id', '=', 'comments.parent_id')
              .where('earlier.status', '=', 'visible')
              .where((e) =>
                e.or([
                  e('earlier.created_at', '<', e.ref('comments.created_at')),
                  e.and([e('earlier.created_at', '=', e.ref('comments.created_at')), e('earlier.id', '<', e.ref('comments.id'))]),
                ]),
              ),
          '<',
          value('perParent'),
        );
      }
      return q.orderBy('comments.created_at', 'asc').orderBy('comments.id', 'asc');
    },
  );
  for (const r of rows) {
    const list = map.get(r.parent_id ?? 0) ?? [];
    list.push(toComment(r));
    map.set(r.parent_id ?? 0, list);
  }
  return map;
}

/** The comments the newsroom featured on an article. */
export async function featuredComments(db: Db, articleId: number): Promise<PublicComment[]> {
  const rows = await executeReusable(db, 'comments:featured', { articleId }, (value) =>
    baseQuery(db)
      .where('comments.article_id', '=', value('articleId'))
      .where('comments.status', '=', 'visible')
      .where('comments.featured', '=', 1)
      .orderBy('comments.created_at', 'desc')
      .limit(5),
  );
  return rows.map(toComment);
}

/** A comment brought over from the publication's previous site (importers): read-only, plain text. */
export interface ArchivedComment {
  id: number;
  authorName: string;
  body: string;
  writtenAt: string;
}

/** How many archived comments the article page lists (oldest first); the rest are counted. */
export const ARCHIVED_SHOWN = 50;

/** The approved comments an import kept for the article (never the unapproved ones, never e-mails or links), counted in the same statement. */
export async function archivedComments(db: Db, articleId: number): Promise<ArchivedComments> {
  const rows = await db
    .selectFrom('imported_comments')
    .select((eb) => ['id', 'author_name', 'content', 'written_at', eb.fn.countAll<number>().over().as('total')])
    .where('article_id', '=', articleId)
    .where('approved', '=', 1)
    .orderBy('written_at')
    .orderBy('id')
    .limit(ARCHIVED_SHOWN)
    .execute();
  return {
    total: Number(rows[0]?.total ?? 0),
    comments: rows.map((r) => ({ id: r.id, authorName: r.author_name, body: r.content, writtenAt: r.written_at })),
  };
}

/** The archived comments of an article: the first ones shown, and how many there are. */
export interface ArchivedComments {
  total: number;
  comments: ArchivedComment[];
}

/** One comment, whatever its status (operations check who may see it). */
export async function findComment(db: Db, id: number): Promise<PublicComment | null> {
  const row = await baseQuery(db).where('comments.id', '=', id).executeTakeFirst();
  return row ? toComment(row) : null;
}

/**
 * What an article's comments area holds, in one statement: the visible count (replies included,
 * for the header and teasers), the automatic pré-modération, and whether any comment is featured
 * or archived (their lists are read only then).
 */
export async function threadSummary(db: Db, articleId: number) {
  // Built once (executeReusable): every uncached article page runs it.
  const [row] = await executeReusable(db, 'comments:summary', { articleId }, (value) =>
    db.selectNoFrom((eb) => {
      const thread = () => eb.selectFrom('comment_threads').where('article_id', '=', value('articleId'));
      return [
        thread().select('visible_count').as('visible_count'),
        thread().select('auto_premoderation_at').as('auto_premoderation_at'),
        eb
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', value('articleId'))
          .where('status', '=', 'visible')
          .where('featured', '=', 1)
          .limit(1)
          .as('featured_id'),
        eb
          .selectFrom('imported_comments')
          .select('id')
          .where('article_id', '=', value('articleId'))
          .where('approved', '=', 1)
          .limit(1)
          .as('archived_id'),
      ];
    }),
  );
  if (!row) throw new Error('threadSummary: no row');
  return {
    visibleCount: Number(row.visible_count ?? 0),
    autoPremoderationAt: row.auto_premoderation_at,
    hasFeatured: row.featured_id !== null,
    hasArchived: row.archived_id !== null,
  };
}

/**
 * Whether teasers show their visible comment counts (comment_threads.visible_count): not while
 * comments are suspended site-wide, when the editors' notice replaces every comments area and a
 * count would point at nothing. (Saving the settings drops every cached page, teasers included.)
 */
export async function commentCountsShown(db: Db): Promise<boolean> {
  return (await loadSiteChrome(db)).settings.comments_mode !== 'suspended';
}

/** The article a comment form posts to, if public now: its path pieces, its setting and thread state. */
export async function findCommentableArticle(db: Db, articleId: number, now: string) {
  return commentableArticle(db, articleId, now).executeTakeFirst();
}

function commentableArticle(db: Db, articleId: number, now: string) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('comment_threads', 'comment_threads.article_id', 'articles.id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.comments_setting',
      'articles.published_at',
      'sections.slug as section_slug',
      'comment_threads.auto_premoderation_at',
    ])
    .where('articles.id', '=', articleId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now);
}

/**
 * Everything a new or edited comment is checked against, in one statement (one round trip, where
 * it used to take twelve): the article if it is public now, the parent replied to, the word lists,
 * the reader's history for the rules, whether the reader is staff (their badge is then read), the
 * spam model's document counts and whether an external classifier is set. Null when the article
 * is not public. Each part reads one index.
 */
export async function commentFacts(
  db: Db,
  input: {
    articleId: number;
    parentId: number | null;
    readerId: number;
    readerEmail: string;
    /** The keyed hash of the poster's address; '' when unknown (an edit): no address then counts. */
    ipHash: string;
    bodyKey: string;
    now: Date;
    /** When editing: the comment itself does not count as repeated text, a burst or a published comment. */
    excludeId?: number;
  },
) {
  const exclude = input.excludeId ?? -1;
  const repeatedSince = new Date(input.now.getTime() - REPEAT_WINDOW_MS).toISOString();
  const burstSince = new Date(input.now.getTime() - BURST.windowMs).toISOString();
  const row = await commentableArticle(db, input.articleId, input.now.toISOString())
    .leftJoin('comments as parent', (join) => join.on('parent.id', '=', input.parentId ?? 0))
    .select(['parent.article_id as parent_article_id', 'parent.status as parent_status', 'parent.parent_id as parent_parent_id'])
    .select((eb) => {
      const list = (name: ModerationListName) => eb.selectFrom('moderation_lists').select('entries').where('name', '=', name);
      const counted = () => eb.selectFrom('comments').select(eb.fn.countAll<number>().as('n')).where('id', '!=', exclude);
      const docs = () => eb.selectFrom('spam_tokens').where('token', '=', SPAM_DOCS_TOKEN);
      return [
        list('banned_words').as('banned_words'),
        list('suspect_words').as('suspect_words'),
        eb
          .selectFrom('comments')
          .select('id')
          .where('reader_id', '=', input.readerId)
          .where('status', '=', 'visible')
          .where('id', '!=', exclude)
          .limit(1)
          .as('approved_id'),
        counted().where('body_key', '=', input.bodyKey).where('created_at', '>', repeatedSince).as('repeated'),
        counted().where('reader_id', '=', input.readerId).where('created_at', '>', burstSince).as('burst_by_reader'),
        // From the same address by others (the reader's own are counted above).
        counted()
          .where('ip_hash', '=', input.ipHash || '!')
          .where('created_at', '>', burstSince)
          .where((e) => e.or([e('reader_id', 'is', null), e('reader_id', '!=', input.readerId)]))
          .as('burst_by_address'),
        eb
          .selectFrom('users')
          .select('id')
          .where('email', '=', input.readerEmail.toLowerCase())
          .where('status', '=', 'active')
          .as('staff_id'),
        docs().select('spam').as('spam_docs'),
        docs().select('ham').as('ham_docs'),
        eb.selectFrom('comment_classifier').select('url').where('id', '=', 1).as('classifier_url'),
      ];
    })
    .executeTakeFirst();
  if (!row) return null;
  const rules: RuleFacts = {
    bannedWords: listEntries('banned_words', row.banned_words),
    suspectWords: listEntries('suspect_words', row.suspect_words),
    hasApproved: row.approved_id !== null,
    repeated: Number(row.repeated ?? 0),
    burst: Number(row.burst_by_reader ?? 0) + Number(row.burst_by_address ?? 0),
    spamModelReady: spamModelReady({ spam: row.spam_docs, ham: row.ham_docs }),
  };
  return {
    article: {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      comments_setting: row.comments_setting,
      published_at: row.published_at,
      section_slug: row.section_slug,
      auto_premoderation_at: row.auto_premoderation_at,
    },
    parent:
      row.parent_article_id === null
        ? null
        : { articleId: row.parent_article_id, status: row.parent_status, parentId: row.parent_parent_id },
    rules,
    isStaff: row.staff_id !== null,
    classifierSet: Boolean(row.classifier_url),
  };
}

/** What commentFacts found for a public article. */
export type CommentFacts = NonNullable<Awaited<ReturnType<typeof commentFacts>>>;

/** Adds `delta` to the visible count of an article (creating its thread row on first use). */
export async function bumpVisibleCount(db: Db, articleId: number, delta: number): Promise<void> {
  await db
    .insertInto('comment_threads')
    .values({ article_id: articleId, visible_count: Math.max(0, delta), auto_premoderation_at: null })
    .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ visible_count: eb('comment_threads.visible_count', '+', delta) })))
    .execute();
}
