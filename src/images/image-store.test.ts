import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { AppError } from '../core/http/app-error.ts';
import { getImagesByIds } from './image-repository.ts';
import { originalPath, storeImage } from './image-store.ts';
import { forgedPngHeader, makeJpeg, makeTransparentPng, pixelAt } from './test-fixtures.ts';

const meta = { alt: 'Deux couleurs', credit: 'Jeanne Photographe / Agence Exemple' };

function isAppError(code: string, status: number) {
  return (error: unknown) => error instanceof AppError && error.code === code && error.status === status;
}

forEachDatabase('storeImage', (database) => {
  let handle: TestDatabaseHandle;
  before(async () => {
    handle = await database.open();
  });
  after(() => handle.close());

  const countRows = async () =>
    Number(
      (
        await handle.db
          .selectFrom('images')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('auto-orients per EXIF and strips EXIF and GPS', async () => {
    // Orientation 6: the camera was turned; the picture must be rotated 90° clockwise to be upright.
    const input = await makeJpeg(300, 200, { orientation: 6, gps: true });
    const inputMeta = await sharp(input).metadata();
    assert.equal(inputMeta.orientation, 6);
    const exif = inputMeta.exif ?? Buffer.alloc(0);
    assert.ok(exif.includes('Agence Exemple'), 'the fixture carries EXIF');
    // The GPS IFD pointer tag (0x8825, either byte order) is in the fixture's EXIF block.
    assert.ok(exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25])), 'the fixture carries GPS');

    const image = await storeImage(handle.db, handle.dataDir, input, { ...meta, caption: '  Une légende  ', focalX: 0.3, focalY: 0.6 });
    assert.equal(image.width, 200);
    assert.equal(image.height, 300);
    assert.equal(image.mime, 'image/jpeg');
    assert.match(image.file_key, /^[0-9a-f]{32}\.jpg$/);
    assert.equal(image.caption, 'Une légende');
    assert.equal(image.credit, meta.credit);
    assert.equal(image.focal_x, 0.3);
    assert.equal(image.focal_y, 0.6);

    const file = originalPath(handle.dataDir, image.file_key);
    const stored = fs.readFileSync(file);
    assert.equal(image.bytes, stored.length);
    const storedMeta = await sharp(stored).metadata();
    assert.equal(storedMeta.width, 200);
    assert.equal(storedMeta.height, 300);
    assert.equal(storedMeta.orientation, undefined);
    assert.equal(storedMeta.exif, undefined, 'no EXIF block left');
    assert.equal(storedMeta.xmp, undefined);
    assert.equal(stored.includes('Agence Exemple'), false);
    // Left half was red: after a clockwise quarter turn it is the top.
    const [r, , b] = await pixelAt(stored, 100, 20);
    assert.ok(r > 200 && b < 60, `top is red (got ${r}, ${b})`);
    const [r2, , b2] = await pixelAt(stored, 100, 280);
    assert.ok(b2 > 200 && r2 < 60, `bottom is blue (got ${r2}, ${b2})`);
  });

  test('the same picture twice returns the existing record', async () => {
    const input = await makeJpeg(120, 80);
    const first = await storeImage(handle.db, handle.dataDir, input, meta);
    const second = await storeImage(handle.db, handle.dataDir, input, { ...meta, alt: 'Autre' });
    assert.equal(second.id, first.id);
  });

  test('keeps PNG for real transparency', async () => {
    const image = await storeImage(handle.db, handle.dataDir, await makeTransparentPng(64, 32), meta);
    assert.equal(image.mime, 'image/png');
    assert.match(image.file_key, /\.png$/);
    const storedMeta = await sharp(originalPath(handle.dataDir, image.file_key)).metadata();
    assert.equal(storedMeta.hasAlpha, true);
  });

  test('accepts WebP, AVIF and GIF (first frame), detected from content', async () => {
    const base = sharp({ create: { width: 48, height: 36, channels: 3, background: '#336699' } });
    for (const input of [await base.clone().webp().toBuffer(), await base.clone().avif().toBuffer(), await base.clone().gif().toBuffer()]) {
      const image = await storeImage(handle.db, handle.dataDir, input, meta);
      assert.equal(image.width, 48);
      assert.equal(image.height, 36);
    }
  });

  test('refuses a text file named .jpg, and SVG, with 415', async () => {
    const before = await countRows();
    await assert.rejects(
      storeImage(handle.db, handle.dataDir, Buffer.from('Ceci n’est pas une image.\n'), meta),
      isAppError('unsupported_media_type', 415),
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    await assert.rejects(storeImage(handle.db, handle.dataDir, svg, meta), isAppError('unsupported_media_type', 415));
    assert.equal(await countRows(), before);
  });

  test('refuses a 30000×30000 image and a 48-megapixel one with 422, inserting nothing', async () => {
    const before = await countRows();
    await assert.rejects(
      storeImage(handle.db, handle.dataDir, forgedPngHeader(30_000, 30_000), meta),
      isAppError('validation_failed', 422),
    );
    await assert.rejects(storeImage(handle.db, handle.dataDir, forgedPngHeader(8000, 6000), meta), isAppError('validation_failed', 422));
    assert.equal(await countRows(), before);
  });

  test('refuses more than 20 MB with 413', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    await assert.rejects(storeImage(handle.db, handle.dataDir, big, meta), isAppError('payload_too_large', 413));
  });

  test('requires a credit, and a focal point within the frame', async () => {
    const before = await countRows();
    const input = await makeJpeg(50, 50);
    await assert.rejects(storeImage(handle.db, handle.dataDir, input, { alt: 'x', credit: '   ' }), isAppError('validation_failed', 422));
    await assert.rejects(storeImage(handle.db, handle.dataDir, input, { alt: 'x' } as never), isAppError('validation_failed', 422));
    await assert.rejects(storeImage(handle.db, handle.dataDir, input, { ...meta, focalX: 1.5 }), isAppError('validation_failed', 422));
    assert.equal(await countRows(), before);
  });

  test('getImagesByIds loads several rows at once and skips unknown ids', async () => {
    const a = await storeImage(handle.db, handle.dataDir, await makeJpeg(30, 20), meta);
    const b = await storeImage(handle.db, handle.dataDir, await makeJpeg(31, 20), meta);
    const found = await getImagesByIds(handle.db, [a.id, b.id, a.id, 999_999]);
    assert.deepEqual(
      [...found.keys()].sort((x, y) => x - y),
      [a.id, b.id],
    );
    assert.equal(found.get(b.id)?.width, 31);
    assert.equal((await getImagesByIds(handle.db, [])).size, 0);
  });
});
