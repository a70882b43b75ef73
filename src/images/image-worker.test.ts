import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { makeJpeg } from './test-fixtures.ts';
import { ImageOperationError, ImageWorker } from './image-worker.ts';

// The image work is done in a process of their own, which ends when idle and is started again for
// the next operation; one that dies fails only the operations it held.

let dir: string;
let source: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-encoder-'));
  source = path.join(dir, 'original.jpg');
  fs.writeFileSync(source, await makeJpeg(800, 600));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const job = (name: string, format: 'avif' | 'webp' | 'jpeg' = 'jpeg') => ({
  source,
  target: path.join(dir, name),
  extract: { left: 100, top: 0, width: 600, height: 600 },
  width: 300,
  height: 300,
  format,
});

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} : toujours pas après 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('encodes in its own process, which ends when idle and starts again for the next encode', async () => {
  const encoder = new ImageWorker(200);
  try {
    assert.equal(encoder.running, false, 'no process before the first encode');
    const results = await Promise.all([
      encoder.encodeVariant(job('a.jpg')),
      encoder.encodeVariant(job('b.webp', 'webp')),
      encoder.encodeVariant(job('c.avif', 'avif')),
    ]);
    for (const result of results) assert.deepEqual([result.width, result.height], [300, 300]);
    assert.equal(results[0]!.bytes, fs.statSync(path.join(dir, 'a.jpg')).size);
    const meta = await sharp(path.join(dir, 'b.webp')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 300, 300]);
    assert.equal(encoder.running, true);
    await until('the idle encoder ends', () => !encoder.running);
    const again = await encoder.encodeVariant(job('d.jpg'));
    assert.equal(again.width, 300);
  } finally {
    encoder.stop();
  }
});

test('an encoder that dies fails its pending encodes with a reason; the next encode starts a new one', async () => {
  const encoder = new ImageWorker(60_000);
  try {
    const pending = encoder.encodeVariant(job('e.avif', 'avif'));
    encoder.stop();
    await assert.rejects(
      pending,
      (error: Error) => !(error instanceof ImageOperationError) && /processus d’images s’est arrêté/.test(error.message),
    );
    await until('the dead encoder is let go', () => !encoder.running);
    const next = await encoder.encodeVariant(job('f.jpg'));
    assert.equal(next.height, 300);
  } finally {
    encoder.stop();
  }
});

test('a broken original is refused with sharp’s reason, and the encoder goes on', async () => {
  const encoder = new ImageWorker(60_000);
  try {
    const broken = path.join(dir, 'broken.jpg');
    fs.writeFileSync(broken, Buffer.from('pas une image'));
    await assert.rejects(
      encoder.encodeVariant({ ...job('g.jpg'), source: broken }),
      (error: Error) => error instanceof ImageOperationError && /unsupported image format|Input file/i.test(error.message),
    );
    assert.equal(fs.existsSync(path.join(dir, 'g.jpg')), false);
    assert.equal((await encoder.encodeVariant(job('h.jpg'))).width, 300);
  } finally {
    encoder.stop();
  }
});

test('reads a header, normalises and rasterises through the same process, buffers crossing both ways', async () => {
  const encoder = new ImageWorker(60_000);
  try {
    const input = fs.readFileSync(source);
    const decode = { failOn: 'error', limitInputPixels: 40_000_000 } as const;
    assert.deepEqual(await encoder.header(input, decode), { format: 'jpeg', compression: null, width: 800, height: 600, hasAlpha: false });
    const normalised = await encoder.normalise(input, false, decode);
    assert.ok(Buffer.isBuffer(normalised.data));
    assert.deepEqual([normalised.format, normalised.width, normalised.height], ['jpeg', 800, 600]);
    assert.equal((await sharp(normalised.data).metadata()).width, 800);
    const drawn = await encoder.rasterise(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#c00"/></svg>',
    );
    assert.deepEqual([(await sharp(drawn).metadata()).format, (await sharp(drawn).metadata()).width], ['jpeg', 40]);
    await assert.rejects(encoder.header(Buffer.from('rien'), decode), ImageOperationError);
  } finally {
    encoder.stop();
  }
});
