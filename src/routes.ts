import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTE_MAP } from './admin/admin-route-map.ts';
import { articleRoutes } from './articles/article-routes.ts';
import type { AppContext } from './core/app-context.ts';
import { ownedFirstSegments, type RouteMapEntry, route } from './core/http/route-map.ts';
import { dossierRoutes } from './dossiers/dossier-routes.ts';
import { homeRoutes } from './home/home-routes.ts';
import { imageRoutes } from './images/image-routes.ts';
import { imageVariantsPending } from './media/image-variants-job.ts';
import { personRoutes } from './people/person-routes.ts';
import { siteFilesRoutes } from './publication/site-files-routes.ts';
import { sectionAndPageRoutes } from './sections/section-routes.ts';
import { seriesRoutes } from './series/series-routes.ts';
import { tagRoutes } from './tags/tag-routes.ts';
import { contentApiRoutes } from './content-api/content-routes.ts';

/**
 * THE URL MAP of the public site: every URL, and the feature that answers it. A test
 * (route-maps.test.ts) compares this table and ADMIN_ROUTE_MAP with Fastify's own route table,
 * and RESERVED_SLUGS is derived from both, so they cannot drift.
 */
export const PUBLIC_ROUTE_MAP: readonly RouteMapEntry[] = [
  route('GET', '/', 'home/home-routes.ts', 'la une'),
  route('GET', '/:slug', 'sections/section-routes.ts', 'a section (?page=N), else a static page (pages/)'),
  route('GET', '/:section/:slug', 'articles/article-routes.ts', 'an article; old slugs answer 301, withdrawn ones 410'),
  route('GET', '/auteur/:slug', 'people/person-routes.ts', 'an author page (?page=N)'),
  route('GET', '/sujet/:slug', 'tags/tag-routes.ts', 'a tag page (?page=N)'),
  route('GET', '/dossier/:slug', 'dossiers/dossier-routes.ts', 'a dossier'),
  route('GET', '/serie/:slug', 'series/series-routes.ts', 'a series (rendez-vous, ?page=N)'),
  route('GET HEAD', '/media/:file', 'images/image-routes.ts', 'image variants, /media/<id>-<hash>-<crop>-<width>.<ext>'),
  route('GET HEAD', '/media/fichiers/:file', 'media/media-file-serving.ts', 'sounds and videos, with byte ranges'),
  route('GET', '/assets/*', 'core/assets/asset-registry.ts', 'CSS, scripts, fonts (fingerprinted, immutable)'),
  route('GET', '/api/content/articles', 'content-api/content-routes.ts', 'Content API: published articles (key, filters, cursor)'),
  route('GET', '/api/content/articles/:slug', 'content-api/content-routes.ts', 'Content API: one article'),
  route('GET', '/api/content/sections', 'content-api/content-routes.ts', 'Content API: sections'),
  route('GET', '/api/content/authors', 'content-api/content-routes.ts', 'Content API: authors'),
  route('GET', '/api/content/tags', 'content-api/content-routes.ts', 'Content API: tags'),
  route('GET', '/api/content/dossiers', 'content-api/content-routes.ts', 'Content API: dossiers'),
  route('GET', '/api/content/series', 'content-api/content-routes.ts', 'Content API: series'),
  route('GET', '/api/content/openapi.json', 'content-api/content-routes.ts', 'the Content API’s OpenAPI document'),
  route('GET', '/robots.txt', 'publication/site-files-routes.ts', 'robots.txt'),
  route('GET', '/favicon.svg', 'publication/site-files-routes.ts', 'the icon'),
  route('GET', '/favicon.ico', 'publication/site-files-routes.ts', 'the icon, for browsers that ask for it'),
];

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await imageRoutes(app, {
    db: ctx.db,
    dataDir: ctx.config.dataDir,
    variantsPending: (imageId) => imageVariantsPending(ctx.db, imageId),
  });
  siteFilesRoutes(app, ctx);
  homeRoutes(app, ctx);
  personRoutes(app, ctx);
  tagRoutes(app, ctx);
  dossierRoutes(app, ctx);
  seriesRoutes(app, ctx);
  sectionAndPageRoutes(app, ctx);
  contentApiRoutes(app, ctx);
  articleRoutes(app, ctx);
}

/**
 * First path segments that can never be a section or page slug, because fixed routes own them:
 * derived from the route maps (public and back office), never kept by hand.
 */
export const RESERVED_SLUGS: readonly string[] = ownedFirstSegments(PUBLIC_ROUTE_MAP, ADMIN_ROUTE_MAP);
