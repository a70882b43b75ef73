import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEmbedUrl } from './embed-url.ts';

test('YouTube addresses in their usual shapes give the video id', () => {
  for (const url of [
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
    'https://youtu.be/dQw4w9WgXcQ?si=abc',
    'https://www.youtube.com/embed/dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    'https://m.youtube.com/shorts/dQw4w9WgXcQ',
    'youtube.com/watch?v=dQw4w9WgXcQ',
  ]) {
    assert.deepEqual(parseEmbedUrl(url), { provider: 'youtube', id: 'dQw4w9WgXcQ' }, url);
  }
});

test('Vimeo addresses give the numeric id', () => {
  assert.deepEqual(parseEmbedUrl('https://vimeo.com/76979871'), { provider: 'vimeo', id: '76979871' });
  assert.deepEqual(parseEmbedUrl('https://player.vimeo.com/video/76979871?h=abc'), { provider: 'vimeo', id: '76979871' });
  assert.deepEqual(parseEmbedUrl('https://vimeo.com/channels/staffpicks/76979871'), { provider: 'vimeo', id: '76979871' });
});

test('audio comes from the site’s own /media/ paths', () => {
  assert.deepEqual(parseEmbedUrl('/media/audio/episode-12.mp3'), { provider: 'audio', src: '/media/audio/episode-12.mp3' });
  assert.deepEqual(parseEmbedUrl('https://exemple.fr/media/a.mp3', 'https://exemple.fr'), { provider: 'audio', src: '/media/a.mp3' });
  assert.equal(parseEmbedUrl('https://ailleurs.fr/media/a.mp3', 'https://exemple.fr'), null);
  assert.equal(parseEmbedUrl('/media/../secret'), null);
});

test('anything else is refused', () => {
  for (const url of [
    '',
    'bonjour',
    'javascript:alert(1)',
    'https://www.youtube.com/watch?v=court',
    'https://evil.example/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/channel/UC123',
    'https://vimeo.com/',
  ]) {
    assert.equal(parseEmbedUrl(url), null, url);
  }
});
