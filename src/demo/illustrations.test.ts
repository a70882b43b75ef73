import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { generateIllustration, generatePortrait, type IllustrationMotif } from './illustrations.ts';

const motifs: IllustrationMotif[] = ['skyline', 'waves', 'grid', 'circles', 'portrait', 'map', 'chart', 'mic'];

test('the same seed gives the same bytes; another seed another picture', async () => {
  const a = await generateIllustration('sommet-coree-russie', { width: 480, height: 320, palette: 'international' });
  const b = await generateIllustration('sommet-coree-russie', { width: 480, height: 320, palette: 'international' });
  const c = await generateIllustration('budget-2027', { width: 480, height: 320, palette: 'international' });
  assert.ok(a.equals(b));
  assert.equal(a.equals(c), false);
});

test('every motif renders a JPEG of the requested size', async () => {
  for (const motif of motifs) {
    const image = await generateIllustration(`essai-${motif}`, { width: 400, height: 225, palette: 'politique', motif });
    const meta = await sharp(image).metadata();
    assert.equal(meta.format, 'jpeg', motif);
    assert.deepEqual([meta.width, meta.height], [400, 225], motif);
    // Not a flat fill: the picture has real contrast.
    const stats = await sharp(image).stats();
    assert.ok(
      stats.channels.some((ch) => ch.stdev > 20),
      `${motif} has visible shapes`,
    );
  }
});

test('defaults to 2400×1600, wide enough for Google Discover', async () => {
  const meta = await sharp(await generateIllustration('hero', { palette: 'economie', motif: 'grid' })).metadata();
  assert.deepEqual([meta.width, meta.height], [2400, 1600]);
});

test('author portraits are 800×800 and deterministic', async () => {
  const a = await generatePortrait('jeanne-martin', 'Jeanne Martin');
  const meta = await sharp(a).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 800, 800]);
  assert.ok(a.equals(await generatePortrait('jeanne-martin', 'Jeanne Martin')));
  assert.equal(a.equals(await generatePortrait('karim-benali', 'Karim Benali')), false);
  // Markup in a name is text, not SVG.
  const odd = await sharp(await generatePortrait('x', '<Zoé> & "Cie"')).metadata();
  assert.equal(odd.width, 800);
});

test('refuses absurd dimensions', async () => {
  await assert.rejects(generateIllustration('x', { width: 0, height: 100 }), RangeError);
  await assert.rejects(generateIllustration('x', { width: 20_000, height: 100 }), RangeError);
});
