import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ifRangeAllows, parseRange } from './byte-range.ts';

describe('parseRange', () => {
  it('reads first-last, open-ended and suffix ranges', () => {
    assert.deepEqual(parseRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(parseRange('bytes=100-', 1000), { start: 100, end: 999 });
    assert.deepEqual(parseRange('bytes=-200', 1000), { start: 800, end: 999 });
    assert.deepEqual(parseRange('bytes=0-0', 1000), { start: 0, end: 0 });
    assert.deepEqual(parseRange('BYTES=5-9', 1000), { start: 5, end: 9 });
  });

  it('clamps ranges that run past the end', () => {
    assert.deepEqual(parseRange('bytes=900-5000', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseRange('bytes=-5000', 1000), { start: 0, end: 999 });
  });

  it('says unsatisfiable for ranges past the end', () => {
    assert.equal(parseRange('bytes=1000-', 1000), 'unsatisfiable');
    assert.equal(parseRange('bytes=5000-6000', 1000), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 1000), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-', 0), 'unsatisfiable');
  });

  it('ignores what it cannot read (the whole file is sent)', () => {
    assert.equal(parseRange(undefined, 1000), undefined);
    assert.equal(parseRange('', 1000), undefined);
    assert.equal(parseRange('items=0-5', 1000), undefined);
    assert.equal(parseRange('bytes=5-1', 1000), undefined);
    assert.equal(parseRange('bytes=-', 1000), undefined);
    assert.equal(parseRange('bytes=0-1,5-9', 1000), undefined);
    assert.equal(parseRange('bytes=abc', 1000), undefined);
    assert.equal(parseRange('bytes=99999999999999999999-', 1000), undefined);
  });
});

describe('ifRangeAllows', () => {
  it('allows a range only for the current ETag', () => {
    assert.equal(ifRangeAllows(undefined, '"abc"'), true);
    assert.equal(ifRangeAllows('"abc"', '"abc"'), true);
    assert.equal(ifRangeAllows('"old"', '"abc"'), false);
    assert.equal(ifRangeAllows('Wed, 21 Oct 2015 07:28:00 GMT', '"abc"'), false);
  });
});
