import type { FastifyInstance } from 'fastify';
import { articleRoutes } from './articles/article-routes.ts';
import type { AppContext } from './core/app-context.ts';
import { dossierRoutes } from './dossiers/dossier-routes.ts';
import { feedRoutes } from './feeds/feed-routes.ts';
import { homeRoutes } from './home/home-routes.ts';
import { imageRoutes } from './images/image-routes.ts';
import { personRoutes } from './people/person-routes.ts';
import { siteFilesRoutes } from './publication/site-files-routes.ts';
import { searchRoutes } from './search/search-routes.ts';
import { sitemapRoutes } from './sitemaps/sitemap-routes.ts';
import { sectionAndPageRoutes } from './sections/section-routes.ts';
import { seriesRoutes } from './series/series-routes.ts';
import { tagRoutes } from './tags/tag-routes.ts';
import { contentApiRoutes } from './content-api/content-routes.ts';

/**
 * Every URL of the site, and the feature that answers it:
 *
 *   GET /                         home/home-routes.ts          la une
 *   GET /:slug                    sections/section-routes.ts   a section (?page=N), else a static page (pages/)
 *   GET /:section/:slug           articles/article-routes.ts   an article; old slugs answer 301, withdrawn ones 410
 *   GET /auteur/:slug             people/person-routes.ts      an author page
 *   GET /sujet/:slug              tags/tag-routes.ts           a tag page
 *   GET /dossier/:slug            dossiers/dossier-routes.ts   a dossier
 *   GET /serie/:slug              series/series-routes.ts      a series (rendez-vous)
 *   GET /flux                     feeds/feed-routes.ts         the "Flux RSS" page listing every feed
 *   GET /flux/{rss.xml,atom.xml,feed.json}                  feeds of the home page (RSS 2.0, Atom, JSON Feed 1.1)
 *   GET /flux/:part/:slug/{rss.xml,atom.xml,feed.json}      feeds of a rubrique, format, auteur, sujet, dossier, serie
 *   GET /rss                      feeds/feed-routes.ts         301 to /flux/rss.xml
 *   GET /sitemap.xml              sitemaps/sitemap-routes.ts   sitemap index
 *   GET /sitemaps/articles-YYYY-MM[-N].xml                  a month of articles with images (parts of 50,000)
 *   GET /sitemaps/{rubriques,auteurs,sujets,dossiers,series,pages}[-N].xml
 *   GET /sitemaps/actualites.xml  Google News sitemap (last 48 hours)
 *   GET /recherche?q=…            search/search-routes.ts      French full-text search (filters rubrique, format, auteur, du, au; ?page=N)
 *   GET /opensearch.xml           search/search-routes.ts      OpenSearch description
 *   GET /media/:file              images/image-routes.ts       image variants
 *   GET /assets/*                 core/assets                  CSS, scripts, fonts (fingerprinted)
 *   GET /robots.txt, /favicon.*   publication/site-files-routes.ts
 *   GET /api/content/…            content-api/content-routes.ts  public read-only Content API (keys, CORS)
 */
export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await imageRoutes(app, { db: ctx.db, dataDir: ctx.config.dataDir });
  siteFilesRoutes(app, ctx);
  homeRoutes(app, ctx);
  feedRoutes(app, ctx);
  sitemapRoutes(app, ctx);
  searchRoutes(app, ctx);
  personRoutes(app, ctx);
  tagRoutes(app, ctx);
  dossierRoutes(app, ctx);
  seriesRoutes(app, ctx);
  sectionAndPageRoutes(app, ctx);
  contentApiRoutes(app, ctx);
  articleRoutes(app, ctx);
}

/** First path segments that can never be a section or page slug, because fixed routes own them. */
export const RESERVED_SLUGS = [
  'auteur',
  'sujet',
  'dossier',
  'serie',
  'media',
  'assets',
  'admin',
  'api',
  'flux',
  'rss',
  'sitemap.xml',
  'sitemaps',
  'recherche',
  'opensearch.xml',
  'robots.txt',
  'favicon.ico',
];
