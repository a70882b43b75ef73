import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBody } from '../articles/body/body-schema.ts';
import { doc, foreignQuote, h2, inline, ol, p, quote, ul, youtube } from './body-dsl.ts';

describe('body DSL', () => {
  it('parses bold, italic and links into marked text nodes', () => {
    assert.deepEqual(inline('Un **mot** et *un autre* puis [un lien](https://exemple.example/a).'), [
      { type: 'text', text: 'Un ' },
      { type: 'text', text: 'mot', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' et ' },
      { type: 'text', text: 'un autre', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' puis ' },
      { type: 'text', text: 'un lien', marks: [{ type: 'link', attrs: { href: 'https://exemple.example/a' } }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('nests marks and turns newlines into line breaks', () => {
    assert.deepEqual(inline('**[gras lié](/a)**\nsuite'), [
      { type: 'text', text: 'gras lié', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: '/a' } }] },
      { type: 'hardBreak' },
      { type: 'text', text: 'suite' },
    ]);
  });

  it('keeps a bracket that is not a link as plain text', () => {
    assert.deepEqual(inline('[À compléter] ensuite'), [{ type: 'text', text: '[À compléter] ensuite' }]);
  });

  it('refuses an unclosed mark rather than guessing', () => {
    assert.throws(() => inline('un **gras sans fin'), /non refermé/);
  });

  it('builds documents the body schema accepts', () => {
    const body = doc(
      h2('Intertitre'),
      p('Texte.'),
      quote('Jeanne Martin', 'maire', 'Premier paragraphe.', 'Second paragraphe.'),
      foreignQuote('en', 'John Doe', null, 'A quote.'),
      ul('un', 'deux'),
      ol('premier'),
      youtube('aBcDeFgHiJk', 'Une vidéo'),
    );
    assert.deepEqual(parseBody(body), body);
  });

  it('refuses an invalid YouTube id at writing time', () => {
    assert.throws(() => youtube('trop-court', 'x'), /YouTube/);
  });
});
