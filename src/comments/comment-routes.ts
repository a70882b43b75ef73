import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfCheck, csrfTokenFor, formBody, formValue } from '../curation/curation-http.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { PhaseTimer } from '../core/http/server-timing.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import { sendReaderPage } from '../readers/reader-pages.ts';
import { readerOf, requireReader } from '../readers/reader-session.ts';
import { setReplyNotifications } from '../readers/reader-operations.ts';
import {
  contestDecision,
  deleteOwnComment,
  EDIT_WINDOW_MS,
  editComment,
  likeComment,
  postComment,
  reportComment,
} from './comment-operations.ts';
import { commentForm, confirmPage, editPage, type FormError, myCommentsPage, reportPage, writePage } from './comment-pages.ts';
import {
  type CommentSort,
  decodeCursor,
  findComment,
  findCommentableArticle,
  type PublicComment,
  repliesOf,
  SORTS,
} from './comment-repository.ts';
import { loadThreadPage, renderComment, renderThreadList, SORT_LABELS, sortNav } from './comments-area.ts';
import type { RuleHit } from './moderation-rules.ts';
import { readerOfUnsubscribeToken, registerReplyMailJob } from './reply-notifications.ts';
import { registerClassifierJob } from './external-classifier.ts';

const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
const listQuery = z.object({ tri: z.enum(SORTS).catch('recents'), apres: z.string().optional() });

function parseId(params: unknown): number {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw AppError.notFound('Ce commentaire n’existe pas.');
  return parsed.data.id;
}

function formErrorOf(error: unknown): FormError | null {
  if (!(error instanceof AppError) || error.status >= 500) return null;
  if (error.code === 'validation_failed') return { field: (error.details as { field?: string })?.field ?? '', message: error.message };
  return null;
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/**
 * Comments, public side. The article page only holds shared HTML; everything personal happens here:
 *   GET  /commentaires/article/:id?tri=&apres=   all threads of an article (cached, tag comments:ID)
 *   GET  /commentaire/:id                        permalink: the comment in its thread (cached)
 *   GET  /commentaires/etat?article=:id          the signed-in reader's state for the island (JSON, no-store)
 *   GET  /commentaires/:articleId/formulaire     the comment form alone, for the island (no-store)
 *   GET  /commentaires/:articleId/ecrire         the comment form page; POST /commentaires/:articleId posts
 *   GET  /commentaires/:id/repondre              reply form
 *   GET|POST /commentaires/:id/modifier | /supprimer | /apprecier | /signaler
 *   POST /commentaires/:id/contester             contest a refusal (once)
 *   GET  /lecteurs/commentaires                  my comments, statuses, statements of reasons
 *   GET|POST /lecteurs/desabonnement/:token      one-click unsubscribe from reply mail (RFC 8058)
 */
export function commentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const csrf = csrfCheck(app);
  registerClassifierJob();
  registerReplyMailJob();

  async function articleOf(articleId: number) {
    const article = await findCommentableArticle(ctx.db, articleId, new Date().toISOString());
    if (!article) throw AppError.notFound('Cet article n’existe pas ou n’est pas publié.');
    return { ...article, path: articlePath({ sectionSlug: article.section_slug, slug: article.slug }) };
  }

  async function visibleOr404(id: number): Promise<PublicComment> {
    const comment = await findComment(ctx.db, id);
    if (comment?.status !== 'visible') throw AppError.notFound('Ce commentaire n’existe pas ou n’est plus visible.');
    return comment;
  }

  async function sendPublic(request: FastifyRequest, reply: FastifyReply, title: string, path: string, main: string, tags: string[]) {
    const chrome = await loadSiteChrome(ctx.db);
    const page = renderLayout(
      ctx,
      chrome,
      { title: `${title} | ${chrome.settings.name}`, description: title, canonicalPath: path, robots: 'noindex, follow' },
      html`<div class="reader-page reader-page--wide">!${main}</div>`,
      { bodyClass: 'page-comments' },
    );
    ctx.pages.send(request, reply, { html: page, tags: [...tags, 'site'] });
    return reply;
  }

  app.get('/commentaires/article/:id', async (request, reply) => {
    const article = await articleOf(parseId(request.params));
    const query = listQuery.parse(request.query ?? {});
    const after = query.apres ? decodeCursor(query.apres) : null;
    if (query.apres && !after) throw AppError.badRequest('Adresse de page invalide.');
    const page = await loadThreadPage(ctx.db, article.id, query.tri as CommentSort, after);
    const next = page.next
      ? html`<p class="comments__next"><a href="/commentaires/article/${String(article.id)}?tri=${query.tri}&amp;apres=${page.next}">Commentaires suivants</a></p>`
      : '';
    const main = html`<h1>Commentaires&nbsp;: ${fr(article.headline)}</h1><p><a href="${article.path}">Lire l’article</a></p>!${sortNav(article.id, query.tri as CommentSort)}<h2 class="visually-hidden">${SORT_LABELS[query.tri as CommentSort]}</h2>!${renderThreadList(page, true)}!${next}`;
    return sendPublic(request, reply, `Commentaires : ${article.headline}`, `/commentaires/article/${article.id}`, main, [
      `comments:${article.id}`,
      `article:${article.id}`,
    ]);
  });

  app.get('/commentaire/:id', async (request, reply) => {
    const comment = await visibleOr404(parseId(request.params));
    const root = comment.parentId ? await visibleOr404(comment.parentId) : comment;
    const article = await articleOf(comment.articleId);
    const replies = (await repliesOf(ctx.db, [root.id])).get(root.id) ?? [];
    const main = html`<h1>Commentaire sur «&#8239;${fr(article.headline)}&#8239;»</h1><p><a href="${article.path}#commentaires">Lire l’article et tous les commentaires</a></p>!${renderComment(root, { replies, canAct: true })}`;
    return sendPublic(request, reply, `Commentaire sur ${article.headline}`, `/commentaire/${root.id}`, main, [
      `comments:${article.id}`,
      `article:${article.id}`,
    ]);
  });

  app.get('/commentaires/etat', async (request, reply) => {
    const articleId = z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .catch(0)
      .parse((request.query as Record<string, unknown>)?.article);
    const reader = request.reader;
    reply.header('cache-control', 'private, no-store');
    if (!reader) return { signedIn: false };
    const since = new Date(Date.now() - EDIT_WINDOW_MS).toISOString();
    const [liked, own] = await Promise.all([
      ctx.db
        .selectFrom('comment_likes')
        .innerJoin('comments', 'comments.id', 'comment_likes.comment_id')
        .select('comments.id')
        .where('comment_likes.reader_id', '=', reader.id)
        .where('comments.article_id', '=', articleId)
        .execute(),
      ctx.db
        .selectFrom('comments')
        .select(['id', 'created_at'])
        .where('reader_id', '=', reader.id)
        .where('article_id', '=', articleId)
        .where('status', 'in', ['visible', 'pending'])
        .execute(),
    ]);
    return {
      signedIn: true,
      name: reader.displayName,
      csrfToken: csrfTokenFor(reply),
      liked: liked.map((l) => l.id),
      own: own.map((o) => ({ id: o.id, editable: o.created_at > since })),
    };
  });

  app.get('/commentaires/:id/formulaire', { preHandler: requireReader }, async (request, reply) => {
    const article = await articleOf(parseId(request.params));
    const reader = readerOf(request);
    reply.headers({ 'cache-control': 'private, no-store', 'content-type': 'text/html; charset=utf-8' });
    if (!reader.displayName)
      return html`<p><a href="/lecteurs/profil?suite=${encodeURIComponent(article.path)}">Choisissez votre nom pour commenter</a></p>`;
    return commentForm({ csrf: csrfTokenFor(reply), articleId: article.id, readerName: reader.displayName });
  });

  async function showWrite(
    request: FastifyRequest,
    reply: FastifyReply,
    articleId: number,
    parent: PublicComment | null,
    extra: { value?: string; error?: FormError | null; status?: number } = {},
  ) {
    const article = await articleOf(articleId);
    const reader = readerOf(request);
    if (!reader.displayName) return reply.redirect(`/lecteurs/profil?suite=${encodeURIComponent(request.url)}`, 303);
    return sendReaderPage(ctx, request, reply, {
      title: parent ? 'Répondre' : 'Écrire un commentaire',
      path: `/commentaires/${articleId}/ecrire`,
      status: extra.status,
      main: writePage({
        csrf: csrfTokenFor(reply),
        articleId,
        articlePath: article.path,
        headline: article.headline,
        readerName: reader.displayName,
        parent,
        value: extra.value,
        error: extra.error,
      }),
    });
  }

  app.get('/commentaires/:id/ecrire', { preHandler: requireReader }, async (request, reply) =>
    showWrite(request, reply, parseId(request.params), null),
  );

  app.get('/commentaires/:id/repondre', { preHandler: requireReader }, async (request, reply) => {
    const parent = await visibleOr404(parseId(request.params));
    if (parent.parentId !== null) return reply.redirect(`/commentaires/${parent.parentId}/repondre`, 303);
    return showWrite(request, reply, parent.articleId, parent);
  });

  app.post('/commentaires/:id', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    // Where the post's time goes (the body read, the session checked, then postComment's phases).
    const timer = new PhaseTimer();
    timer.add('before', reply.elapsedTime);
    const articleId = parseId(request.params);
    const body = formBody(request);
    const parentRaw = formValue(body.parent);
    const parentId =
      parentRaw === ''
        ? null
        : z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 31 - 1)
            .catch(-1)
            .parse(parentRaw);
    try {
      if (parentId === -1)
        throw new AppError('validation_failed', 422, 'Vous ne pouvez répondre qu’à un commentaire visible de cet article.', {
          details: { field: 'parent' },
        });
      const result = await postComment(
        ctx,
        {
          reader: readerOf(request),
          articleId,
          parentId,
          body: body.body,
          proof: formValue(body.altcha),
          ip: request.ip,
        },
        timer,
      );
      reply.header('server-timing', timer.header(reply.elapsedTime));
      if (wantsJson(request)) {
        return reply.code(201).send({
          id: result.id,
          status: result.status,
          html: result.status === 'visible' ? renderComment(result.comment, { canAct: true, reply: parentId !== null }) : '',
          message:
            result.status === 'visible'
              ? 'Votre commentaire est publié.'
              : 'Votre commentaire sera publié après relecture par la modération.',
        });
      }
      // Without JavaScript the reader goes back to the cached article page: it already shows the comment.
      return reply.redirect(
        result.status === 'visible'
          ? `${result.articlePath}#commentaire-${result.id}`
          : `/lecteurs/commentaires?ok=attente#commentaire-${result.id}`,
        303,
      );
    } catch (error) {
      const formError = formErrorOf(error);
      if (!formError || wantsJson(request)) throw error;
      const parent = parentId && parentId > 0 ? await findComment(ctx.db, parentId) : null;
      return showWrite(request, reply, articleId, parent && parent.status === 'visible' ? parent : null, {
        value: typeof body.body === 'string' ? body.body : '',
        error: formError,
        status: (error as AppError).status,
      });
    }
  });

  async function ownForPage(request: FastifyRequest, id: number) {
    const comment = await findComment(ctx.db, id);
    if (!comment || comment.readerId !== readerOf(request).id || comment.status === 'removed')
      throw AppError.notFound('Ce commentaire n’existe pas.');
    return { comment, article: await articleOf(comment.articleId) };
  }

  app.get('/commentaires/:id/modifier', { preHandler: requireReader }, async (request, reply) => {
    const { comment, article } = await ownForPage(request, parseId(request.params));
    return sendReaderPage(ctx, request, reply, {
      title: 'Modifier mon commentaire',
      path: '/lecteurs/commentaires',
      main: editPage({ csrf: csrfTokenFor(reply), comment, articlePath: article.path, headline: article.headline }),
    });
  });

  app.post('/commentaires/:id/modifier', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const id = parseId(request.params);
    const body = formBody(request);
    try {
      const result = await editComment(ctx, { reader: readerOf(request), commentId: id, body: body.body });
      return reply.redirect(
        result.status === 'visible' ? `${result.articlePath}#commentaire-${id}` : `/lecteurs/commentaires?ok=attente#commentaire-${id}`,
        303,
      );
    } catch (error) {
      const formError = formErrorOf(error);
      if (!formError) throw error;
      const { comment, article } = await ownForPage(request, id);
      return sendReaderPage(ctx, request, reply, {
        title: 'Modifier mon commentaire',
        path: '/lecteurs/commentaires',
        status: (error as AppError).status,
        main: editPage({
          csrf: csrfTokenFor(reply),
          comment,
          articlePath: article.path,
          headline: article.headline,
          value: typeof body.body === 'string' ? body.body : '',
          error: formError,
        }),
      });
    }
  });

  app.get('/commentaires/:id/supprimer', { preHandler: requireReader }, async (request, reply) => {
    const { comment, article } = await ownForPage(request, parseId(request.params));
    return sendReaderPage(ctx, request, reply, {
      title: 'Supprimer mon commentaire',
      path: '/lecteurs/commentaires',
      main: confirmPage({
        csrf: csrfTokenFor(reply),
        title: 'Supprimer mon commentaire',
        action: `/commentaires/${comment.id}/supprimer`,
        button: 'Supprimer définitivement',
        comment,
        articlePath: article.path,
        headline: article.headline,
      }),
    });
  });

  app.post('/commentaires/:id/supprimer', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    await deleteOwnComment(ctx, { reader: readerOf(request), commentId: parseId(request.params) });
    return reply.redirect('/lecteurs/commentaires?ok=supprime', 303);
  });

  app.get('/commentaires/:id/apprecier', { preHandler: requireReader }, async (request, reply) => {
    const comment = await visibleOr404(parseId(request.params));
    const article = await articleOf(comment.articleId);
    return sendReaderPage(ctx, request, reply, {
      title: 'Apprécier un commentaire',
      path: '/lecteurs/commentaires',
      main: confirmPage({
        csrf: csrfTokenFor(reply),
        title: 'Apprécier ce commentaire',
        action: `/commentaires/${comment.id}/apprecier`,
        button: 'J’apprécie',
        comment,
        articlePath: article.path,
        headline: article.headline,
      }),
    });
  });

  app.post('/commentaires/:id/apprecier', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const id = parseId(request.params);
    const result = await likeComment(ctx, { reader: readerOf(request), commentId: id });
    if (wantsJson(request)) {
      const comment = await findComment(ctx.db, id);
      return { liked: result.liked, likes: comment?.likeCount ?? 0 };
    }
    const article = await articleOf(result.articleId);
    return reply.redirect(`${article.path}#commentaire-${id}`, 303);
  });

  app.get('/commentaires/:id/signaler', { preHandler: requireReader }, async (request, reply) => {
    const comment = await visibleOr404(parseId(request.params));
    const article = await articleOf(comment.articleId);
    return sendReaderPage(ctx, request, reply, {
      title: 'Signaler un commentaire',
      path: '/lecteurs/commentaires',
      main: reportPage({ csrf: csrfTokenFor(reply), comment, articlePath: article.path, headline: article.headline }),
    });
  });

  app.post('/commentaires/:id/signaler', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    const id = parseId(request.params);
    const body = formBody(request);
    try {
      const result = await reportComment(ctx, {
        reader: readerOf(request),
        commentId: id,
        reason: formValue(body.reason),
        text: formValue(body.text),
      });
      const article = await articleOf(result.articleId);
      return sendReaderPage(ctx, request, reply, {
        title: 'Signalement envoyé',
        path: '/lecteurs/commentaires',
        main: html`<h1>Merci pour votre signalement</h1><p role="status">La modération va examiner ce commentaire.</p><p><a href="${article.path}#commentaire-${String(id)}">Retour à l’article</a></p>`,
      });
    } catch (error) {
      const formError = formErrorOf(error);
      if (!formError) throw error;
      const comment = await visibleOr404(id);
      const article = await articleOf(comment.articleId);
      return sendReaderPage(ctx, request, reply, {
        title: 'Signaler un commentaire',
        path: '/lecteurs/commentaires',
        status: (error as AppError).status,
        main: reportPage({
          csrf: csrfTokenFor(reply),
          comment,
          articlePath: article.path,
          headline: article.headline,
          error: formError,
          reason: formValue(body.reason),
          text: formValue(body.text),
        }),
      });
    }
  });

  const MY_NOTICES: Record<string, string> = {
    attente: 'Votre commentaire sera publié après relecture par la modération.',
    supprime: 'Votre commentaire est supprimé.',
    conteste: 'Votre contestation est enregistrée : la modération va réexaminer le commentaire.',
  };

  async function showMine(request: FastifyRequest, reply: FastifyReply, extra: { error?: string; status?: number } = {}) {
    const reader = readerOf(request);
    const rows = await ctx.db
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'comments.id',
        'comments.article_id',
        'comments.parent_id',
        'comments.body',
        'comments.status',
        'comments.created_at',
        'comments.edited_at',
        'comments.like_count',
        'comments.reply_count',
        'comments.featured',
        'comments.decision_reason',
        'comments.contested_at',
        'comments.rules',
        'comments.author_badge',
        'comments.author_badge_line',
        'articles.headline',
        'articles.slug',
        'sections.slug as section_slug',
      ])
      .where('comments.reader_id', '=', reader.id)
      .where('comments.status', '!=', 'removed')
      .orderBy('comments.created_at', 'desc')
      .limit(100)
      .execute();
    const now = Date.now();
    const ok = (request.query as Record<string, unknown>)?.ok;
    return sendReaderPage(ctx, request, reply, {
      title: 'Mes commentaires',
      path: '/lecteurs/commentaires',
      status: extra.status,
      main: myCommentsPage({
        csrf: csrfTokenFor(reply),
        ok: typeof ok === 'string' ? (MY_NOTICES[ok] ?? null) : null,
        error: extra.error,
        items: rows.map((r) => ({
          comment: {
            id: r.id,
            articleId: r.article_id,
            parentId: r.parent_id,
            body: r.body,
            authorName: reader.displayName,
            readerId: reader.id,
            createdAt: r.created_at,
            editedAt: r.edited_at,
            likeCount: r.like_count,
            replyCount: r.reply_count,
            featured: r.featured === 1,
            status: r.status,
            badge: r.author_badge,
            badgeLine: r.author_badge_line,
          },
          articlePath: articlePath({ sectionSlug: r.section_slug, slug: r.slug }),
          headline: r.headline,
          decisionReason: r.decision_reason,
          contestedAt: r.contested_at,
          editable: r.status !== 'rejected' && Date.parse(r.created_at) + EDIT_WINDOW_MS > now,
          rules: JSON.parse(r.rules) as RuleHit[],
        })),
      }),
    });
  }

  app.get('/lecteurs/commentaires', { preHandler: requireReader }, async (request, reply) => showMine(request, reply));

  app.post('/commentaires/:id/contester', { onRequest: csrf, preHandler: requireReader }, async (request, reply) => {
    try {
      await contestDecision(ctx, {
        reader: readerOf(request),
        commentId: parseId(request.params),
        text: formValue(formBody(request).text),
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return showMine(request, reply, { error: error.message, status: error.status });
    }
    return reply.redirect('/lecteurs/commentaires?ok=conteste', 303);
  });

  // RFC 8058: the POST works without cookies or login, does not redirect, and takes effect at once.
  app.post('/lecteurs/desabonnement/:token', async (request, reply) => {
    const readerId = await readerOfUnsubscribeToken(ctx, String((request.params as { token: string }).token));
    if (readerId === null) throw AppError.notFound('Lien de désabonnement inconnu.');
    await setReplyNotifications(ctx, readerId, false);
    return sendReaderPage(ctx, request, reply, {
      title: 'Désabonnement',
      path: '/lecteurs/profil',
      main: '<h1>Désabonnement enregistré</h1><p role="status">Vous ne recevrez plus de courriel quand on répond à vos commentaires.</p>',
    });
  });

  app.get('/lecteurs/desabonnement/:token', async (request, reply) => {
    const token = String((request.params as { token: string }).token);
    if ((await readerOfUnsubscribeToken(ctx, token)) === null) throw AppError.notFound('Lien de désabonnement inconnu.');
    return sendReaderPage(ctx, request, reply, {
      title: 'Désabonnement',
      path: '/lecteurs/profil',
      main: html`<h1>Ne plus être prévenu des réponses</h1><form method="post" action="/lecteurs/desabonnement/${token}" class="reader-form"><button class="button" type="submit">Me désabonner</button></form>`,
    });
  });
}
