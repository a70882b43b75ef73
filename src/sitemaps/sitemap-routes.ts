import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { registerIndexNow } from './indexnow.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import {
  buildListSitemap,
  buildMonthSitemap,
  buildNewsSitemap,
  buildSitemapIndex,
  buildVideoSitemap,
  parseSitemapFile,
  type SitemapDocument,
} from './sitemap-documents.ts';

const XML = 'application/xml; charset=utf-8';

/**
 * GET /sitemap.xml                     the sitemap index
 * GET /sitemaps/articles-2026-11.xml   a month of articles (-2, -3… past 50,000), with images
 * GET /sitemaps/{rubriques,auteurs,sujets,dossiers,series,pages}.xml
 * GET /sitemaps/actualites.xml         Google News: the last 48 hours
 * GET /sitemaps/videos.xml             video articles (Google video sitemap)
 * GET /{INDEXNOW_KEY}.txt              the IndexNow key file, when a key is configured
 */
export function sitemapRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerIndexNow(ctx.config);
  // IndexNow checks that the key it receives is published at the site's root.
  const key = ctx.config.indexNowKey;
  if (key) app.get(`/${key}.txt`, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(key));

  const send = (request: FastifyRequest, reply: import('fastify').FastifyReply, doc: SitemapDocument, cache = true) =>
    ctx.pages.send(request, reply, { html: doc.xml, tags: doc.tags, contentType: XML, lastModified: doc.lastModified ?? undefined, cache });

  app.get('/sitemap.xml', async (request, reply) => {
    send(request, reply, await buildSitemapIndex(ctx.db, ctx.dialect, ctx.config.publicUrl, new Date().toISOString()));
    return reply;
  });

  app.get('/sitemaps/:file', async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const wanted = parseSitemapFile(request.params.file);
    if (!wanted) throw AppError.notFound();
    const now = new Date().toISOString();
    const publicUrl = ctx.config.publicUrl;
    if ('month' in wanted) {
      const doc = await buildMonthSitemap(ctx.db, publicUrl, wanted.month, wanted.part, now);
      if (!doc) throw AppError.notFound('Aucun article publié ce mois-là.');
      send(request, reply, doc);
    } else if (wanted.list === 'actualites') {
      if (wanted.part > 1) throw AppError.notFound();
      const { settings } = await loadSiteChrome(ctx.db);
      // Articles leave the 48-hour window with time alone: this file is not kept in the page cache.
      send(request, reply, await buildNewsSitemap(ctx.db, publicUrl, settings.name, now), false);
    } else if (wanted.list === 'videos') {
      if (wanted.part > 1) throw AppError.notFound();
      send(request, reply, await buildVideoSitemap(ctx.db, publicUrl, now));
    } else {
      const doc = await buildListSitemap(ctx.db, publicUrl, wanted.list, wanted.part, now);
      if (!doc) throw AppError.notFound();
      send(request, reply, doc);
    }
    return reply;
  });
}
