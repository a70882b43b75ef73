import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageRecord } from './image-types.ts';
import { imageUrl, imageVariant, parseVariantName } from './image-urls.ts';
import { renderFigure, renderPicture } from './picture.ts';
import { variantHash } from './variant-key.ts';

const image: ImageRecord = {
  id: 12,
  file_key: '0123456789abcdef0123456789abcdef.jpg',
  mime: 'image/jpeg',
  width: 2400,
  height: 1600,
  bytes: 123_456,
  alt: 'Le Palais Bourbon, vu depuis le pont de la Concorde',
  caption: 'L’Assemblée nationale, le 3 octobre.',
  credit: 'Jeanne Photographe / Agence Exemple',
  focal_x: 0.5,
  focal_y: 0.4,
  created_at: '2026-11-26T08:05:00.000Z',
  uploaded_by_user_id: null,
};

test('variant URLs carry the id, a content hash, the crop and the width', () => {
  const hash = variantHash(image);
  assert.match(hash, /^[0-9a-f]{8}$/);
  assert.equal(imageUrl(image, 960, 'avif', '16x9'), `/media/12-${hash}-16x9-960.avif`);
  assert.equal(imageUrl(image, 960, 'jpeg'), `/media/12-${hash}-free-960.jpg`);
  // Non-standard widths snap up to an offered one; nothing beyond the original.
  assert.equal(imageUrl(image, 1200, 'jpeg', '16x9'), `/media/12-${hash}-16x9-1280.jpg`);
  assert.equal(imageUrl({ ...image, width: 1000, height: 800 }, 2000, 'webp', 'free'), `/media/12-${variantHash(image)}-free-1000.webp`);
  assert.deepEqual(imageVariant(image, 1200, 'jpeg', '1x1'), { url: `/media/12-${hash}-1x1-1280.jpg`, width: 1280, height: 1280 });
  // Moving the focal point changes every URL, so cached crops are never stale.
  assert.notEqual(variantHash({ ...image, focal_x: 0.2 }), hash);
});

test('variant names parse strictly', () => {
  assert.deepEqual(parseVariantName('12-ab12cd34-16x9-960.avif'), { id: 12, hash: 'ab12cd34', crop: '16x9', width: 960, format: 'avif' });
  assert.deepEqual(parseVariantName('3-ab12cd34-free-320.jpg')?.format, 'jpeg');
  for (const bad of [
    '12-ab12cd34-16x9-960.png',
    '12-AB12CD34-16x9-960.avif',
    '012-ab12cd34-1x1-960.avif',
    '12-ab12cd34-2x1-960.avif',
    '12-ab12cd34-16x9-960.avif/',
    '../etc/passwd',
    '12-ab12cd34-16x9-0960.webp',
  ]) {
    assert.equal(parseVariantName(bad), null, bad);
  }
});

test('renderPicture lists AVIF, WebP and JPEG candidates with sizes and a CLS-proof box', () => {
  const out = renderPicture(image, { sizes: '(min-width: 60rem) 60rem, 100vw', crop: '16x9' });
  const hash = variantHash(image);
  assert.match(
    out,
    /^<picture><source type="image\/avif" srcset="[^"]+" sizes="\(min-width: 60rem\) 60rem, 100vw"><source type="image\/webp"/,
  );
  assert.ok(out.includes(`/media/12-${hash}-16x9-320.avif 320w, `));
  assert.ok(out.includes(`/media/12-${hash}-16x9-2000.webp 2000w"`));
  assert.ok(out.includes(`src="/media/12-${hash}-16x9-960.jpg"`));
  assert.ok(out.includes(`/media/12-${hash}-16x9-1600.jpg 1600w`));
  // 2000 wide in 16:9: the box has the crop's ratio, not the original's.
  assert.ok(out.includes('width="2000" height="1125"'));
  assert.ok(out.includes('alt="Le Palais Bourbon, vu depuis le pont de la Concorde"'));
  assert.ok(out.includes('loading="lazy" decoding="async"'));
  assert.equal(out.includes('fetchpriority'), false);
  assert.ok(out.endsWith('></picture>'));
});

test('a hero picture loads eagerly with high priority', () => {
  const out = renderPicture(image, { sizes: '100vw', crop: '4x3', eager: true, className: 'hero__img' });
  assert.ok(out.includes('loading="eager"'));
  assert.ok(out.includes('fetchpriority="high"'));
  assert.ok(out.includes('class="hero__img"'));
  assert.ok(out.includes('width="2000" height="1500"'));
});

test('small originals only offer the widths they have; custom width lists are honoured', () => {
  const small = { ...image, width: 700, height: 700 };
  const out = renderPicture(small, { sizes: '20rem', crop: '16x9' });
  assert.ok(out.includes('700w"'));
  assert.equal(out.includes('960w'), false);
  assert.ok(out.includes('width="700" height="394"'));
  const thumbs = renderPicture(image, { sizes: '8rem', crop: '1x1', widths: [320, 480] });
  assert.equal((thumbs.match(/ 320w/g) ?? []).length, 3);
  assert.equal(thumbs.includes('640w'), false);
  assert.ok(thumbs.includes('width="480" height="480"'));
});

test('alt text is escaped and may be empty (decorative)', () => {
  const out = renderPicture({ ...image, alt: '"><script>alert(1)</script>' }, { sizes: '100vw' });
  assert.equal(out.includes('<script>'), false);
  assert.ok(renderPicture({ ...image, alt: '' }, { sizes: '100vw' }).includes('alt=""'));
});

test('renderFigure shows the caption and always the credit, with French typography', () => {
  const out = renderFigure({ ...image, caption: 'Qui gouverne ? Personne !' }, { sizes: '100vw' });
  assert.match(out, /^<figure class="figure"><picture>/);
  assert.ok(
    out.includes(
      '<span class="figure__caption">Qui gouverne\u202f? Personne\u202f!</span> <span class="figure__credit">Crédit photo\u00a0: Jeanne Photographe / Agence Exemple</span></figcaption></figure>',
    ),
  );
  const override = renderFigure(image, { sizes: '100vw', caption: 'Autre légende' });
  assert.ok(override.includes('<span class="figure__caption">Autre légende</span>'));
  const noCaption = renderFigure({ ...image, caption: '' }, { sizes: '100vw' });
  assert.equal(noCaption.includes('figure__caption'), false);
  assert.ok(noCaption.includes('<figcaption><span class="figure__credit">'));
  const hostile = renderFigure({ ...image, credit: '<b>AFP</b>' }, { sizes: '100vw' });
  assert.ok(hostile.includes('&#60;b&#62;AFP&#60;/b&#62;') || hostile.includes('&lt;b&gt;AFP'));
});

test('a picture shown again is the same markup, and any edit of what it shows changes it', () => {
  const opts = { sizes: '100vw', crop: '16x9' as const };
  const first = renderPicture(image, opts);
  assert.equal(renderPicture({ ...image }, opts), first);
  // Kept by every field the markup reads: alt text, focal point, file, size, and the options.
  assert.match(renderPicture({ ...image, alt: 'Une autre description' }, opts), /alt="Une autre description"/);
  assert.notEqual(renderPicture({ ...image, focal_x: 0.1 }, opts), first);
  assert.notEqual(renderPicture({ ...image, file_key: 'fedcba9876543210fedcba9876543210.jpg' }, opts), first);
  assert.match(renderPicture({ ...image, width: 800, height: 600 }, opts), /width="800" height="450"/);
  assert.match(renderPicture(image, { ...opts, eager: true }), /fetchpriority="high"/);
  assert.doesNotMatch(renderPicture(image, { ...opts, widths: [320, 480] }), /640w/);
  assert.match(renderPicture(image, { ...opts, sizes: '50vw' }), /sizes="50vw"/);
  assert.match(renderPicture(image, { ...opts, crop: '1x1' }), /-1x1-/);
  assert.match(renderPicture(image, { ...opts, className: 'teaser__image' }), /class="teaser__image"/);
  assert.equal(renderPicture(image, opts), first);
});
