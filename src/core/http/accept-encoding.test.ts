import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAcceptEncoding, pickEncoding } from './accept-encoding.ts';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, among what browsers send', () => {
    assert.equal(pickEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(pickEncoding('gzip, deflate'), 'gzip');
    assert.equal(pickEncoding('deflate'), 'identity');
    assert.equal(pickEncoding(undefined), 'identity');
    assert.equal(pickEncoding(''), 'identity');
  });

  it('matches whole tokens, not substrings', () => {
    assert.equal(pickEncoding('x-nobr'), 'identity');
    assert.equal(pickEncoding('x-nobr, nogzip'), 'identity');
    assert.equal(pickEncoding('brotli'), 'identity');
    assert.equal(pickEncoding('gzipped, br-like'), 'identity');
  });

  it('compares codings without case and treats x-gzip as gzip', () => {
    assert.equal(pickEncoding('BR'), 'br');
    assert.equal(pickEncoding('GZip'), 'gzip');
    assert.equal(pickEncoding('x-gzip'), 'gzip');
  });

  it('follows quality values, with the server preference breaking ties', () => {
    assert.equal(pickEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(pickEncoding('br;q=0, gzip;q=0'), 'identity');
    assert.equal(pickEncoding('br;q=0.5, gzip;q=0.8'), 'gzip');
    assert.equal(pickEncoding('br;q=0.8, gzip;q=0.8'), 'br');
    assert.equal(pickEncoding('gzip;q=1.0, br;q=0.999'), 'gzip');
    assert.equal(pickEncoding('br ; q = 0 , gzip'), 'gzip');
    assert.equal(pickEncoding('br;Q=0, gzip'), 'gzip');
    assert.equal(pickEncoding('gzip;q=0.001'), 'gzip');
    assert.equal(pickEncoding('gzip;q=0.000'), 'identity');
  });

  it('ignores entries whose weight is malformed', () => {
    assert.equal(pickEncoding('br;q=2, gzip'), 'gzip');
    assert.equal(pickEncoding('br;q=abc'), 'identity');
    assert.equal(pickEncoding('br;q=0.0001, gzip;q=0.1'), 'gzip');
    assert.equal(pickEncoding('br;q=-1'), 'identity');
  });

  it('gives unnamed codings the weight of *', () => {
    assert.equal(pickEncoding('*'), 'br');
    assert.equal(pickEncoding('*;q=0.5, br;q=0'), 'gzip');
    assert.equal(pickEncoding('gzip;q=0.2, *;q=0.5'), 'br');
    assert.equal(pickEncoding('br;q=0, gzip;q=0, *'), 'identity');
  });

  it('sends identity unless it is refused, and then still as a last resort', () => {
    assert.equal(pickEncoding('identity'), 'identity');
    assert.equal(pickEncoding('identity;q=0, gzip;q=0.1'), 'gzip');
    assert.equal(pickEncoding('*;q=0, gzip'), 'gzip');
    assert.equal(pickEncoding('*;q=0'), 'identity');
    assert.equal(pickEncoding('identity;q=0'), 'identity');
  });

  it('only offers what the response has', () => {
    assert.equal(pickEncoding('br, gzip', ['gzip', 'identity']), 'gzip');
    assert.equal(pickEncoding('br', ['identity']), 'identity');
  });
});

describe('parseAcceptEncoding', () => {
  it('reads codings and weights, skipping empty and malformed entries', () => {
    assert.deepEqual(parseAcceptEncoding('gzip;q=0.5, , br, x-gzip;q=0.1, b@d'), [
      { coding: 'gzip', q: 0.5 },
      { coding: 'br', q: 1 },
      { coding: 'gzip', q: 0.1 },
    ]);
  });
});
