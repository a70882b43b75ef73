import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedMemo, OwnedMemo } from './bounded-memo.ts';

test('a bounded memo computes a key once and forgets the oldest keys past its capacity', () => {
  const memo = new BoundedMemo<string>(2);
  let computed = 0;
  const value = (key: string) =>
    memo.get(key, () => {
      computed++;
      return key.toUpperCase();
    });
  assert.equal(value('a'), 'A');
  assert.equal(value('a'), 'A');
  assert.equal(computed, 1);
  value('b');
  value('c');
  assert.equal(memo.size, 2);
  // "a" was the oldest: computed again; "c" is still kept.
  value('a');
  assert.equal(computed, 4);
  value('c');
  assert.equal(computed, 4);
  memo.clear();
  assert.equal(memo.size, 0);
  assert.throws(() => new BoundedMemo(0), RangeError);
});

test('an owned memo keeps a value per owner and key, computed once each', () => {
  const memo = new OwnedMemo<object, string>();
  const [first, second] = [{}, {}];
  let computed = 0;
  const value = (owner: object, key: string) =>
    memo.get(owner, key, () => {
      computed++;
      return `${owner === first ? 'first' : 'second'} ${key}`;
    });
  assert.equal(value(first, 'a'), 'first a');
  assert.equal(value(first, 'a'), 'first a');
  assert.equal(computed, 1);
  assert.equal(value(first, 'b'), 'first b', 'another key of the same owner');
  assert.equal(value(second, 'a'), 'second a', 'the same key of another owner');
  assert.equal(computed, 3);
});
