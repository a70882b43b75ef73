import { html } from '../core/html/html.ts';
import { formatDateTimeFr, toParisIso } from '../core/text/dates.ts';
import type { Db } from '../core/db/database.ts';
import type { CommentsSetting } from '../core/db/schema.ts';
import type { Settings } from '../publication/publication-repository.ts';
import { fr } from '../core/text/typography.ts';
import { memoized, type TaggedMemo } from '../core/cache/tagged-memo.ts';
import { type EffectiveMode, effectiveMode } from './comment-mode.ts';
import {
  type ArchivedComments,
  archivedComments,
  type CommentSort,
  featuredComments,
  listThreads,
  type PublicComment,
  REPLIES_SHOWN,
  repliesOf,
  SORTS,
  threadSummary,
} from './comment-repository.ts';
import { renderCommentText } from './comment-text.ts';
import { BADGE_LABELS } from './staff-badge.ts';

export const SORT_LABELS: Record<CommentSort, string> = {
  recents: 'Les plus récents',
  anciens: 'Les plus anciens',
  apprecies: 'Les plus appréciés',
};

/** "1 commentaire", "12 commentaires". */
export function commentCountLabel(n: number): string {
  return n === 1 ? '1 commentaire' : `${n.toLocaleString('fr-FR')} commentaires`;
}

/** One comment as shared, cacheable HTML: nothing in it depends on who looks. */
export function renderComment(
  c: PublicComment,
  options: {
    replies?: PublicComment[];
    reply?: boolean;
    canAct: boolean /** false for a second copy (the featured selection): ids stay unique. */;
    anchor?: boolean;
  },
): string {
  const author = c.authorName
    ? html`<span class="comment__author">${c.authorName}</span>`
    : html`<span class="comment__author comment__author--gone">Compte supprimé</span>`;
  const badge = c.badge
    ? html` <span class="comment__badge comment__badge--${c.badge}">${BADGE_LABELS[c.badge]}</span>!${c.badgeLine ? html` <span class="comment__badge-line">${fr(c.badgeLine)}</span>` : ''}`
    : '';
  const edited = c.editedAt ? html` <span class="comment__edited">(modifié)</span>` : '';
  const featured = c.featured ? html`<p class="comment__featured">Sélection de la rédaction</p>` : '';
  const likes =
    c.likeCount > 0
      ? html` <span class="comment__likes" data-like-count>${String(c.likeCount)}</span>`
      : html` <span class="comment__likes" data-like-count></span>`;
  const actions = options.canAct
    ? html`<ul class="comment__actions" role="list">!${options.reply ? '' : html`<li><a href="/commentaires/${String(c.id)}/repondre">Répondre<span class="visually-hidden"> à ${c.authorName ?? 'ce commentaire'}</span></a></li>`}<li><a href="/commentaires/${String(c.id)}/apprecier" data-like="${String(c.id)}">J’apprécie<span class="visually-hidden"> le commentaire de ${c.authorName ?? 'compte supprimé'}</span></a>!${likes}</li><li><a href="/commentaires/${String(c.id)}/signaler">Signaler<span class="visually-hidden"> le commentaire de ${c.authorName ?? 'compte supprimé'}</span></a></li></ul>`
    : c.likeCount > 0
      ? html`<p class="comment__meta">${c.likeCount === 1 ? '1 lecteur apprécie' : `${c.likeCount} lecteurs apprécient`}</p>`
      : '';
  const replies = options.replies?.length
    ? html`<ol class="comment-replies" role="list">!${options.replies.map((r) => html`<li>!${renderComment(r, { reply: true, canAct: options.canAct })}</li>`)}</ol>`
    : '';
  const more =
    !options.reply && c.replyCount > (options.replies?.length ?? 0)
      ? html`<p class="comment__more"><a href="/commentaire/${String(c.id)}">Voir les ${String(c.replyCount)} réponses<span class="visually-hidden"> au commentaire de ${c.authorName ?? 'compte supprimé'}</span></a></p>`
      : '';
  return html`<article class="comment!${options.reply ? ' comment--reply' : ''}"!${options.anchor === false ? '' : html` id="commentaire-${String(c.id)}"`} data-comment="${String(c.id)}">!${featured}<header class="comment__header">!${author}!${badge} <a class="comment__time" href="/commentaire/${String(c.id)}"><time datetime="${toParisIso(c.createdAt)}">${formatDateTimeFr(c.createdAt)}</time></a>!${edited}</header><div class="comment__body">!${renderCommentText(c.body)}</div>!${actions}!${replies}!${more}</article>`;
}

/** The threads of one page and their first replies. */
export async function loadThreadPage(db: Db, articleId: number, sort: CommentSort, after: Parameters<typeof listThreads>[3]) {
  const page = await listThreads(db, articleId, sort, after);
  const replies = await repliesOf(
    db,
    page.comments.filter((c) => c.replyCount > 0).map((c) => c.id),
    REPLIES_SHOWN,
  );
  return { ...page, replies };
}

export function renderThreadList(page: Awaited<ReturnType<typeof loadThreadPage>>, canAct: boolean): string {
  if (page.comments.length === 0) return html`<p class="comments__empty">Aucun commentaire pour le moment.</p>`;
  return html`<ol class="comment-list" role="list" data-comment-list>!${page.comments.map((c) => html`<li>!${renderComment(c, { replies: page.replies.get(c.id), canAct })}</li>`)}</ol>`;
}

export function sortNav(articleId: number, current: CommentSort | null): string {
  return html`<nav class="comments__sort" aria-label="Trier les commentaires"><ul role="list">!${SORTS.map((s) =>
    s === current
      ? html`<li><a href="/commentaires/article/${String(articleId)}?tri=${s}" aria-current="page">${SORT_LABELS[s]}</a></li>`
      : html`<li><a href="/commentaires/article/${String(articleId)}?tri=${s}">${SORT_LABELS[s]}</a></li>`,
  )}</ul></nav>`;
}

/** Comments kept from the previous site by an import: read-only, after the live conversation. */
function renderArchive(archived: ArchivedComments): string {
  if (archived.total === 0) return '';
  const more =
    archived.total > archived.comments.length
      ? html`<p class="comments__note">Les ${String(archived.comments.length)} premiers sont affichés, sur ${archived.total.toLocaleString('fr-FR')}.</p>`
      : '';
  return html`<section class="comments__archive" aria-labelledby="commentaires-archives"><h3 id="commentaires-archives">Commentaires de l’ancien site <span class="comments__count">(${archived.total.toLocaleString('fr-FR')})</span></h3><p class="comments__note">Publiés avant l’arrivée de notre nouveau site, ils sont conservés tels quels et ne peuvent plus recevoir de réponse.</p>!${more}<ol class="comment-list" role="list">!${archived.comments.map(
    (c) =>
      html`<li><article class="comment comment--archived"><header class="comment__header"><span class="comment__author">${c.authorName}</span> <span class="comment__time"><time datetime="${toParisIso(c.writtenAt)}">${formatDateTimeFr(c.writtenAt)}</time></span></header><div class="comment__body">!${renderCommentText(c.body)}</div></article></li>`,
  )}</ol></section>`;
}

/**
 * The comments area of the article page, as shared cacheable HTML: no reader's data, no token.
 * Writing goes through a link to the (uncached) form, which the comments island swaps for the
 * form itself when the reader is signed in. Suspended site-wide: the editors' notice alone.
 */
function renderCommentsArea(
  settings: Pick<Settings, 'comments_notice'>,
  article: { id: number },
  mode: EffectiveMode,
  shown: { count: number; featured: PublicComment[]; page: Awaited<ReturnType<typeof loadThreadPage>>; archived: ArchivedComments },
): string {
  const title = (count: string) =>
    html`<h2 class="comments__title" id="commentaires">Commentaires!${count ? html` <span class="comments__count">(${count})</span>` : ''}</h2>`;
  if (mode === 'suspended') {
    const notice = settings.comments_notice.trim() || 'Les commentaires sont suspendus.';
    return html`<section class="comments" data-part="comments" aria-labelledby="commentaires">!${title('')}<p class="notice notice--comments" role="note">${fr(notice)}</p></section>`;
  }
  const { count, featured, page, archived } = shown;
  const canAct = mode === 'open' || mode === 'premoderation';
  const notice =
    mode === 'closed'
      ? html`<p class="notice notice--comments" role="note">Les commentaires sont fermés pour cet article.</p>`
      : mode === 'premoderation'
        ? html`<p class="comments__note">Les commentaires de cet article sont lus par la rédaction avant d’être publiés.</p>`
        : '';
  const compose = canAct
    ? html`<div class="comments__compose" data-comment-compose="${String(article.id)}"><a class="button" href="/commentaires/${String(article.id)}/ecrire">Écrire un commentaire</a></div>`
    : '';
  const featuredHtml = featured.length
    ? html`<section class="comments__featured" aria-labelledby="selection-redaction"><h3 id="selection-redaction">Sélection de la rédaction</h3><ol class="comment-list" role="list">!${featured.map((c) => html`<li>!${renderComment({ ...c, featured: false }, { canAct: false, reply: true, anchor: false })}</li>`)}</ol></section>`
    : '';
  const next = page.next
    ? html`<p class="comments__next"><a href="/commentaires/article/${String(article.id)}?tri=recents&amp;apres=${page.next}">Commentaires suivants</a></p>`
    : '';
  const sorting = count > 1 ? sortNav(article.id, null) : '';
  // With archived comments only, "Aucun commentaire pour le moment" would contradict the list below.
  const threads = page.comments.length === 0 && archived.total > 0 ? '' : renderThreadList(page, canAct);
  return html`<section class="comments" data-part="comments" aria-labelledby="commentaires" data-comments-area="${String(article.id)}">!${title(count ? String(count) : '')}!${notice}!${compose}<p class="comments__status" role="status" data-comment-status></p>!${featuredHtml}!${sorting}!${threads}!${next}!${renderArchive(archived)}</section>`;
}

/** What an article's comments area shows, read once per change of its comments (see commentsForArticle). */
interface AreaContent {
  thread: Awaited<ReturnType<typeof threadSummary>>;
  featured: PublicComment[];
  page: Awaited<ReturnType<typeof loadThreadPage>>;
  archived: ArchivedComments;
  /** The area's HTML in each mode it was shown in but suspended: it depends only on the content above and the mode. */
  rendered: Partial<Record<Exclude<EffectiveMode, 'suspended'>, string>>;
}

/**
 * The article page's comments: the area's HTML, the count for the header, in the article's current
 * mode. One statement says what the area holds (the thread's count and state, whether anything is
 * featured or archived); then the first page of threads and their replies, and the featured and archived
 * lists, each only when there are some: one statement for an article without comments, two or three
 * for a usual one (comment-queries.test.ts holds the count).
 *
 * With a memo (the public article page), what was read and its HTML are kept under the article's
 * `comments:N` tag, which every change of its comments drops (comment-invalidation.ts, moderation,
 * a reader's name or account): the next renders read nothing until the next change. The mode is
 * decided again at each render, as it changes with time (an article closing N days after publication)
 * and with the site's settings.
 */
export async function commentsForArticle(
  db: Db,
  settings: Pick<Settings, 'comments_notice' | 'comments_mode' | 'comments_close_after_days'>,
  article: { id: number; commentsSetting: CommentsSetting; publishedAt: string | null },
  options: { now?: Date; memo?: TaggedMemo } = {},
): Promise<{ html: string; count: number }> {
  const now = options.now ?? new Date();
  const content = await memoized(
    options.memo,
    `comments-area:${article.id}`,
    () => [`comments:${article.id}`, `article:${article.id}`],
    () => readArea(db, article.id),
  );
  const { thread } = content;
  const mode = effectiveMode(
    settings,
    {
      commentsSetting: article.commentsSetting,
      publishedAt: article.publishedAt ?? now.toISOString(),
      autoPremoderationAt: thread.autoPremoderationAt,
    },
    now,
  );
  // The editors' notice alone, from the settings of this render (not kept: it is not the comments').
  if (mode === 'suspended') return { html: renderCommentsArea(settings, article, mode, EMPTY_AREA), count: 0 };
  content.rendered[mode] ??= renderCommentsArea(settings, article, mode, { count: thread.visibleCount, ...content });
  return { html: content.rendered[mode], count: thread.visibleCount };
}

async function readArea(db: Db, articleId: number): Promise<AreaContent> {
  const thread = await threadSummary(db, articleId);
  const [featured, page, archived] = await Promise.all([
    thread.hasFeatured ? featuredComments(db, articleId) : [],
    // No visible comment (the thread's count, kept with every change of state): no page to read.
    thread.visibleCount > 0 ? loadThreadPage(db, articleId, 'recents', null) : EMPTY_AREA.page,
    thread.hasArchived ? archivedComments(db, articleId) : NO_ARCHIVE,
  ]);
  return { thread, featured, page, archived, rendered: {} };
}

const NO_ARCHIVE: ArchivedComments = { total: 0, comments: [] };
const EMPTY_AREA = { count: 0, featured: [], page: { comments: [], next: null, replies: new Map() }, archived: NO_ARCHIVE };
