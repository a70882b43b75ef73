import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { makeJpeg } from './test-fixtures.ts';
import { VariantEncoder } from './variant-encoder.ts';

// The variants are encoded in a process of their own, which ends when idle and is started again on
// the next encode; one that dies fails only the encodes it held.

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
  const encoder = new VariantEncoder(200);
  try {
    assert.equal(encoder.running, false, 'no process before the first encode');
    const results = await Promise.all([
      encoder.encode(job('a.jpg')),
      encoder.encode(job('b.webp', 'webp')),
      encoder.encode(job('c.avif', 'avif')),
    ]);
    for (const result of results) assert.deepEqual([result.width, result.height], [300, 300]);
    assert.equal(results[0]!.bytes, fs.statSync(path.join(dir, 'a.jpg')).size);
    const meta = await sharp(path.join(dir, 'b.webp')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 300, 300]);
    assert.equal(encoder.running, true);
    await until('the idle encoder ends', () => !encoder.running);
    const again = await encoder.encode(job('d.jpg'));
    assert.equal(again.width, 300);
  } finally {
    encoder.stop();
  }
});

test('an encoder that dies fails its pending encodes with a reason; the next encode starts a new one', async () => {
  const encoder = new VariantEncoder(60_000);
  try {
    const pending = encoder.encode(job('e.avif', 'avif'));
    encoder.stop();
    await assert.rejects(pending, /encodeur d’images s’est arrêté/);
    await until('the dead encoder is let go', () => !encoder.running);
    const next = await encoder.encode(job('f.jpg'));
    assert.equal(next.height, 300);
  } finally {
    encoder.stop();
  }
});

test('a broken original is refused with sharp’s reason, and the encoder goes on', async () => {
  const encoder = new VariantEncoder(60_000);
  try {
    const broken = path.join(dir, 'broken.jpg');
    fs.writeFileSync(broken, Buffer.from('pas une image'));
    await assert.rejects(encoder.encode({ ...job('g.jpg'), source: broken }), /unsupported image format|Input file/i);
    assert.equal(fs.existsSync(path.join(dir, 'g.jpg')), false);
    assert.equal((await encoder.encode(job('h.jpg'))).width, 300);
  } finally {
    encoder.stop();
  }
});
