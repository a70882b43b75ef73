import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNextPath } from './safe-next-path.ts';

test('only back-office paths of this site are followed after sign-in', () => {
  assert.equal(safeNextPath('/admin/articles/12?onglet=revisions'), '/admin/articles/12?onglet=revisions');
  assert.equal(safeNextPath('/admin'), '/admin');
  for (const bad of [
    '//evil.example/admin',
    '/\\evil.example',
    'https://evil.example/admin',
    '/administrateur',
    '/',
    '/admin/../x',
    '/admin/connexion',
    undefined,
    42,
    '/admin\n/x',
  ]) {
    assert.equal(safeNextPath(bad), null, String(bad));
  }
});
