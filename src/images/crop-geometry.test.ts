import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableWidths, cropRegion, variantSize } from './crop-geometry.ts';

const landscape = { width: 3000, height: 2000, focal_x: 0.5, focal_y: 0.5 };

test('crop regions have the crop ratio and stay inside the frame', () => {
  assert.deepEqual(cropRegion(landscape, '16x9'), { left: 0, top: 156, width: 3000, height: 1688 });
  assert.deepEqual(cropRegion(landscape, '1x1'), { left: 500, top: 0, width: 2000, height: 2000 });
  assert.deepEqual(cropRegion(landscape, 'free'), { left: 0, top: 0, width: 3000, height: 2000 });
});

test('crop regions follow the focal point, pushed back inside near an edge', () => {
  assert.equal(cropRegion({ ...landscape, focal_x: 0.2 }, '1x1').left, 0);
  assert.equal(cropRegion({ ...landscape, focal_x: 0.95 }, '1x1').left, 1000);
  assert.equal(cropRegion({ ...landscape, focal_x: 0.6 }, '1x1').left, 800);
  assert.equal(cropRegion({ ...landscape, focal_y: 0 }, '16x9').top, 0);
  assert.equal(cropRegion({ ...landscape, focal_y: 1 }, '16x9').top, 312);
});

test('variant sizes keep the ratio and never upscale', () => {
  assert.deepEqual(variantSize(landscape, 960, '16x9'), { width: 960, height: 540 });
  assert.deepEqual(variantSize(landscape, 960, '4x3'), { width: 960, height: 720 });
  assert.deepEqual(variantSize(landscape, 640, 'free'), { width: 640, height: 427 });
  const small = { width: 800, height: 600, focal_x: 0.5, focal_y: 0.5 };
  assert.deepEqual(variantSize(small, 2000, 'free'), { width: 800, height: 600 });
  assert.deepEqual(variantSize(small, 2000, '16x9'), { width: 800, height: 450 });
});

test('offered widths stop at the source width and include it', () => {
  assert.deepEqual(availableWidths(landscape, 'free'), [320, 480, 640, 960, 1280, 1600, 2000]);
  const small = { width: 800, height: 600, focal_x: 0.5, focal_y: 0.5 };
  assert.deepEqual(availableWidths(small, 'free'), [320, 480, 640, 800]);
  assert.deepEqual(availableWidths(small, '1x1'), [320, 480, 600]);
  assert.deepEqual(availableWidths({ ...small, width: 200, height: 100 }, 'free'), [200]);
  assert.deepEqual(availableWidths(small, 'free', [640]), [640]);
});
