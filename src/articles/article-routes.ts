import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { SLUG_MAX_LENGTH } from '../core/text/slug.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderArticlePage } from './article-page.ts';
import { commentsForArticle } from '../comments/comments-area.ts';
import { findArticleBySlug, findRedirect, relatedTeasers } from './article-repository.ts';
import { articlePath } from './teaser-repository.ts';
import { loadArticleMedia } from '../podcasts/article-media.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';

const NOT_FOUND = 'Cette page n’existe pas ou a été déplacée.';

const slug = z
  .string()
  .max(SLUG_MAX_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const paramsSchema = z.strictObject({ section: slug, slug });

/** Redirects to an article's current address may be kept a day by browsers and CDNs. */
const REDIRECT_CACHE_CONTROL = 'public, max-age=3600, s-maxage=86400';

/**
 * GET /:section/:slug, the article page. Guarantees: params validated (anything else is a 404);
 * only published articles show; a renamed article or a wrong section answers 301 to the
 * canonical URL; a withdrawn article answers 410; drafts and scheduled articles do not exist (404).
 */
export function articleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const siteOrigin = new URL(ctx.config.publicUrl).origin;
  app.get('/:section/:slug', async (request, reply) => {
    const params = paramsSchema.safeParse(request.params);
    if (!params.success) throw AppError.notFound(NOT_FOUND);
    const now = new Date().toISOString();

    const lookup = await findArticleBySlug(ctx.db, params.data.slug, now, siteOrigin, ctx.memo);
    if (lookup.kind === 'gone') throw AppError.gone();
    if (lookup.kind === 'missing') {
      const redirect = await findRedirect(ctx.db, params.data.slug, now);
      if (redirect.kind === 'gone') throw AppError.gone();
      if (redirect.kind === 'missing') throw AppError.notFound(NOT_FOUND);
      return reply
        .header('cache-control', REDIRECT_CACHE_CONTROL)
        .redirect(articlePath({ sectionSlug: redirect.sectionSlug, slug: redirect.slug }), 301);
    }

    const article = lookup.article;
    if (article.section.slug !== params.data.section) {
      return reply
        .header('cache-control', REDIRECT_CACHE_CONTROL)
        .redirect(articlePath({ sectionSlug: article.section.slug, slug: article.slug }), 301);
    }
    const [chrome, related] = await Promise.all([
      loadSiteChrome(ctx.db),
      // Read again only when one of the candidates' tags, the section or a teaser shown changes:
      // not after each comment posted on the article, the usual reason to render it again.
      ctx.memo.get(
        `related:${article.id}`,
        (teasers) => [
          `article:${article.id}`,
          `section:${article.section.id}`,
          ...article.tags.map((t) => `tag:${t.id}`),
          ...teaserTags(teasers),
        ],
        () => relatedTeasers(ctx.db, article, 4, now, ctx.memo),
      ),
    ]);
    const [comments, media] = await Promise.all([
      commentsForArticle(ctx.db, chrome.settings, article, { memo: ctx.fragments }),
      loadArticleMedia(ctx, article),
    ]);
    const page = renderArticlePage(ctx, chrome, article, related, comments, media);
    ctx.pages.send(request, reply, page);
    return reply;
  });
}
