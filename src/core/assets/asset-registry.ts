import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { makeCachedPage, type CachedPage } from '../cache/page-cache.ts';
import { writeCachedPage } from '../http/page-response.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Static assets (CSS, scripts, fonts) held in memory under fingerprinted, immutable URLs. */
export class AssetRegistry {
  private readonly byUrl = new Map<string, CachedPage>();
  private readonly urlByName = new Map<string, string>();

  /** Adds an asset and returns its public URL, e.g. /assets/site.3f2a9c1b.css. */
  add(name: string, contentType: string, body: string | Buffer): string {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const url = `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    const compressible = /^(text\/|application\/(javascript|json)|image\/svg)/.test(contentType);
    const headers = {
      'content-type': contentType,
      'cache-control': IMMUTABLE,
      'x-content-type-options': 'nosniff',
      ...(compressible ? { vary: 'Accept-Encoding' } : {}),
    };
    // Compressed when a client first asks for each encoding, in the thread pool: compressing every
    // asset here (the editor's bundle alone is large) held the server's first answer back.
    this.byUrl.set(url, makeCachedPage(200, headers, bytes, [], { compress: compressible ? 'on-demand' : false }));
    this.urlByName.set(name, url);
    return url;
  }

  /** The fingerprinted URL of a registered asset; throws when the name is unknown (a programming error). */
  url(name: string): string {
    const url = this.urlByName.get(name);
    if (!url) throw new Error(`Unknown asset ${name}`);
    return url;
  }

  /** Registers GET /assets/* serving the registered files. */
  routes(app: FastifyInstance): void {
    app.get('/assets/*', (request, reply) => {
      const page = this.byUrl.get(request.url.split('?')[0]);
      if (!page) {
        reply.code(404).type('text/plain; charset=utf-8').send('Fichier introuvable');
        return;
      }
      reply.hijack();
      writeCachedPage(request.raw, reply.raw, page);
    });
  }
}
