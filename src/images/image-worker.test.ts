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

/** Runs `use` with a worker of its own, ended afterwards whatever happens. */
async function withWorker(idleMs: number, use: (worker: ImageWorker) => Promise<void>): Promise<void> {
  const worker = new ImageWorker(idleMs);
  try {
    await use(worker);
  } finally {
    worker.stop();
  }
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} : toujours pas après 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('encodes in its own process, which ends when idle and starts again for the next encode', () =>
  withWorker(200, async (worker) => {
    assert.equal(worker.running, false, 'no process before the first encode');
    const results = await Promise.all([
      worker.encodeVariant(job('a.jpg')),
      worker.encodeVariant(job('b.webp', 'webp')),
      worker.encodeVariant(job('c.avif', 'avif')),
    ]);
    for (const result of results) assert.deepEqual([result.width, result.height], [300, 300]);
    assert.equal(results[0]!.bytes, fs.statSync(path.join(dir, 'a.jpg')).size);
    const meta = await sharp(path.join(dir, 'b.webp')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 300, 300]);
    assert.equal(worker.running, true);
    await until('the idle process ends', () => !worker.running);
    const again = await worker.encodeVariant(job('d.jpg'));
    assert.equal(again.width, 300);
  }));

test('a process that dies fails its pending operations with a reason; the next one starts a new process', () =>
  withWorker(60_000, async (worker) => {
    const pending = worker.encodeVariant(job('e.avif', 'avif'));
    worker.stop();
    await assert.rejects(
      pending,
      (error: Error) => !(error instanceof ImageOperationError) && /processus d’images s’est arrêté/.test(error.message),
    );
    await until('the dead process is let go', () => !worker.running);
    const next = await worker.encodeVariant(job('f.jpg'));
    assert.equal(next.height, 300);
  }));

test('a broken original is refused with sharp’s reason, and the process goes on', () =>
  withWorker(60_000, async (worker) => {
    const broken = path.join(dir, 'broken.jpg');
    fs.writeFileSync(broken, Buffer.from('pas une image'));
    await assert.rejects(
      worker.encodeVariant({ ...job('g.jpg'), source: broken }),
      (error: Error) => error instanceof ImageOperationError && /unsupported image format|Input file/i.test(error.message),
    );
    assert.equal(fs.existsSync(path.join(dir, 'g.jpg')), false);
    assert.equal((await worker.encodeVariant(job('h.jpg'))).width, 300);
  }));

test('reads a header, normalises and rasterises through the same process, buffers crossing both ways', () =>
  withWorker(60_000, async (worker) => {
    const input = fs.readFileSync(source);
    const decode = { failOn: 'error', limitInputPixels: 40_000_000 } as const;
    assert.deepEqual(await worker.header(input, decode), { format: 'jpeg', compression: null, width: 800, height: 600, hasAlpha: false });
    const normalised = await worker.normalise(input, false, decode);
    assert.ok(Buffer.isBuffer(normalised.data));
    assert.deepEqual([normalised.format, normalised.width, normalised.height], ['jpeg', 800, 600]);
    assert.equal((await sharp(normalised.data).metadata()).width, 800);
    const drawn = await worker.rasterise(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#c00"/></svg>',
    );
    assert.deepEqual([(await sharp(drawn).metadata()).format, (await sharp(drawn).metadata()).width], ['jpeg', 40]);
    await assert.rejects(worker.header(Buffer.from('rien'), decode), ImageOperationError);
  }));
