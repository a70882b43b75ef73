import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { openTestDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { storeImage } from './image-store.ts';
import type { ImageRecord } from './image-types.ts';
import { makeJpeg, pixelAt } from './test-fixtures.ts';
import { EncodeSlots, getVariant, getVariantFile, pregenerateVariants } from './variants.ts';

let handle: TestDatabaseHandle;
let image: ImageRecord;

before(async () => {
  handle = await openTestDatabase('sqlite');
  // 1000×800, left half red, right half blue.
  image = await storeImage(handle.db, handle.dataDir, await makeJpeg(1000, 800), { alt: '', credit: 'Test' });
});
after(() => handle.close());

test('a variant is generated once, then served from disk', async () => {
  const file = await getVariant(handle.dataDir, image, 640, 'avif', '16x9');
  assert.ok(file.startsWith(path.join(handle.dataDir, 'media', 'variants')));
  assert.match(file, /16x9-640\.avif$/);
  const first = fs.statSync(file);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(await getVariant(handle.dataDir, image, 640, 'avif', '16x9'), file);
  const second = fs.statSync(file);
  assert.equal(second.mtimeMs, first.mtimeMs);
  assert.equal(second.ino, first.ino);
  const meta = await sharp(file).metadata();
  assert.equal(meta.format, 'heif');
  assert.equal(meta.compression, 'av1');
  assert.deepEqual([meta.width, meta.height], [640, 360]);
});

test('concurrent requests for one variant share one encode and leave no temporary file', async () => {
  const results = await Promise.all(Array.from({ length: 6 }, () => getVariantFile(handle.dataDir, image, 480, 'webp', '4x3')));
  assert.equal(new Set(results.map((r) => r.path)).size, 1);
  const dir = path.dirname(results[0]?.path ?? '');
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
  const meta = await sharp(results[0]?.path).metadata();
  assert.equal(meta.format, 'webp');
  assert.deepEqual([meta.width, meta.height], [480, 360]);
});

test('never upscales: a 2000 px request on a 1000 px original gives 1000 px', async () => {
  const file = await getVariantFile(handle.dataDir, image, 2000, 'jpeg', 'free');
  assert.deepEqual([file.width, file.height], [1000, 800]);
  const meta = await sharp(file.path).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.deepEqual([meta.width, meta.height], [1000, 800]);
  const square = await sharp(await getVariant(handle.dataDir, image, 2000, 'jpeg', '1x1')).metadata();
  assert.deepEqual([square.width, square.height], [800, 800]);
});

test('crops have the right aspect ratio and are centred on the focal point', async () => {
  for (const [crop, height] of [
    ['16x9', 180],
    ['4x3', 240],
    ['1x1', 320],
  ] as const) {
    const meta = await sharp(await getVariant(handle.dataDir, image, 320, 'jpeg', crop)).metadata();
    assert.deepEqual([meta.width, meta.height], [320, height], crop);
  }
  // Square 800 px crops of the red|blue landscape (boundary at x = 500): the focal point on the left
  // keeps x 0–800 (boundary at 200 of 320), on the right x 200–1000 (boundary at 120 of 320).
  const left = { ...image, focal_x: 0.1 };
  const right = { ...image, focal_x: 0.9 };
  const [lr, , lb] = await pixelAt(await getVariant(handle.dataDir, left, 320, 'jpeg', '1x1'), 160, 160);
  assert.ok(lr > 200 && lb < 60, 'left crop: the middle is still red');
  const [rr, , rb] = await pixelAt(await getVariant(handle.dataDir, right, 320, 'jpeg', '1x1'), 160, 160);
  assert.ok(rb > 200 && rr < 60, 'right crop: the middle is already blue');
});

test('pregenerateVariants warms every offered width in every format', async () => {
  const { paths, complete } = await pregenerateVariants(handle.dataDir, image, { crops: ['16x9'], formats: ['webp', 'jpeg'] });
  assert.equal(complete, true);
  // 1000 px wide: 320, 480, 640, 960 and the full 1000.
  assert.equal(paths.length, 10);
  for (const p of paths) assert.ok(fs.existsSync(p));
  assert.ok(paths.some((p) => p.endsWith('16x9-1000.jpg')));
});

test('pregenerateVariants stops past its deadline, after one encode, and says it is not complete', async () => {
  const { paths, complete } = await pregenerateVariants(handle.dataDir, image, { crops: ['4x3'], deadline: Date.now() - 1 });
  assert.equal(paths.length, 1);
  assert.equal(complete, false);
});

test('encode slots: background work leaves a slot to readers and lets waiting readers go first', async () => {
  const slots = new EncodeSlots(2);
  const order: string[] = [];
  const gates: Record<string, () => void> = {};
  const task = (name: string) => () =>
    new Promise<void>((resolve) => {
      order.push(`start ${name}`);
      gates[name] = resolve;
    });
  const b1 = slots.run(task('b1'), 'background');
  const b2 = slots.run(task('b2'), 'background');
  await new Promise((r) => setImmediate(r));
  // Two slots, but background work gets one: b2 waits while a reader starts at once.
  assert.deepEqual(order, ['start b1']);
  const r1 = slots.run(task('r1'), 'live');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['start b1', 'start r1']);
  // Both slots taken: a second reader waits, and goes before b2 when b1 ends.
  const r2 = slots.run(task('r2'), 'live');
  gates.b1();
  await b1;
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['start b1', 'start r1', 'start r2']);
  gates.r1();
  gates.r2();
  await Promise.all([r1, r2]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order.at(-1), 'start b2');
  gates.b2();
  await b2;
  // One slot only: background work still gets it when nobody reads.
  const single = new EncodeSlots(1);
  assert.equal(await single.run(async () => 'fait', 'background'), 'fait');
});
