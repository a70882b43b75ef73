import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/http/app-error.ts';
import { BODY_LIMITS, bodyToPlainText, collectImageIds, isSafeHref, parseBody, wordCount } from './body-schema.ts';

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const link = (href: string) => ({ type: 'link', attrs: { href } });

/** Asserts that parseBody refuses the input with a 422 validation error; returns its message. */
function refused(input: unknown): string {
  try {
    parseBody(input);
  } catch (error) {
    assert.ok(error instanceof AppError, 'AppError expected');
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.status, 422);
    assert.match(error.message, /^Le corps de l’article est invalide/);
    return error.message;
  }
  assert.fail(`accepted: ${JSON.stringify(input)}`);
}

const fullDoc = doc(
  paragraph(text('Kim Jong-un et '), text('Vladimir Poutine', [{ type: 'bold' }]), text(' se sont rencontrés.')),
  { type: 'heading', attrs: { level: 2 }, content: [text('Le contexte')] },
  {
    type: 'quote',
    attrs: { speaker: 'Vladimir Poutine', role: 'président de la Fédération de Russie', lang: null },
    content: [paragraph(text('Nous renforçons nos liens.'))],
  },
  {
    type: 'bulletList',
    content: [
      {
        type: 'listItem',
        content: [
          paragraph(text('un')),
          { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [paragraph(text('deux'))] }] },
        ],
      },
    ],
  },
  { type: 'image', attrs: { imageId: 12, caption: null, size: 'wide' } },
  { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Le sommet en vidéo' } },
  { type: 'embed', attrs: { provider: 'vimeo', id: '76979871', title: 'Reportage' } },
  { type: 'embed', attrs: { provider: 'audio', src: '/media/podcasts/episode-12.mp3', title: 'Épisode 12' } },
  { type: 'horizontalRule' },
  { type: 'image', attrs: { imageId: 7 } },
  { type: 'image', attrs: { imageId: 12 } },
  paragraph(text('Lire '), text('Euronews', [link('https://www.euronews.com/x')]), { type: 'hardBreak' }, text('fin')),
  { type: 'paragraph' },
);

describe('parseBody', () => {
  it('accepts every node type the editor produces', () => {
    const body = parseBody(fullDoc);
    assert.equal(body.content.length, 13);
    assert.deepEqual(parseBody(doc()), { type: 'doc', content: [] });
  });

  it('drops the link attributes Tiptap adds, keeping only href', () => {
    const body = parseBody(
      doc(
        paragraph(
          text('x', [
            { type: 'link', attrs: { href: 'https://a.fr', target: '_blank', rel: 'noopener noreferrer nofollow', class: null } },
          ]),
        ),
      ),
    );
    const node = body.content[0];
    assert.ok(node.type === 'paragraph' && node.content?.[0].type === 'text');
    assert.deepEqual(node.content[0].marks, [{ type: 'link', attrs: { href: 'https://a.fr' } }]);
  });

  it('refuses unknown node types, marks and attributes', () => {
    assert.match(refused(doc({ type: 'script', content: [] })), /content\.0/);
    refused(doc({ type: 'codeBlock', content: [text('x')] }));
    refused(doc(paragraph({ type: 'mention', attrs: { id: 1 } })));
    refused(doc(paragraph(text('x', [{ type: 'strike' }]))));
    refused(doc(paragraph(text('x', [{ type: 'bold', attrs: { style: 'x' } }]))));
    assert.match(refused(doc({ type: 'paragraph', attrs: { class: 'x' }, content: [] })), /attribut non autorisé : attrs/);
    refused({ type: 'doc', content: [], extra: true });
    refused({ type: 'fragment', content: [] });
    refused(null);
    refused('<p>texte</p>');
  });

  it('refuses dangerous or malformed links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '/\\evil.example',
      'https://user:pass@evil.example/',
      'https://',
      'relative/path',
      '',
      '#',
    ]) {
      assert.match(refused(doc(paragraph(text('x', [link(href)])))), /Lien non autorisé|invalide/, href);
    }
  });

  it('accepts http(s), mailto, site paths and anchors', () => {
    for (const href of [
      'https://www.lemonde.fr/a?b=1&c=2#d',
      'http://exemple.fr',
      'mailto:redaction@exemple.fr',
      '/articles/x',
      '#le-contexte',
      'https://fr.wikipedia.org/wiki/Élysée',
    ]) {
      assert.ok(isSafeHref(href), href);
      parseBody(doc(paragraph(text('x', [link(href)]))));
    }
  });

  it('checks the attributes of quotes, headings, images and embeds', () => {
    refused(doc({ type: 'heading', attrs: { level: 1 }, content: [text('x')] }));
    refused(doc({ type: 'heading', attrs: { level: 4 }, content: [text('x')] }));
    // A quotation may name no speaker (an unnamed source, or its role alone).
    for (const attrs of [{ speaker: '  ' }, {}, { role: 'un diplomate' }, undefined])
      assert.doesNotThrow(() => parseBody(doc({ type: 'quote', attrs, content: [paragraph(text('x'))] })), JSON.stringify(attrs));
    assert.deepEqual(parseBody(doc({ type: 'quote', content: [paragraph(text('x'))] })).content[0], {
      type: 'quote',
      attrs: {},
      content: [paragraph(text('x'))],
    });
    refused(doc({ type: 'quote', attrs: { speaker: 'x'.repeat(201) }, content: [paragraph(text('x'))] }));
    refused(doc({ type: 'quote', attrs: { who: 'X' }, content: [paragraph(text('x'))] }));
    refused(doc({ type: 'quote', attrs: { speaker: 'X', lang: 'en"><script>' }, content: [paragraph(text('x'))] }));
    refused(doc({ type: 'quote', attrs: { speaker: 'X' }, content: [] }));
    refused(doc({ type: 'quote', attrs: { speaker: 'X' }, content: [{ type: 'heading', attrs: { level: 2 } }] }));
    refused(doc({ type: 'image', attrs: { imageId: 0 } }));
    refused(doc({ type: 'image', attrs: { imageId: 1.5 } }));
    refused(doc({ type: 'image', attrs: { imageId: '3' } }));
    refused(doc({ type: 'image', attrs: { imageId: 3, size: 'huge' } }));
    refused(doc({ type: 'embed', attrs: { provider: 'youtube', id: 'abc', title: 'x' } }));
    refused(doc({ type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ"><x', title: 'x' } }));
    refused(doc({ type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ' } }));
    refused(doc({ type: 'embed', attrs: { provider: 'vimeo', id: '12ab', title: 'x' } }));
    refused(doc({ type: 'embed', attrs: { provider: 'dailymotion', id: 'x7', title: 'x' } }));
    for (const src of [
      'https://cdn.example/a.mp3',
      '/media/../secret',
      '/media/./a.mp3',
      '//media/a.mp3',
      '/uploads/a.mp3',
      '/media/a b.mp3',
    ]) {
      refused(doc({ type: 'embed', attrs: { provider: 'audio', src, title: 'x' } }));
    }
  });

  it('checks text nodes and lists', () => {
    refused(doc(paragraph(text(''))));
    refused(doc(paragraph(text('nul\u0000'))));
    refused(doc(paragraph(text('x'.repeat(BODY_LIMITS.maxTextNodeLength + 1)))));
    refused(doc(paragraph(text('x', [{ type: 'bold' }, { type: 'bold' }]))));
    refused(doc({ type: 'bulletList', content: [] }));
    refused(doc({ type: 'bulletList', content: [paragraph(text('x'))] }));
    refused(doc({ type: 'listItem', content: [paragraph(text('x'))] }));
  });

  it('refuses documents that are too big or too deep, before validating them', () => {
    const many = doc(...Array.from({ length: BODY_LIMITS.maxNodes }, () => paragraph(text('x'))));
    assert.match(refused(many), /trop d’éléments/);
    let nested: unknown = paragraph(text('x'));
    for (let i = 0; i < 20; i++) nested = { type: 'bulletList', content: [{ type: 'listItem', content: [nested] }] };
    assert.match(refused(doc(nested)), /imbrication trop profonde/);
    const long = doc(...Array.from({ length: 25 }, () => paragraph(text('x'.repeat(BODY_LIMITS.maxTextNodeLength)))));
    assert.match(refused(long), /texte trop long/);
    // a deliberately deep hostile input does not overflow the stack
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { type: 'bulletList', content: [deep] };
    assert.match(refused(doc(deep)), /imbrication trop profonde/);
  });

  it('gives the path and the reason in details', () => {
    try {
      parseBody(doc(paragraph(text('ok')), paragraph(text('x', [link('javascript:alert(1)')]))));
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof AppError);
      assert.deepEqual(error.details, [
        {
          path: 'content.1.content.0.marks.0.attrs.href',
          message: 'Lien non autorisé : seuls http(s)://, mailto:, /chemin et #ancre sont acceptés',
        },
      ]);
    }
  });
});

describe('body text helpers', () => {
  const body = parseBody(fullDoc);

  it('collects image ids in order, once each', () => {
    assert.deepEqual(collectImageIds(body), [12, 7]);
  });

  it('extracts plain text with block separators', () => {
    assert.equal(
      bodyToPlainText(body),
      [
        'Kim Jong-un et Vladimir Poutine se sont rencontrés.',
        'Le contexte',
        'Nous renforçons nos liens.\n— Vladimir Poutine, président de la Fédération de Russie',
        'un\ndeux',
        'Lire Euronews\nfin',
      ].join('\n\n'),
    );
  });

  it('counts words, compound words and elisions as one', () => {
    const small = parseBody(doc(paragraph(text("Aujourd'hui, Kim Jong-un a dit : « l’Europe »…"))));
    assert.equal(wordCount(small), 6);
    assert.equal(wordCount(parseBody(doc())), 0);
    assert.equal(wordCount(body), 27);
  });
});
