import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBody } from './body-schema.ts';
import { renderBody } from './render-body.ts';
import { ARTICLE_PAGE_IDS, fillStoredBody, renderStoredBody, storedBodyImageIds, storedBodyKey, validStoredBody } from './stored-body.ts';

const ORIGIN = 'https://gazette.example';
const JSON_BODY = JSON.stringify({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Commentaires' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Voir ' },
        { type: 'text', text: 'ici', marks: [{ type: 'link', attrs: { href: 'https://gazette.example/a' } }] },
        { type: 'text', text: ' ou là : <b>non</b> -->' },
      ],
    },
    { type: 'image', attrs: { imageId: 7, caption: 'Un « port » --> <ici>', size: 'wide' } },
    { type: 'image', attrs: { imageId: 9 } },
  ],
});
const figure = (id: number, opts: { caption?: string; size: 'inline' | 'wide' }) =>
  `<figure data-id="${id}" data-size="${opts.size}">${opts.caption ?? ''}</figure>`;

test('the stored body, its images filled in, is exactly what rendering the document gives', () => {
  const doc = parseBody(JSON.parse(JSON_BODY));
  const stored = renderStoredBody(doc, ORIGIN);
  assert.equal(
    fillStoredBody(stored.html, figure),
    renderBody(doc, { renderImage: figure, reservedIds: ARTICLE_PAGE_IDS, siteOrigin: ORIGIN }),
  );
  assert.deepEqual(storedBodyImageIds(stored.html), [7, 9]);
  // Text that looks like a placeholder's end is escaped, never taken for one.
  assert.equal((stored.html.match(/<!--/g) ?? []).length, 2);
  assert.match(stored.html, /<h2 id="commentaires-2">/, 'the page’s own ids stay reserved');
  assert.ok(stored.words > 5);
});

test('a stored body is valid only for its body, renderer and site origin', () => {
  const doc = parseBody(JSON.parse(JSON_BODY));
  const stored = renderStoredBody(doc, ORIGIN);
  const row = { body: JSON_BODY, body_html: stored.html, body_html_key: storedBodyKey(JSON_BODY, ORIGIN), body_words: stored.words };
  assert.deepEqual(validStoredBody(row, ORIGIN), stored);
  assert.equal(validStoredBody(row, 'https://autre.example'), null);
  assert.equal(validStoredBody({ ...row, body: JSON_BODY.replace('Voir', 'Lire') }, ORIGIN), null);
  assert.equal(validStoredBody({ ...row, body_html_key: `0:${row.body_html_key.split(':')[1]}` }, ORIGIN), null, 'an older renderer');
  assert.equal(validStoredBody({ ...row, body_html: null }, ORIGIN), null);
});
