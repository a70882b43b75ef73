import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt } from './excerpt.ts';

describe('excerpt', () => {
  it('keeps short text whole', () => {
    assert.equal(excerpt('  Un  texte court. ', 50), 'Un texte court.');
  });

  it('stops at the end of a sentence when that keeps at least half the room', () => {
    assert.equal(excerpt('Première phrase assez longue. Deuxième phrase qui dépasse la limite.', 40), 'Première phrase assez longue.');
  });

  it('cuts between words with an ellipsis, without punctuation before it', () => {
    assert.equal(excerpt('Un mot, puis un autre, puis encore un autre mot ici', 24), 'Un mot, puis un autre…');
    assert.equal(excerpt('Il a pris Bruxelles de court. La suite est longue', 30), 'Il a pris Bruxelles de court.');
  });
});
