import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBody, isSafeHref as serverIsSafeHref } from '../../../articles/body/body-schema.ts';
import { toBodyJson } from './body-json.ts';
import { isSafeHref, normaliseHref } from './safe-href.ts';

// What Tiptap's getJSON() gives for the editor's node set: every declared attribute, null or not.
const tiptapDocument = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Intertitre' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Du ' },
        { type: 'text', marks: [{ type: 'bold' }, { type: 'italic' }], text: 'gras' },
        {
          type: 'text',
          marks: [
            { type: 'link', attrs: { href: 'https://exemple.fr', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } },
          ],
          text: 'lien',
        },
        { type: 'hardBreak' },
      ],
    },
    {
      type: 'quote',
      attrs: { speaker: 'Kim Jong-un', role: null, lang: null },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Une phrase.' }] }],
    },
    {
      type: 'quote',
      attrs: { speaker: 'Angela', role: 'ancienne chancelière', lang: 'de' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Wir schaffen das.' }] }],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'un' }] }] }] },
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'deux' }] }] }],
    },
    { type: 'image', attrs: { imageId: 3, caption: '', size: 'wide' } },
    { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', src: null, title: 'Une vidéo' } },
    { type: 'embed', attrs: { provider: 'audio', id: null, src: '/media/a.mp3', title: 'Un son' } },
    { type: 'horizontalRule' },
    { type: 'paragraph' },
  ],
};

test('the editor’s document, made sparse, passes the server’s body schema', () => {
  assert.throws(() => parseBody(tiptapDocument), /invalide/);
  const body = parseBody(toBodyJson(tiptapDocument));
  assert.deepEqual(body.content[7], { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Une vidéo' } });
  assert.deepEqual(body.content[6], { type: 'image', attrs: { imageId: 3, size: 'wide' } });
  assert.deepEqual(body.content[2], {
    type: 'quote',
    attrs: { speaker: 'Kim Jong-un' },
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Une phrase.' }] }],
  });
});

test('the island’s link rule agrees with the server’s', () => {
  const samples = [
    'https://exemple.fr',
    'http://a.b/c?d#e',
    'mailto:a@b.fr',
    '/rubrique/article',
    '#note',
    '//evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'https://user:pw@exemple.fr',
    'https://exemple.fr/a b',
    'https:\\\\evil',
    'data:text/html,x',
    '#',
    '',
    'ftp://x.fr',
    'mailto:',
  ];
  for (const href of samples) assert.equal(isSafeHref(href), serverIsSafeHref(href), href);
});

test('typed addresses are completed when obvious', () => {
  assert.equal(normaliseHref('exemple.fr/page'), 'https://exemple.fr/page');
  assert.equal(normaliseHref('redaction@exemple.fr'), 'mailto:redaction@exemple.fr');
  assert.equal(normaliseHref(' https://exemple.fr '), 'https://exemple.fr');
  assert.equal(normaliseHref('javascript:alert(1)'), null);
  assert.equal(normaliseHref('bonjour'), null);
});
