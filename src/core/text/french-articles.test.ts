import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deName } from './french-articles.ts';

test('deName contracts "de" with the article that starts a publication name', () => {
  assert.equal(deName('Le Sextant'), 'du Sextant');
  assert.equal(deName('La Gazette des essais'), 'de la Gazette des essais');
  assert.equal(deName('L’Écho du port'), 'de l’Écho du port');
  assert.equal(deName("L'Observateur"), 'de l’Observateur');
  assert.equal(deName('Les Échos'), 'des Échos');
  assert.equal(deName('LE SEXTANT'), 'du SEXTANT');
  assert.equal(deName('Kiosque'), 'de Kiosque');
  assert.equal(deName('Lemonde.fr'), 'de Lemonde.fr', 'only a whole article is contracted');
  assert.equal(deName('Laval Matin'), 'de Laval Matin');
  assert.equal(deName('  Le Sextant '), 'du Sextant');
});
