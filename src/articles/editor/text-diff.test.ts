import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffParagraphs, diffSequences, tokenizeWords } from './text-diff.ts';

test('diffSequences keeps the common parts and marks the rest', () => {
  const parts = diffSequences(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd']);
  assert.deepEqual(parts, [
    { kind: 'same', value: 'a' },
    { kind: 'removed', value: 'b' },
    { kind: 'same', value: 'c' },
    { kind: 'added', value: 'x' },
    { kind: 'same', value: 'd' },
  ]);
  assert.deepEqual(diffSequences([], ['x']), [{ kind: 'added', value: 'x' }]);
  assert.deepEqual(diffSequences(['x'], []), [{ kind: 'removed', value: 'x' }]);
});

test('the words of a diff put back together give both texts', () => {
  const before = 'Le sommet a eu lieu mardi à Vladivostok.';
  const after = 'Le sommet a eu lieu mercredi, à Vladivostok, sans accord.';
  const parts = diffSequences(tokenizeWords(before), tokenizeWords(after));
  assert.equal(
    parts
      .filter((p) => p.kind !== 'added')
      .map((p) => p.value)
      .join(''),
    before,
  );
  assert.equal(
    parts
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.value)
      .join(''),
    after,
  );
  assert.ok(parts.some((p) => p.kind === 'removed' && p.value === 'mardi'));
});

test('paragraphs: unchanged, added, removed and rewritten', () => {
  const before = 'Premier.\n\nDeuxième paragraphe ancien.\n\nTroisième.\n\nSupprimé.';
  const after = 'Premier.\n\nDeuxième paragraphe nouveau.\n\nTroisième.\n\nAjouté.';
  const changes = diffParagraphs(before, after);
  assert.equal(changes[0].kind, 'same');
  assert.equal(changes[1].kind, 'changed');
  assert.equal(changes[2].kind, 'same');
  assert.equal(changes[3].kind, 'changed');
  const rewritten = changes[1];
  assert.ok(rewritten.kind === 'changed' && rewritten.words.some((w) => w.kind === 'added' && w.value === 'nouveau.'));
  assert.deepEqual(diffParagraphs('A.\n\nB.', 'A.'), [
    { kind: 'same', text: 'A.' },
    { kind: 'removed', text: 'B.' },
  ]);
});
