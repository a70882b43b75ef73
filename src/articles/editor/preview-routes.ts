import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadArticleMedia } from '../../podcasts/article-media.ts';
import { actorOf, requireActor } from '../../accounts/guards.ts';
import { renderAdminLayout } from '../../admin/admin-layout.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { loadSiteChrome, publicationName } from '../../publication/publication-repository.ts';
import { renderArticlePage } from '../article-page.ts';
import { commentsForArticle } from '../../comments/comments-area.ts';
import type { FullArticle } from '../article-repository.ts';
import { findArticleInAnyState, relatedTeasers } from '../article-repository.ts';
import { getArticleForEdit } from '../operations/article-for-edit.ts';
import { createPreviewLink, findArticleByPreviewToken, revokePreviewLink } from '../operations/preview-link.ts';
import { parseArticleId } from './editor-access.ts';
import { renderPreviewScreen } from './preview-view.ts';

/** Previews are never indexed and never stored by a cache, ours or anyone's. */
const PREVIEW_HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow', 'content-type': 'text/html; charset=utf-8' };

/** The public page's HTML with its robots meta turned to noindex (the page is otherwise exactly the published one). */
export function noindex(document: string): string {
  return document.replace(/<meta name="robots" content="[^"]*">/, '<meta name="robots" content="noindex, nofollow">');
}

/** The admin screen frames the preview: same CSP as the rest, except that frames from our own origin are allowed. */
function framingHeaders(ctx: AppContext): Record<string, string> {
  const csp = ctx.htmlHeaders['content-security-policy'] ?? '';
  return { ...ctx.htmlHeaders, 'content-security-policy': csp.replace(/frame-src ([^;]*)/, "frame-src 'self' $1") };
}

/**
 * Previews: the admin screen with phone and desktop widths, the page itself (exactly the public
 * rendering of the article in its current state), the private link (create, revoke) and the
 * public /apercu/:token that anyone holding the link may read. Nothing here is ever cached.
 */
export function previewRoutes(app: FastifyInstance, ctx: AppContext): void {
  async function renderArticle(article: FullArticle): Promise<string> {
    const [chrome, related] = await Promise.all([loadSiteChrome(ctx.db), relatedTeasers(ctx.db, article, 4)]);
    const [comments, media] = await Promise.all([commentsForArticle(ctx.db, chrome.settings, article), loadArticleMedia(ctx, article)]);
    return noindex(renderArticlePage(ctx, chrome, article, related, comments, media).html);
  }

  async function sendScreen(
    reply: FastifyReply,
    request: Parameters<typeof actorOf>[0],
    id: number,
    newLink?: string,
  ): Promise<FastifyReply> {
    const actor = actorOf(request);
    const article = await getArticleForEdit(ctx.db, actor, id);
    const csrfToken = reply.generateCsrf();
    const main = renderPreviewScreen({ article, csrfToken, newLink });
    const document = renderAdminLayout(ctx, actor, {
      title: `Aperçu — ${article.input.headline}`,
      main,
      active: 'articles',
      csrfToken,
      publicationName: await publicationName(ctx.db),
    });
    return reply
      .code(200)
      .headers({ ...framingHeaders(ctx), 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' })
      .send(document);
  }

  app.get('/admin/articles/:id/apercu', { preHandler: requireActor() }, async (request, reply) => {
    return sendScreen(reply, request, parseArticleId((request.params as { id?: string }).id));
  });

  app.get('/admin/articles/:id/apercu/page', { preHandler: requireActor() }, async (request, reply) => {
    const id = parseArticleId((request.params as { id?: string }).id);
    await getArticleForEdit(ctx.db, actorOf(request), id); // the policy: who may see this article
    const article = await findArticleInAnyState(ctx.db, id);
    if (!article) throw AppError.notFound('Cet article n’existe pas (ou plus).');
    const html = await renderArticle(article);
    return reply
      .code(200)
      .headers({ ...ctx.htmlHeaders, ...PREVIEW_HEADERS })
      .send(html);
  });

  app.post(
    '/admin/articles/:id/apercu/lien',
    { onRequest: app.csrfProtection, preHandler: requireActor('article:preview-link') },
    async (request, reply) => {
      const id = parseArticleId((request.params as { id?: string }).id);
      const path = await createPreviewLink(ctx, actorOf(request), id);
      return sendScreen(reply, request, id, ctx.config.publicUrl + path);
    },
  );

  app.post(
    '/admin/articles/:id/apercu/lien/supprimer',
    { onRequest: app.csrfProtection, preHandler: requireActor('article:preview-link') },
    async (request, reply) => {
      const id = parseArticleId((request.params as { id?: string }).id);
      await revokePreviewLink(ctx, actorOf(request), id);
      return reply.redirect(`/admin/articles/${id}/apercu`, 303);
    },
  );

  // The private link: no account needed; unknown or revoked tokens are a plain 404.
  app.get('/apercu/:token', async (request, reply) => {
    const token = (request.params as { token?: string }).token ?? '';
    const found = await findArticleByPreviewToken(ctx.db, token);
    if (!found) throw AppError.notFound('Ce lien d’aperçu n’existe pas ou a été remplacé.');
    const html = await renderArticle(found.article);
    return reply
      .code(200)
      .headers({ ...ctx.htmlHeaders, ...PREVIEW_HEADERS, 'referrer-policy': 'no-referrer' })
      .send(html);
  });
}
