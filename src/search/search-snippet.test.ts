import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { words, wordSpans } from './french-text.ts';
import { highlight, queryStems, snippet } from './search-snippet.ts';

describe('search snippets', () => {
  it('reads words exactly as the Unicode rule (letters and digits) does, for every character', () => {
    const exact = /[\p{L}\p{N}]/u;
    const wordsOf = (text: string) => {
      const spans = wordSpans(text);
      return Array.from({ length: spans.length / 2 }, (_, i) => text.slice(spans[2 * i], spans[2 * i + 1]));
    };
    const chars = Array.from({ length: 0xffff + 1 }, (_, code) => String.fromCharCode(code)).filter((c) => !/[\uD800-\uDFFF]/.test(c));
    for (const char of [...chars, '𝐀', '😀', '𠀀', '\uD800']) {
      const expected = exact.test(char) ? [`a${char}b`] : ['a', 'b'];
      assert.deepEqual(wordsOf(`a${char}b`), expected, `U+${char.codePointAt(0)!.toString(16)}`);
    }
    assert.deepEqual(wordsOf('Визит в Пхеньян, 2024 — l’État'), ['Визит', 'в', 'Пхеньян', '2024', 'l', 'État']);
    assert.deepEqual(wordsOf(''), []);
  });

  it('lists a text’s words lower-cased, elided articles and pronouns dropped', () => {
    assert.deepEqual(words("L’État qu'il a DIT, jusqu’à Noël"), ['état', 'il', 'a', 'dit', 'à', 'noël']);
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
