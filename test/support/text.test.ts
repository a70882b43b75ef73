import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparable } from './text.ts';

test('comparable() erases what French typography changes', () => {
  assert.equal(comparable('Source\u00a0: l\u2019AFP\u202f! «\u202fOui\u202f»\u2026'), "Source: l'AFP! «Oui»...");
  assert.equal(comparable("Source : l'AFP ! « Oui »..."), "Source: l'AFP! «Oui»...");
  assert.equal(comparable('  deux\n\n lignes '), 'deux lignes');
});
