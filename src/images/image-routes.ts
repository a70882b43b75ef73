import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { ByteCache } from './byte-cache.ts';
import { getImageCached } from './image-cache.ts';
import { FORMAT_MIME } from './image-types.ts';
import { isOfferedVariant, parseVariantName, type VariantName } from './image-urls.ts';
import { originalPath } from './image-store.ts';
import type { ImageRecord } from './image-types.ts';
import { getVariantFile, variantOnDisk } from './variants.ts';

// The URL names the exact bytes (content hash + settings version), so it may be cached forever.
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Params = { Params: { file: string } };

// The stand-in for a variant still being encoded must not be kept: the real one replaces it soon.
const NOT_YET = 'no-store';

export interface ImageRouteOptions {
  db: Db;
  dataDir: string;
  memoryCacheBytes?: number;
  /** True while an image's variants are queued for the job runner (then the original stands in). */
  variantsPending?: (imageId: number) => Promise<boolean>;
}

/**
 * Serves image variants at /media/<id>-<hash>-<crop>-<width>.<ext>, encoding each on first
 * request. After that, no database and no sharp: the row and (for files up to 1 MB) the bytes are
 * kept in memory, larger files are streamed from disk. While a new image's variants are still
 * queued, the normalised original is sent instead (not cacheable), so no reader waits for an encode.
 */
export async function imageRoutes(app: FastifyInstance, opts: ImageRouteOptions): Promise<void> {
  const bytes = new ByteCache({ maxBytes: opts.memoryCacheBytes ?? 64 * 1024 * 1024, maxItemBytes: 1024 * 1024 });

  // GET and HEAD declared together: Fastify's automatic HEAD would open and drain the file.
  app.route<Params>({
    method: ['GET', 'HEAD'],
    url: '/media/:file',
    handler: async (request: FastifyRequest<Params>, reply: FastifyReply) => {
      const name = parseVariantName(request.params.file);
      if (!name) throw imageNotFound();
      const image = await getImageCached(opts.db, name.id);
      // A stale hash (focal point moved, file replaced) is a 404: the page cache will catch up.
      if (!image || !isOfferedVariant(image, name)) throw imageNotFound();

      const inMemory = bytes.get(request.params.file);
      if (inMemory) return sendVariant(request, reply, name, inMemory.length, inMemory);

      if (opts.variantsPending && !(await variantOnDisk(opts.dataDir, image, name.width, name.format, name.crop))) {
        if (await opts.variantsPending(image.id)) return sendOriginal(request, reply, opts.dataDir, image);
      }
      const file = await getVariantFile(opts.dataDir, image, name.width, name.format, name.crop);
      if (request.method === 'HEAD' || !bytes.accepts(file.bytes)) {
        return sendVariant(request, reply, name, file.bytes, () => fs.createReadStream(file.path));
      }
      const data = await fs.promises.readFile(file.path);
      bytes.set(request.params.file, data);
      return sendVariant(request, reply, name, data.length, data);
    },
  });
}

function sendVariant(
  request: FastifyRequest,
  reply: FastifyReply,
  name: VariantName,
  size: number,
  body: Buffer | (() => fs.ReadStream),
): FastifyReply {
  // The name fixes the content; the size guards against a file re-encoded by other settings.
  const etag = `"${name.hash}-${name.crop}-${name.width}-${size.toString(36)}"`;
  reply.header('cache-control', IMMUTABLE).header('etag', etag);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.header('content-type', FORMAT_MIME[name.format]).header('content-length', size).header('x-content-type-options', 'nosniff');
  if (request.method === 'HEAD') return reply.send();
  return reply.send(typeof body === 'function' ? body() : body);
}

/** The normalised original (metadata already stripped at upload), standing in for a variant not encoded yet. */
async function sendOriginal(request: FastifyRequest, reply: FastifyReply, dataDir: string, image: ImageRecord): Promise<FastifyReply> {
  const file = originalPath(dataDir, image.file_key);
  const { size } = await fs.promises.stat(file);
  reply
    .header('cache-control', NOT_YET)
    .header('content-type', image.mime)
    .header('content-length', size)
    .header('x-content-type-options', 'nosniff');
  if (request.method === 'HEAD') return reply.send();
  return reply.send(fs.createReadStream(file));
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
