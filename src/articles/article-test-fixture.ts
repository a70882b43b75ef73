import type { Kysely } from 'kysely';
import type { Db } from '../core/db/database.ts';

/** Ids and slugs of the fixture, for assertions. */
export interface ArticleFixture {
  sectionId: number;
  otherSectionId: number;
  authorIds: [number, number];
  tagIds: [number, number];
  seriesId: number;
  heroImageId: number;
  main: { id: number; path: string };
  pepite: { id: number; path: string };
  xss: { id: number; path: string };
  unpublishedPath: string;
  draftPath: string;
  scheduledPath: string;
  oldSlug: string;
}

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

const BODY = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: "Le sommet s'est ouvert mardi à Vladivostok." }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Des annonces attendues' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Selon ' },
        { type: 'text', text: 'Euronews', marks: [{ type: 'link', attrs: { href: 'https://www.euronews.com/' } }] },
        { type: 'text', text: ', les discussions ont duré quatre heures.' },
      ],
    },
    {
      type: 'quote',
      attrs: { speaker: 'Vladimir Poutine', role: 'président russe' },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nous avons beaucoup de sujets à discuter.' }] }],
    },
    { type: 'image', attrs: { imageId: 0, caption: 'Le port de Vladivostok', size: 'wide' } },
    { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Les images du sommet' } },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un point' }] }] }],
    },
  ],
};

/** Test data (used by article tests only): a small publication with one article showing every part of the anatomy, and the edge cases around it. */
export async function insertArticleFixture(db: Db): Promise<ArticleFixture> {
  await db
    .insertInto('settings')
    .values({
      id: 1,
      name: 'La Gazette d’essai',
      tagline: 'Des nouvelles vérifiées',
      public_url: null,
      language: 'fr',
      logo_image_id: null,
      comments_mode: 'suspended',
      comments_notice: 'En raison de débordements, nous avons suspendu les commentaires.',
      updated_at: ago(100),
    })
    .execute();
  const section = await insert(db, 'sections', {
    slug: 'international',
    name: 'International',
    description: '',
    position: 1,
    created_at: ago(1000),
  });
  const other = await insert(db, 'sections', { slug: 'pepites', name: 'Pépites', description: '', position: 2, created_at: ago(1000) });
  await db
    .insertInto('nav_items')
    .values([
      { position: 1, label: 'International', kind: 'section', target: 'international' },
      { position: 2, label: 'Pépites', kind: 'section', target: 'pepites' },
    ])
    .execute();
  const alice = await insert(db, 'people', {
    slug: 'alice-martin',
    name: 'Alice Martin',
    kind: 'staff',
    role_line: 'Journaliste au service International',
    bio: '',
    photo_image_id: null,
    links: '[]',
    created_at: ago(1000),
  });
  const bruno = await insert(db, 'people', {
    slug: 'bruno-leroy',
    name: 'Bruno Leroy',
    kind: 'contributor',
    role_line: 'Économiste, chercheur au CNRS',
    bio: '',
    photo_image_id: null,
    links: '[]',
    created_at: ago(1000),
  });
  const russie = await insert(db, 'tags', { slug: 'russie', name: 'Russie' });
  const coree = await insert(db, 'tags', { slug: 'coree-du-nord', name: 'Corée du Nord' });
  const series = await insert(db, 'series', {
    slug: 'la-chronique-du-monde',
    section_id: section,
    title: 'La chronique du monde',
    description: '',
    cadence: 'chaque lundi',
    created_at: ago(1000),
  });
  const image = (n: number, credit: string) =>
    insert(db, 'images', {
      file_key: `fixture-${n}-${Math.random().toString(36).slice(2)}.jpg`,
      mime: 'image/jpeg',
      width: 2400,
      height: 1600,
      bytes: 1000,
      alt: 'Kim Jong-un et Vladimir Poutine',
      caption: 'Poignée de main à Vladivostok',
      credit,
      focal_x: 0.5,
      focal_y: 0.5,
      created_at: ago(1000),
    });
  const hero = await image(1, 'Capture d’écran YouTube / Euronews');
  const inline = await image(2, 'AFP');
  const body = structuredClone(BODY);
  (body.content[4] as { attrs: { imageId: number } }).attrs.imageId = inline;

  const article = (over: Record<string, unknown>) =>
    insert(db, 'articles', {
      format: 'actualite',
      section_id: section,
      series_id: null,
      kicker: '',
      lead: 'Un chapô.',
      body: JSON.stringify({ type: 'doc', content: [] }),
      hero_image_id: null,
      source_outlet: null,
      source_url: null,
      source_headline: null,
      status: 'published',
      created_at: ago(50),
      published_at: ago(10),
      updated_at: null,
      seo_title: null,
      seo_description: null,
      comments_setting: 'inherit',
      revision: 1,
      ...over,
    });
  const main = await article({
    format: 'chronique',
    series_id: series,
    kicker: 'Bras de fer avec les États-Unis',
    headline: 'Sommet Corée du Nord - Russie : Kim Jong-un et Vladimir Poutine renforcent leurs liens',
    slug: 'sommet-coree-du-nord-russie',
    lead: "Les deux dirigeants se sont rencontrés à l'est de la Russie : qu'en attendre ?",
    body: JSON.stringify(body),
    hero_image_id: hero,
    source_outlet: 'Euronews',
    source_url: 'https://www.euronews.com/2026/12/01/sommet',
    source_headline: 'Kim and Putin meet in Vladivostok',
    published_at: '2026-01-15T07:05:00.000Z',
    updated_at: '2026-01-15T09:30:00.000Z',
  });
  await db
    .insertInto('article_authors')
    .values([
      { article_id: main, person_id: alice, position: 0 },
      { article_id: main, person_id: bruno, position: 1 },
    ])
    .execute();
  await db
    .insertInto('article_tags')
    .values([
      { article_id: main, tag_id: russie, position: 0 },
      { article_id: main, tag_id: coree, position: 1 },
    ])
    .execute();
  await db
    .insertInto('corrections')
    .values({ article_id: main, noted_at: '2026-01-15T10:00:00.000Z', text: 'Le sommet a eu lieu mardi, et non lundi.' })
    .execute();
  await db
    .insertInto('slug_redirects')
    .values({ old_slug: 'ancien-titre-du-sommet', article_id: main, created_at: ago(5) })
    .execute();

  const pepite = await article({
    format: 'pepite',
    section_id: other,
    headline: 'Une pépite venue d’ailleurs',
    slug: 'une-pepite',
    source_outlet: 'Le Temps',
    source_url: 'https://www.letemps.ch/article',
    published_at: ago(2),
  });
  await db.insertInto('article_tags').values({ article_id: pepite, tag_id: russie, position: 0 }).execute();
  await db.insertInto('article_authors').values({ article_id: pepite, person_id: alice, position: 0 }).execute();
  const xss = await article({
    headline: '<script>alert(1)</script> Titre piégé',
    slug: 'titre-piege',
    kicker: '"Citation" <b>gras</b>',
    published_at: ago(3),
  });
  await article({ headline: 'Retiré', slug: 'article-retire', status: 'unpublished' });
  await article({ headline: 'Brouillon', slug: 'article-brouillon', status: 'draft', published_at: null });
  await article({
    headline: 'Programmé',
    slug: 'article-programme',
    status: 'published',
    published_at: new Date(Date.now() + 10 * HOUR).toISOString(),
  });

  return {
    sectionId: section,
    otherSectionId: other,
    authorIds: [alice, bruno],
    tagIds: [russie, coree],
    seriesId: series,
    heroImageId: hero,
    main: { id: main, path: '/international/sommet-coree-du-nord-russie' },
    pepite: { id: pepite, path: '/pepites/une-pepite' },
    xss: { id: xss, path: '/international/titre-piege' },
    unpublishedPath: '/international/article-retire',
    draftPath: '/international/article-brouillon',
    scheduledPath: '/international/article-programme',
    oldSlug: 'ancien-titre-du-sommet',
  };
}

// Untyped on purpose: a fixture of many tables reads best as plain rows.
async function insert(db: Db, table: string, row: Record<string, unknown>): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: the fixture writes columns the typed schema marks as generated
  const untyped = db as unknown as Kysely<any>;
  const inserted = await untyped.insertInto(table).values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}
