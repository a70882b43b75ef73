import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderShareBlock, shareLinks } from './share-block.ts';

const input = { url: 'https://a.fr/monde/un-titre?x=1&y=2', title: 'Qui a dit « oui » ? 50 % & plus', text: 'Le chapô.' };

test('shareLinks: the URL formats of standards.md, every value percent-encoded', () => {
  const byId = Object.fromEntries(shareLinks(input).map((l) => [l.id, l.href]));
  const url = encodeURIComponent(input.url);
  const title = encodeURIComponent(input.title);
  assert.deepEqual(byId, {
    email: `mailto:?subject=${title}&body=${encodeURIComponent(`Le chapô.\n\n${input.url}`)}`,
    sms: `sms:?&body=${encodeURIComponent(`${input.title} ${input.url}`)}`,
    whatsapp: `https://wa.me/?text=${encodeURIComponent(`${input.title} ${input.url}`)}`,
    telegram: `https://t.me/share/url?url=${url}&text=${title}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    x: `https://x.com/intent/post?text=${title}&url=${url}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${url}`,
    bluesky: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${input.title} ${input.url}`)}`,
  });
});

test('renderShareBlock: named links with decorative icons; island buttons hidden; a live status', () => {
  const out = renderShareBlock(input);
  assert.equal(out.match(/<a class="share__link/g)?.length, 8);
  assert.equal(out.match(/rel="noopener"/g)?.length, 8);
  assert.equal(out.match(/<svg class="icon"[^>]*aria-hidden="true" focusable="false"/g)?.length, 10);
  assert.match(
    out,
    /<li hidden data-share-native-item><button type="button" class="share__button share__button--native" data-share-native hidden>/,
  );
  assert.match(
    out,
    /<li hidden data-share-copy-item><button type="button" class="share__button share__button--copy" data-share-copy hidden>/,
  );
  assert.match(out, /<p class="share__status" role="status" aria-live="polite" data-share-status><\/p>/);
  // The title reaches the island escaped, and the visible intro carries French typography.
  assert.match(out, /data-share-title="Qui a dit « oui » \? 50 % &#38; plus"/);
  assert.match(out, /réseaux sociaux\.<\/p>/);
});
