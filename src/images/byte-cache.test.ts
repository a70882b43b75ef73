import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteCache } from './byte-cache.ts';

test('evicts the least recently used entries past the byte budget', () => {
  const cache = new ByteCache({ maxBytes: 10, maxItemBytes: 6 });
  cache.set('a', Buffer.alloc(4));
  cache.set('b', Buffer.alloc(4));
  assert.ok(cache.get('a')); // a is now the most recent
  cache.set('c', Buffer.alloc(4));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a'));
  assert.ok(cache.get('c'));
  assert.equal(cache.size, 8);
});

test('ignores items above the per-item limit and replaces existing keys', () => {
  const cache = new ByteCache({ maxBytes: 10, maxItemBytes: 6 });
  cache.set('big', Buffer.alloc(7));
  assert.equal(cache.get('big'), undefined);
  assert.equal(cache.accepts(7), false);
  cache.set('a', Buffer.alloc(3));
  cache.set('a', Buffer.alloc(5));
  assert.equal(cache.size, 5);
  assert.equal(cache.get('a')?.length, 5);
});
