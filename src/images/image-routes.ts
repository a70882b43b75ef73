import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { getImageCached } from './image-cache.ts';
import { FORMAT_MIME } from './image-types.ts';
import { isOfferedVariant, parseVariantName } from './image-urls.ts';
import { getVariantFile } from './variants.ts';

// The URL names the exact bytes (content hash + settings version), so it may be cached forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves image variants at /media/<id>-<hash>-<crop>-<width>.<ext>, encoding each on first
 * request. After that a request costs one stat and a file stream: no database, no sharp.
 */
export async function imageRoutes(app: FastifyInstance, opts: { db: Db; dataDir: string }): Promise<void> {
  // GET and HEAD declared together: Fastify's automatic HEAD would open and drain the file.
  app.route<{ Params: { file: string } }>({
    method: ['GET', 'HEAD'],
    url: '/media/:file',
    handler: async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
      const name = parseVariantName(request.params.file);
      if (!name) throw imageNotFound();
      const image = await getImageCached(opts.db, name.id);
      // A stale hash (focal point moved, file replaced) is a 404: the page cache will catch up.
      if (!image || !isOfferedVariant(image, name)) throw imageNotFound();

      const file = await getVariantFile(opts.dataDir, image, name.width, name.format, name.crop);
      const etag = `"${name.hash}-${name.crop}-${name.width}-${file.bytes.toString(36)}"`;
      reply.header('cache-control', IMMUTABLE).header('etag', etag);
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();

      reply.header('content-type', FORMAT_MIME[name.format]).header('content-length', file.bytes).header('x-content-type-options', 'nosniff');
      if (request.method === 'HEAD') return reply.send();
      return reply.send(fs.createReadStream(file.path));
    },
  });
}

/** If-None-Match may list several tags, weak or strong, or be `*`. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function imageNotFound(): AppError {
  return AppError.notFound('Image introuvable');
}
