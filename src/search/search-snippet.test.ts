import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight, LATIN_RANGE, queryStems, snippet, wordMatches } from './search-snippet.ts';

describe('search snippets', () => {
  it('reads words in Latin script exactly as the Unicode rule (letters and digits) does', () => {
    const exact = /[\p{L}\p{N}]/u;
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!LATIN_RANGE.test(char)) continue;
      const words = wordMatches(`a${char}b`).map((m) => m[0]);
      assert.deepEqual(words, exact.test(char) ? [`a${char}b`] : ['a', 'b'], `U+${code.toString(16)}`);
    }
    // Beyond it, the Unicode rule itself.
    assert.deepEqual(
      wordMatches('Визит в Пхеньян, 2024').map((m) => m[0]),
      ['Визит', 'в', 'Пхеньян', '2024'],
    );
  });

  it('marks every form of the query’s words, accents and case aside, and escapes the rest', () => {
    const stems = queryStems([['œuvre'], ['état']]);
    assert.equal(highlight('Les Œuvres de l’État <b>', stems), 'Les <mark>Œuvres</mark> de l’<mark>État</mark> &#60;b&#62;');
    assert.equal(highlight('Une ETATISATION, des États', queryStems([['etats']])), 'Une ETATISATION, des <mark>États</mark>');
    const body = `${'Un mot sans rapport. '.repeat(40)}Le gouvernement a présenté son budget. ${'Encore des mots. '.repeat(40)}`;
    const passage = snippet(body, queryStems([['gouvernements']]));
    assert.match(passage, /^… .*Le <mark>gouvernement<\/mark> a présenté son budget\..* …$/);
  });
});
