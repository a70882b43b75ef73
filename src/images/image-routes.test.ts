import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { openTestDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { AppError } from '../core/http/app-error.ts';
import { forgetImage } from './image-cache.ts';
import { imageRoutes } from './image-routes.ts';
import { storeImage } from './image-store.ts';
import type { ImageRecord } from './image-types.ts';
import { imageUrl } from './image-urls.ts';
import { makeJpeg } from './test-fixtures.ts';
import { variantPath } from './variants.ts';

let handle: TestDatabaseHandle;
let app: FastifyInstance;
let image: ImageRecord;

before(async () => {
  handle = await openTestDatabase('sqlite');
  image = await storeImage(handle.db, handle.dataDir, await makeJpeg(1200, 900), { alt: 'Rouge et bleu', credit: 'Test' });
  app = Fastify();
  // The real app has its own handler; this one only maps AppError to its status.
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send({ code: error.code, message: error.message });
    return reply.code(500).send({ code: 'internal' });
  });
  await app.register(imageRoutes, { db: handle.db, dataDir: handle.dataDir });
  await app.ready();
});
after(async () => {
  await app.close();
  await handle.close();
});

test('serves an AVIF variant with immutable caching, ETag and length', async () => {
  const url = imageUrl(image, 640, 'avif', '16x9');
  const response = await app.inject({ method: 'GET', url });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'image/avif');
  assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.match(String(response.headers.etag), /^"[0-9a-f]{8}-16x9-640-[0-9a-z]+"$/);
  assert.equal(Number(response.headers['content-length']), response.rawPayload.length);
  const meta = await sharp(response.rawPayload).metadata();
  assert.equal(meta.compression, 'av1');
  assert.deepEqual([meta.width, meta.height], [640, 360]);
});

test('a second request reuses the file and the cached row', async () => {
  const url = imageUrl(image, 480, 'webp', '1x1');
  assert.equal((await app.inject({ url })).statusCode, 200);
  const file = variantPath(handle.dataDir, image, 480, 'webp', '1x1');
  const first = fs.statSync(file);
  // The row is gone from the database, but the route does not ask the database again…
  await handle.db.deleteFrom('images').where('id', '=', image.id).execute();
  const again = await app.inject({ url });
  assert.equal(again.statusCode, 200);
  assert.equal(fs.statSync(file).ino, first.ino, 'not re-encoded');
  assert.equal(fs.statSync(file).mtimeMs, first.mtimeMs);
  // …until told to forget it.
  forgetImage(image.id);
  assert.equal((await app.inject({ url })).statusCode, 404);
  await handle.db.insertInto('images').values(image).execute();
});

test('answers 304 to a matching If-None-Match', async () => {
  const url = imageUrl(image, 320, 'jpeg', 'free');
  const first = await app.inject({ url });
  assert.equal(first.headers['content-type'], 'image/jpeg');
  const etag = String(first.headers.etag);
  const second = await app.inject({ url, headers: { 'if-none-match': `"other", ${etag}` } });
  assert.equal(second.statusCode, 304);
  assert.equal(second.rawPayload.length, 0);
  assert.equal(second.headers.etag, etag);
  assert.equal(second.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode, 200);
});

test('HEAD gives the headers without the body', async () => {
  const url = imageUrl(image, 960, 'webp', '4x3');
  const get = await app.inject({ url });
  const head = await app.inject({ method: 'HEAD', url });
  assert.equal(head.statusCode, 200);
  assert.equal(head.rawPayload.length, 0);
  assert.equal(head.headers['content-type'], 'image/webp');
  assert.equal(head.headers['content-length'], get.headers['content-length']);
  assert.equal(head.headers.etag, get.headers.etag);
});

test('404 for malformed names, unknown ids, stale hashes and sizes never offered', async () => {
  const good = imageUrl(image, 640, 'webp', '16x9');
  const otherHash = good.replace(/-[0-9a-f]{8}-/, '-00000000-');
  for (const url of [
    '/media/nimporte-quoi.jpg',
    '/media/12-ab12cd34-16x9-960.png',
    '/media/..%2F..%2Fkiosque.sqlite',
    `/media/99999-ab12cd34-16x9-960.avif`,
    otherHash,
    good.replace('-640.', '-641.'), // not a standard width
    good.replace('-640.', '-2000.'), // wider than the 1200 px original
  ]) {
    const response = await app.inject({ url });
    assert.equal(response.statusCode, 404, url);
    assert.equal(response.json().code, 'not_found');
  }
  // The original's own width is offered (it replaces the widths that would need upscaling).
  assert.equal((await app.inject({ url: good.replace('-640.', '-1200.') })).statusCode, 200);
});

test('without the memory cache, variants are streamed from disk with the same bytes', async () => {
  const streaming = Fastify();
  await streaming.register(imageRoutes, { db: handle.db, dataDir: handle.dataDir, memoryCacheBytes: 0 });
  try {
    const url = imageUrl(image, 480, 'jpeg', '16x9');
    const fromMemory = await app.inject({ url });
    const fromDisk = await streaming.inject({ url });
    assert.equal(fromDisk.statusCode, 200);
    assert.equal(fromDisk.headers['content-length'], fromMemory.headers['content-length']);
    assert.ok(fromDisk.rawPayload.equals(fromMemory.rawPayload));
    const head = await streaming.inject({ method: 'HEAD', url });
    assert.equal(head.rawPayload.length, 0);
    assert.equal(head.headers['content-length'], fromMemory.headers['content-length']);
  } finally {
    await streaming.close();
  }
});
