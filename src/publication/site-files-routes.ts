import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { escapeHtml } from '../core/html/html.ts';
import { loadSiteChrome } from './publication-repository.ts';

const DAY = 'public, max-age=86400';

/** The monogram icon: the publication's initial on the accent colour, drawn as SVG (no image file to ship). */
export function faviconSvg(name: string): string {
  const initial = escapeHtml((name.trim()[0] ?? 'K').toUpperCase());
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#b3261e"/><text x="32" y="45" font-family="Georgia, 'Times New Roman', serif" font-size="40" font-weight="700" text-anchor="middle" fill="#fff">${initial}</text></svg>`;
}

/** /robots.txt and the site icon at /favicon.svg and /favicon.ico. */
export function siteFilesRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/robots.txt', async (_request, reply) => {
    reply.header('cache-control', DAY).type('text/plain; charset=utf-8');
    const base = ctx.config.publicUrl;
    // The sitemaps: the index lists every file; the news sitemap is named too, as Google News reads it often.
    return `User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\n\nSitemap: ${base}/sitemap.xml\nSitemap: ${base}/sitemaps/actualites.xml\n`;
  });
  const icon = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const { settings } = await loadSiteChrome(ctx.db);
    reply.header('cache-control', DAY).type('image/svg+xml');
    return faviconSvg(settings.name);
  };
  app.get('/favicon.svg', icon);
  // Browsers ask for /favicon.ico on their own; an SVG answer avoids a 404 in the console.
  app.get('/favicon.ico', icon);
}
