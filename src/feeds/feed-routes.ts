import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { isValidSlug } from '../core/text/slug.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { teaserTags } from '../site/teasers/teaser-tags.ts';
import { renderFeed } from './feed-document.ts';
import { loadFeedArticles } from './feed-repository.ts';
import { FEED_FILES, FEED_PREFIXES, FEED_TYPES, type FeedKind, type FeedType, resolveFeedScope } from './feed-scope.ts';
import { renderFeedsPage } from './feeds-page.ts';
import { registerWebSub } from './websub.ts';

const TYPE_BY_FILE = new Map(FEED_TYPES.map((type) => [FEED_FILES[type].file, type]));
const KIND_BY_PREFIX = new Map(Object.entries(FEED_PREFIXES).map(([kind, prefix]) => [prefix, kind as FeedKind]));

/**
 * GET /flux                      the "Flux RSS" page: every feed of the site
 * GET /flux/{rss.xml,atom.xml,feed.json}                    the home page's feeds
 * GET /flux/:part/:slug/{rss.xml,atom.xml,feed.json}        a section, format, author, tag, dossier or series
 * GET /rss                       301 to /flux/rss.xml (the address readers try first)
 */
export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerWebSub(ctx.config);
  app.get('/flux', async (request, reply) => {
    ctx.pages.send(request, reply, await renderFeedsPage(ctx));
    return reply;
  });
  app.get('/rss', (_request, reply) => reply.redirect('/flux/rss.xml', 301));
  app.get('/flux/:file', async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const type = TYPE_BY_FILE.get(request.params.file);
    if (!type) throw AppError.notFound();
    await sendFeed(ctx, request, reply, 'home', null, type);
    return reply;
  });
  app.get('/flux/:part/:slug/:file', async (request: FastifyRequest<{ Params: { part: string; slug: string; file: string } }>, reply) => {
    const { part, slug, file } = request.params;
    const kind = KIND_BY_PREFIX.get(part);
    const type = TYPE_BY_FILE.get(file);
    if (!kind || !type || !isValidSlug(slug)) throw AppError.notFound();
    await sendFeed(ctx, request, reply, kind, slug, type);
    return reply;
  });
}

async function sendFeed(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: FeedKind,
  slug: string | null,
  type: FeedType,
): Promise<void> {
  const now = new Date().toISOString();
  const scope = await resolveFeedScope(ctx, kind, slug);
  if (!scope) throw AppError.notFound('Ce flux n’existe pas.');
  const [chrome, articles] = await Promise.all([loadSiteChrome(ctx.db), loadFeedArticles(ctx.db, scope, now)]);
  // ISO UTC strings sort as instants.
  const updatedAt = [chrome.settings.updated_at, ...articles.map((a) => a.updatedAt ?? a.publishedAt)].sort().at(-1)!;
  const body = renderFeed(
    {
      publicUrl: ctx.config.publicUrl,
      publicationName: chrome.settings.name,
      fullText: chrome.settings.feed_full_text === 1,
      scope,
      articles,
      hubs: ctx.config.webSubHubs,
      updatedAt,
    },
    type,
  );
  ctx.pages.send(request, reply, {
    html: body,
    contentType: FEED_FILES[type].contentType,
    lastModified: updatedAt,
    tags: [...scope.tags, ...teaserTags(articles), ...articles.flatMap((a) => a.tags.map((t) => `tag:${t.id}`))],
  });
}
