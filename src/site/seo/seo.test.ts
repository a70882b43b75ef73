import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageRecord } from '../../images/image-types.ts';
import { breadcrumbJsonLd } from './breadcrumb-json-ld.ts';
import { metaDescription } from './description.ts';
import { jsonLdScript } from './json-ld.ts';
import { newsArticleJsonLd } from './news-article-json-ld.ts';
import { renderOpenGraph } from './open-graph.ts';
import { profilePageJsonLd } from './profile-page-json-ld.ts';
import { socialCardImage, structuredDataImages } from './social-images.ts';

const image: ImageRecord = {
  id: 7,
  file_key: 'abc.jpg',
  mime: 'image/jpeg',
  width: 3000,
  height: 2000,
  bytes: 1,
  alt: 'Une « place »',
  caption: '',
  credit: 'AFP',
  focal_x: 0.5,
  focal_y: 0.5,
  created_at: '2026-01-01T00:00:00.000Z',
  uploaded_by_user_id: null,
};

test('jsonLdScript: no text can close the script element, and the JSON still parses to the same data', () => {
  const data = { headline: '</script><script>alert(1)</script>', line: 'a\u2028b\u2029c' };
  const out = jsonLdScript(data);
  assert.equal(out.match(/<\/script>/g)?.length, 1);
  assert.ok(!out.includes('\u2028') && !out.includes('\u2029'));
  const inner = out.slice('<script type="application/ld+json">'.length, -'</script>'.length);
  assert.deepEqual(JSON.parse(inner), data);
});

test('renderOpenGraph: a card with an image is summary_large_image with exact dimensions; without, summary', () => {
  const withImage = renderOpenGraph({
    type: 'article',
    title: 'Titre "cité"',
    description: 'Desc',
    url: 'https://a.fr/x/y',
    siteName: 'Le Site',
    image: { url: 'https://a.fr/media/1.jpg', width: 1280, height: 720, alt: 'Alt' },
    article: {
      publishedTime: '2026-01-01T08:00:00+01:00',
      modifiedTime: null,
      section: 'Monde',
      tags: ['A', 'B'],
      authors: ['https://a.fr/auteur/z'],
    },
  });
  assert.match(withImage, /<meta property="og:title" content="Titre &#34;cité&#34;">/);
  assert.match(withImage, /<meta property="og:image:width" content="1280"><meta property="og:image:height" content="720">/);
  assert.match(withImage, /<meta property="article:tag" content="A"><meta property="article:tag" content="B">/);
  assert.doesNotMatch(withImage, /article:modified_time/);
  assert.match(withImage, /<meta name="twitter:card" content="summary_large_image">/);
  const without = renderOpenGraph({ type: 'website', title: 'T', description: 'D', url: 'https://a.fr/', siteName: 'S' });
  assert.match(without, /<meta name="twitter:card" content="summary">/);
  assert.doesNotMatch(without, /og:image|article:/);
});

test('social images: a 16:9 JPEG of at least 1200 px for cards, three crops for structured data', () => {
  const card = socialCardImage('https://a.fr', image);
  assert.deepEqual([card.width, card.height], [1280, 720]);
  assert.match(card.url, /^https:\/\/a\.fr\/media\/7-[0-9a-f]{8}-16x9-1280\.jpg$/);
  const crops = structuredDataImages('https://a.fr', image);
  assert.deepEqual(
    crops.map((u) => u.match(/-(16x9|4x3|1x1)-(\d+)\.jpg$/)?.slice(1)),
    [
      ['16x9', '1280'],
      ['4x3', '1280'],
      ['1x1', '1280'],
    ],
  );
});

test('newsArticleJsonLd: Paris offsets, dateModified defaults to datePublished, optional fields only when given', () => {
  const data = newsArticleJsonLd({
    url: 'https://a.fr/x/y',
    headline: 'H',
    description: 'D',
    images: [],
    datePublished: '2026-07-01T06:00:00.000Z',
    authors: [{ name: 'A', url: 'https://a.fr/auteur/a' }],
    publisher: { name: 'S', url: 'https://a.fr/' },
    section: 'Monde',
    keywords: [],
  }) as Record<string, unknown>;
  assert.equal(data.datePublished, '2026-07-01T08:00:00+02:00');
  assert.equal(data.dateModified, '2026-07-01T08:00:00+02:00');
  for (const key of ['image', 'keywords', 'isBasedOn', 'correction', 'wordCount']) assert.ok(!(key in data), key);
  assert.equal(data.isAccessibleForFree, true);
});

test('breadcrumbJsonLd and profilePageJsonLd', () => {
  const trail = breadcrumbJsonLd('https://a.fr', [
    { name: 'Accueil', path: '/' },
    { name: 'Monde', path: '/monde' },
  ]) as { itemListElement: unknown[] };
  assert.deepEqual(trail.itemListElement[1], { '@type': 'ListItem', position: 2, name: 'Monde', item: 'https://a.fr/monde' });
  const profile = profilePageJsonLd({
    url: 'https://a.fr/auteur/a',
    name: 'Anne',
    roleLine: 'Économiste',
    links: [{ url: 'https://exemple.org/anne' }, { url: 'javascript:alert(1)' }],
    dateCreated: '2026-01-01T00:00:00.000Z',
  }) as { '@type': string; dateCreated: string; mainEntity: Record<string, unknown> };
  assert.equal(profile['@type'], 'ProfilePage');
  assert.equal(profile.dateCreated, '2026-01-01T01:00:00+01:00');
  assert.deepEqual(profile.mainEntity, {
    '@type': 'Person',
    '@id': 'https://a.fr/auteur/a#personne',
    name: 'Anne',
    url: 'https://a.fr/auteur/a',
    jobTitle: 'Économiste',
    sameAs: ['https://exemple.org/anne'],
  });
});

test('metaDescription: one line, cut at a word with an ellipsis', () => {
  assert.equal(metaDescription('  Un\n texte   court. '), 'Un texte court.');
  const long = metaDescription('mot '.repeat(100), 30);
  assert.ok(long.length <= 30 && long.endsWith('…') && !long.includes('mo…'));
});
