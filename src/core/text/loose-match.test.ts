import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findListedWords, foldedKey, foldedWords } from './loose-match.ts';

describe('loose matching', () => {
  it('folds accents, case, look-alikes, fillers and repeated letters', () => {
    assert.deepEqual(foldedWords('Élodie DÉTESTE les c.r.é.t.i.n.s !'), ['elodie', 'deteste', 'les', 'cretins']);
    assert.equal(foldedKey('É-lo die'), foldedKey('elodie'));
    assert.equal(foldedKey('R3d4ction'), 'redaction');
  });

  it('finds listed words through obfuscation and inflection, not inside other words', () => {
    const list = ['crétin', 'abruti', 'va te faire'];
    assert.deepEqual(findListedWords('Quel CR3T1N', list), ['crétin']);
    assert.deepEqual(findListedWords('des c-r-e-t-i-n-s partout', list), ['crétin']);
    assert.deepEqual(findListedWords('a b r u t i', list), ['abruti']);
    assert.deepEqual(findListedWords('Abruuuuti !', list), ['abruti']);
    assert.deepEqual(findListedWords('Va te faire voir', list), ['va te faire']);
    assert.deepEqual(findListedWords('La crétinisation du débat est un mot savant.', ['crétin']), []);
    assert.deepEqual(findListedWords('Un texte calme et argumenté.', list), []);
  });
});
