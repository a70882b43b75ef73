import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { ifRangeAllows, parseRange } from './byte-range.ts';
import { getMediaFileByKey } from './media-file-repository.ts';
import { mediaFilePathOnDisk } from './media-file-store.ts';

// <sha256>.<ext>: the name fixes the bytes, so the response may be cached forever.
const FILE_KEY = /^[0-9a-f]{64}\.(mp3|m4a|ogg|opus|wav|mp4|webm)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Params = { Params: { file: string } };

/**
 * Serves sounds and videos at /media/fichiers/<file_key>, with what podcast apps and browsers
 * need to seek and resume: HEAD, `Accept-Ranges: bytes`, single byte ranges (206 with
 * `Content-Range`), 416 past the end, `If-Range`, and a strong ETag (the content hash).
 */
export function mediaFileServingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.route<Params>({
    method: ['GET', 'HEAD'],
    url: '/media/fichiers/:file',
    handler: async (request, reply) => {
      const key = request.params.file;
      if (!FILE_KEY.test(key)) throw notFound();
      const media = await getMediaFileByKey(ctx.db, key);
      if (!media) throw notFound();
      const filePath = mediaFilePathOnDisk(ctx.config.dataDir, key);
      let size: number;
      try {
        size = (await fs.promises.stat(filePath)).size;
      } catch {
        throw notFound();
      }
      return sendFile(request, reply, { path: filePath, size, mime: media.mime, etag: `"${key.slice(0, 32)}"` });
    },
  });
}

function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { path: string; size: number; mime: string; etag: string },
): FastifyReply {
  reply.headers({
    'accept-ranges': 'bytes',
    'cache-control': IMMUTABLE,
    etag: file.etag,
    'content-type': file.mime,
    'x-content-type-options': 'nosniff',
    // Played by our own pages and by podcast apps; never rendered as a document.
    'content-security-policy': "default-src 'none'; sandbox",
  });
  if (noneMatch(request.headers['if-none-match'], file.etag)) return reply.code(304).send();

  const range = ifRangeAllows(header(request, 'if-range'), file.etag) ? parseRange(header(request, 'range'), file.size) : undefined;
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${file.size}`)
      .header('content-type', 'text/plain; charset=utf-8')
      .send('Plage demandée hors du fichier.');
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  const length = file.size === 0 ? 0 : end - start + 1;
  if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${file.size}`);
  reply.header('content-length', length);
  if (request.method === 'HEAD' || length === 0) return reply.send();
  return reply.send(fs.createReadStream(file.path, { start, end }));
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function notFound(): AppError {
  return AppError.notFound('Fichier introuvable');
}
