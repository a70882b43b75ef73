import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorsOnly, validateHtml, vnuUnavailableReason } from './vnu.ts';

const valid = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Bon</title></head><body><p>Bonjour</p></body></html>';
const invalid = '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><p>Mal fermé</span></body></html>';

test('le validateur lit plusieurs documents en une fois et attribue chaque erreur au bon', { skip: vnuUnavailableReason() }, async () => {
  const results = await validateHtml([
    { name: 'valide', html: valid },
    { name: 'invalide', html: invalid },
  ]);
  assert.deepEqual(errorsOnly(results.get('valide')!), []);
  const errors = errorsOnly(results.get('invalide')!).map((m) => m.message);
  assert.ok(
    errors.some((m) => m.includes('title')),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((m) => m.includes('Stray end tag')),
    errors.join('\n'),
  );
});
