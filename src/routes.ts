import type { FastifyInstance } from 'fastify';
import { ADMIN_ROUTE_MAP } from './admin/admin-route-map.ts';
import { articleRoutes } from './articles/article-routes.ts';
import type { AppContext } from './core/app-context.ts';
import { ownedFirstSegments, type RouteMapEntry, route } from './core/http/route-map.ts';
import { dossierRoutes } from './dossiers/dossier-routes.ts';
import { feedRoutes } from './feeds/feed-routes.ts';
import { homeRoutes } from './home/home-routes.ts';
import { imageRoutes } from './images/image-routes.ts';
import { imageVariantsPending } from './media/image-variants-job.ts';
import { personRoutes } from './people/person-routes.ts';
import { readerRoutes } from './readers/reader-routes.ts';
import { newsletterRoutes } from './newsletters/newsletter-routes.ts';
import { commentRoutes } from './comments/comment-routes.ts';
import { siteFilesRoutes } from './publication/site-files-routes.ts';
import { searchRoutes } from './search/search-routes.ts';
import { sitemapRoutes } from './sitemaps/sitemap-routes.ts';
import { sectionAndPageRoutes } from './sections/section-routes.ts';
import { seriesRoutes } from './series/series-routes.ts';
import { tagRoutes } from './tags/tag-routes.ts';
import { contentApiRoutes } from './content-api/content-routes.ts';
import { podcastRoutes } from './podcasts/podcast-routes.ts';
import { videoRoutes } from './podcasts/video-routes.ts';

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
  route('GET', '/podcast/:slug', 'podcasts/podcast-routes.ts', 'a podcast show: subscribe links and episodes'),
  route('GET', '/podcast/:slug/feed.xml', 'podcasts/podcast-routes.ts', 'the show’s podcast feed (Apple, Podcasting 2.0)'),
  route('GET', '/podcast/:slug/:episode/chapitres.json', 'podcasts/podcast-routes.ts', 'an episode’s JSON chapters'),
  route('GET', '/podcast/:slug/:episode/transcription.vtt', 'podcasts/podcast-routes.ts', 'an episode’s transcript (WebVTT)'),
  route('GET', '/video/:id/sous-titres.vtt', 'podcasts/video-routes.ts', 'the captions of a video article (WebVTT)'),
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
  route('OPTIONS', '/api/content/*', 'content-api/content-routes.ts', 'Content API: CORS preflight (the key in X-Kiosque-Key)'),
  route('GET', '/robots.txt', 'publication/site-files-routes.ts', 'robots.txt'),
  route('GET', '/favicon.svg', 'publication/site-files-routes.ts', 'the icon'),
  route('GET', '/favicon.ico', 'publication/site-files-routes.ts', 'the icon, for browsers that ask for it'),
  // Being found: feeds (RSS 2.0, Atom, JSON Feed 1.1), sitemaps, search.
  route('GET', '/flux', 'feeds/feed-routes.ts', 'the "Flux RSS" page listing every feed'),
  route('GET', '/flux/:file', 'feeds/feed-routes.ts', 'feeds of the home page: rss.xml, atom.xml, feed.json'),
  route('GET', '/flux/:part/:slug/:file', 'feeds/feed-routes.ts', 'feeds of a rubrique, format, auteur, sujet, dossier, serie'),
  route('GET', '/rss', 'feeds/feed-routes.ts', '301 to /flux/rss.xml'),
  route('GET', '/sitemap.xml', 'sitemaps/sitemap-routes.ts', 'sitemap index'),
  route(
    'GET',
    '/sitemaps/:file',
    'sitemaps/sitemap-routes.ts',
    'articles by month (parts of 50,000), lists, Google News (actualites.xml), videos (videos.xml)',
  ),
  route('GET', '/recherche', 'search/search-routes.ts', 'French full-text search (?q, filters, ?page)'),
  route('GET', '/opensearch.xml', 'search/search-routes.ts', 'OpenSearch description'),
  // Operations: health for load balancers, Prometheus metrics (loopback or METRICS_TOKEN).
  route('GET', '/healthz', 'core/ops/health-routes.ts', 'process up'),
  route('GET', '/readyz', 'core/ops/health-routes.ts', 'database reachable and migrated'),
  route('GET', '/metrics', 'core/ops/metrics.ts', 'Prometheus metrics'),
  // Readers (never cached): magic-link sign-in, profile, data, deletion, proof of work, RFC 8058 unsubscribe.
  route('GET POST', '/lecteurs/connexion', 'readers/reader-routes.ts', 'ask for a sign-in link'),
  route('GET POST', '/lecteurs/lien/:token', 'readers/reader-routes.ts', 'the sign-in link: a button that signs in'),
  route('POST', '/lecteurs/deconnexion', 'readers/reader-routes.ts', 'sign out'),
  route('GET', '/lecteurs/defi', 'readers/reader-routes.ts', 'a proof-of-work challenge (ALTCHA)'),
  route('GET', '/lecteurs/profil', 'readers/reader-routes.ts', 'the reader’s profile'),
  route('POST', '/lecteurs/profil/nom', 'readers/reader-routes.ts', 'change the display name'),
  route('POST', '/lecteurs/profil/email', 'readers/reader-routes.ts', 'change the e-mail (confirmed by a link)'),
  route('GET POST', '/lecteurs/email/:token', 'readers/reader-routes.ts', 'confirm a new e-mail'),
  route('POST', '/lecteurs/profil/notifications', 'readers/reader-routes.ts', 'reply notifications on or off'),
  route('GET', '/lecteurs/donnees.json', 'readers/reader-routes.ts', 'download my data'),
  route('POST', '/lecteurs/suppression', 'readers/reader-routes.ts', 'delete my account'),
  route('GET', '/lecteurs/commentaires', 'comments/comment-routes.ts', 'my comments, decisions and notices'),
  route('GET POST', '/lecteurs/desabonnement/:token', 'comments/comment-routes.ts', 'one-click unsubscribe from reply mail (RFC 8058)'),
  // Newsletters (never cached): double opt-in sign-up, "Mes newsletters", RFC 8058 one-click unsubscribe.
  route('GET POST', '/newsletters/inscription', 'newsletters/newsletter-routes.ts', 'sign up (a confirmation link is mailed)'),
  route(
    'GET POST',
    '/newsletters/confirmation/:token',
    'newsletters/newsletter-routes.ts',
    'the double opt-in link: a button that confirms once',
  ),
  route(
    'GET POST',
    '/newsletters/mes-newsletters/:token',
    'newsletters/newsletter-routes.ts',
    'a reader’s subscriptions, from a signed link',
  ),
  route(
    'GET POST',
    '/newsletters/desabonnement/:token',
    'newsletters/newsletter-routes.ts',
    'one-click unsubscribe from one newsletter (RFC 8058)',
  ),
  route(
    'GET',
    '/newsletters/archives/:slug',
    'newsletters/newsletter-routes.ts',
    'a newsletter’s sent editions (when its archive is public)',
  ),
  route('GET', '/newsletters/archives/:slug/:edition', 'newsletters/newsletter-routes.ts', 'a sent edition, on the site'),
  route(
    'GET',
    '/newsletters/ouverture/:token/pixel.gif',
    'newsletters/newsletter-routes.ts',
    'an edition’s open count (opt-in; names no reader)',
  ),
  route(
    'GET',
    '/newsletters/clic/:token',
    'newsletters/newsletter-routes.ts',
    'an edition’s click count, then the link (opt-in; names no reader)',
  ),
  route('POST', '/newsletters/rebonds', 'newsletters/bounce-routes.ts', 'signed bounce and complaint notifications (404 without a secret)'),
  // Comments: thread pages are cached (tag comments:N); reader forms never are.
  route('GET', '/commentaire/:id', 'comments/comment-routes.ts', 'a comment’s permalink'),
  route('GET', '/commentaires/article/:id', 'comments/comment-routes.ts', 'an article’s thread (?tri, ?apres)'),
  route('GET', '/commentaires/etat', 'comments/comment-routes.ts', 'the signed-in reader’s state, for the island (uncached)'),
  route('POST', '/commentaires/:id', 'comments/comment-routes.ts', 'post a comment on article :id'),
  route('GET', '/commentaires/:id/ecrire', 'comments/comment-routes.ts', 'the comment form'),
  route('GET', '/commentaires/:id/formulaire', 'comments/comment-routes.ts', 'the comment form, for the island'),
  route('GET', '/commentaires/:id/repondre', 'comments/comment-routes.ts', 'the reply form'),
  route('GET POST', '/commentaires/:id/modifier', 'comments/comment-routes.ts', 'edit within 10 minutes'),
  route('GET POST', '/commentaires/:id/supprimer', 'comments/comment-routes.ts', 'delete one’s own comment'),
  route('GET POST', '/commentaires/:id/apprecier', 'comments/comment-routes.ts', 'like a comment once'),
  route('GET POST', '/commentaires/:id/signaler', 'comments/comment-routes.ts', 'report a comment with a reason'),
  route('POST', '/commentaires/:id/contester', 'comments/comment-routes.ts', 'contest a decision once'),
];

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  readerRoutes(app, ctx);
  commentRoutes(app, ctx);
  newsletterRoutes(app, ctx);
  await imageRoutes(app, {
    db: ctx.db,
    dataDir: ctx.config.dataDir,
    variantsPending: (imageId) => imageVariantsPending(ctx.db, imageId),
  });
  siteFilesRoutes(app, ctx);
  homeRoutes(app, ctx);
  feedRoutes(app, ctx);
  sitemapRoutes(app, ctx);
  searchRoutes(app, ctx);
  personRoutes(app, ctx);
  tagRoutes(app, ctx);
  dossierRoutes(app, ctx);
  seriesRoutes(app, ctx);
  podcastRoutes(app, ctx);
  videoRoutes(app, ctx);
  sectionAndPageRoutes(app, ctx);
  contentApiRoutes(app, ctx);
  articleRoutes(app, ctx);
}

/**
 * First path segments that can never be a section or page slug, because fixed routes own them:
 * derived from the route maps (public and back office), never kept by hand.
 */
export const RESERVED_SLUGS: readonly string[] = ownedFirstSegments(PUBLIC_ROUTE_MAP, ADMIN_ROUTE_MAP);
