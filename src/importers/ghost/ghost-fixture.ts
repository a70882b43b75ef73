import type { Db } from '../../core/db/database.ts';
// A Ghost export written for the tests: a small French culture magazine as Ghost 5 exports it
// (Réglages › Labs › Export), with what real exports carry: Lexical with its rendered HTML, an old
// Mobiledoc post without HTML, hostile markup, a missing image, members-only and scheduled posts,
// an internal tag, an author without e-mail, a static page. All text is invented for Kiosque.

export interface GhostFixturePost {
  id: string;
  title: string;
  slug: string;
  status?: string;
  type?: 'post' | 'page';
  visibility?: string;
  html?: string | null;
  lexical?: string | null;
  mobiledoc?: string | null;
  featureImage?: string | null;
  featureAlt?: string;
  featureCaption?: string;
  featured?: boolean;
  excerpt?: string;
  publishedAt?: string | null;
  updatedAt?: string;
  tags?: string[];
  authors?: string[];
}

const lexical = (paragraphs: string[]) =>
  JSON.stringify({
    root: {
      type: 'root',
      children: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text, format: 0 }] })),
    },
  });

/** The default posts of the fixture magazine. */
export function ghostPosts(): GhostFixturePost[] {
  return [
    {
      id: '64a1f0c2e4b0a1000100000a',
      title: 'Le festival des Lanternes revient à Quimperlé',
      slug: 'festival-des-lanternes',
      html: '<p>Pour sa dixième édition, le festival investit <strong>les quais</strong> de la Laïta.</p><h2>Une programmation élargie</h2><figure class="kg-card kg-image-card kg-card-hascaption"><img src="__GHOST_URL__/content/images/2023/07/quais.jpg" class="kg-image" alt="Les quais illuminés" loading="lazy"><figcaption>Les quais, un soir de répétition. Photo : Inès Kerbrat</figcaption></figure><blockquote>Nous voulions une fête qui ressemble à la ville.</blockquote><p>Entrée libre, de 19 h à minuit.</p>',
      lexical: lexical(['Pour sa dixième édition, le festival investit les quais de la Laïta.']),
      featureImage: '__GHOST_URL__/content/images/2023/07/lanternes.jpg',
      featureAlt: 'Des lanternes de papier au-dessus de la rivière',
      featureCaption: 'Le défilé d’ouverture. © Studio Aber',
      featured: true,
      excerpt: 'Dix ans, trois soirs, mille lanternes.',
      publishedAt: '2023-07-12T08:15:00.000Z',
      updatedAt: '2023-07-12T08:15:00.000Z',
      tags: ['t-scenes', 't-festivals', 't-hash'],
      authors: ['u-lea'],
    },
    {
      id: '64a1f0c2e4b0a1000100000b',
      title: 'Archives : la chorale de Moëlan',
      slug: 'chorale-de-moelan',
      html: null,
      lexical: null,
      mobiledoc: JSON.stringify({
        version: '0.3.1',
        atoms: [],
        markups: [['em'], ['a', ['href', 'https://chorale.example/agenda']]],
        cards: [
          ['hr', {}],
          ['gallery', { images: [] }],
        ],
        sections: [
          [
            1,
            'p',
            [
              [0, [], 0, 'La chorale répète le jeudi, '],
              [0, [0], 1, 'sans exception'],
              [0, [], 0, '.'],
            ],
          ],
          [10, 0],
          [3, 'ul', [[[0, [], 0, 'Sopranos']], [[0, [1], 1, 'Agenda en ligne']]]],
          [10, 1],
        ],
      }),
      publishedAt: '2016-03-02T18:00:00.000Z',
      updatedAt: '2016-03-03T09:00:00.000Z',
      tags: ['t-musique'],
      authors: ['u-yann'],
    },
    {
      id: '64a1f0c2e4b0a1000100000c',
      title: 'Critique : « La Marée haute » au théâtre du Port',
      slug: 'critique-maree-haute',
      html: '<p onclick="alert(1)">Une pièce <b>vive <i>et drôle</b></p><script>alert("xss")</script><p><a href="javascript:alert(1)">Réserver</a></p><p><img src="__GHOST_URL__/content/images/2023/09/disparue.jpg" alt="Perdue"></p>',
      featureImage: null,
      publishedAt: '2023-09-20T20:30:00.000Z',
      tags: ['t-scenes'],
      authors: ['u-lea', 'u-yann'],
    },
    {
      id: '64a1f0c2e4b0a1000100000d',
      title: 'Brouillon : le musée de la pêche rénové',
      slug: 'musee-de-la-peche',
      status: 'draft',
      html: '<p>À compléter après la visite.</p>',
      publishedAt: null,
      tags: [],
      authors: ['u-lea'],
    },
    {
      id: '64a1f0c2e4b0a1000100000e',
      title: 'Entretien réservé aux abonnés',
      slug: 'entretien-abonnes',
      visibility: 'paid',
      html: '<p>Un long entretien.</p>',
      publishedAt: '2023-10-01T07:00:00.000Z',
      tags: ['t-scenes'],
      authors: ['u-yann'],
    },
    {
      id: '64a1f0c2e4b0a1000100000f',
      title: 'À propos de la revue',
      slug: 'a-propos',
      type: 'page',
      html: '<p>Une revue culturelle du pays de Quimperlé, fondée en 2014.</p>',
      publishedAt: '2014-05-01T10:00:00.000Z',
      authors: ['u-lea'],
    },
  ];
}

/**
 * The members of the fixture magazine and their newsletters, as Ghost 5 exports them: two
 * newsletters Kiosque also has (one by the same slug, one by the same name), an archived one it
 * has not; a member Ghost stopped writing to (bounce), one on Ghost's suppression list, a free
 * member subscribed to nothing, an address Ghost let through that is not one, and the dates and
 * origins of their subscriptions (members_subscribe_events).
 */
export function ghostMembership() {
  const member = (id: string, email: string, createdAt: string, emailDisabled = 0, name: string | null = null) => ({
    id,
    uuid: `5b0e1c7a-0000-4000-8000-${id.padStart(12, '0')}`,
    email,
    status: 'free',
    name,
    note: null,
    geolocation: null,
    email_disabled: emailDisabled,
    last_seen_at: null,
    created_at: createdAt,
    updated_at: createdAt,
  });
  const event = (memberId: string, newsletterId: string, subscribed: boolean, source: string, createdAt: string) => ({
    id: `ev-${memberId}-${newsletterId}-${createdAt.slice(0, 10)}`,
    member_id: memberId,
    newsletter_id: newsletterId,
    subscribed,
    source,
    created_at: createdAt,
  });
  return {
    newsletters: [
      { id: 'n-lettre', uuid: 'n1', name: 'La lettre des Lanternes', slug: 'lettre-des-lanternes', status: 'active', sort_order: 0 },
      {
        id: 'n-agenda',
        uuid: 'n2',
        name: 'L’Agenda du week-end',
        slug: 'agenda-week-end',
        status: 'active',
        sort_order: 1,
        description: 'Les sorties du week-end, chaque jeudi.',
        sender_name: 'L’agenda des Lanternes',
        sender_email: 'agenda@lanternes.example',
      },
      { id: 'n-festival', uuid: 'n3', name: 'Spécial festival 2022', slug: 'special-festival', status: 'archived', sort_order: 2 },
    ],
    members: [
      member('m-anne', 'anne.riou@exemple.fr', '2021-02-10T09:00:00.000Z', 0, 'Anne Riou'),
      member('m-bruno', 'Bruno.Kerleau@Exemple.fr', '2020-11-03T17:45:00.000Z'),
      member('m-claire', 'claire.rebond@exemple.fr', '2022-01-05T08:00:00.000Z', 1),
      member('m-denis', 'denis.plainte@exemple.fr', '2022-03-01T12:00:00.000Z'),
      member('m-effacee', 'effacee@exemple.fr', '2021-06-01T10:00:00.000Z'),
      member('m-parti', 'parti.ici@exemple.fr', '2021-07-14T10:00:00.000Z'),
      member('m-libre', 'gratuit.sans.lettre@exemple.fr', '2023-01-01T10:00:00.000Z'),
      member('m-casse', 'adresse sans arobase', '2023-02-01T10:00:00.000Z'),
      member('m-festival', 'festivalier@exemple.fr', '2022-06-20T10:00:00.000Z', 0, 'Gwenaël Le Festivalier'),
    ],
    members_newsletters: [
      ['m-anne', 'n-lettre'],
      ['m-anne', 'n-agenda'],
      ['m-bruno', 'n-lettre'],
      ['m-claire', 'n-lettre'],
      ['m-denis', 'n-agenda'],
      ['m-effacee', 'n-lettre'],
      ['m-parti', 'n-lettre'],
      ['m-casse', 'n-lettre'],
      ['m-festival', 'n-festival'],
    ].map(([memberId, newsletterId]) => ({ id: `mn-${memberId}-${newsletterId}`, member_id: memberId, newsletter_id: newsletterId })),
    members_subscribe_events: [
      event('m-anne', 'n-lettre', true, 'member', '2021-02-10T09:00:00.000Z'),
      // Anne left the weekend letter, then came back: the later consent is the one kept.
      event('m-anne', 'n-agenda', true, 'member', '2021-03-01T07:30:00.000Z'),
      event('m-anne', 'n-agenda', false, 'member', '2022-09-01T07:30:00.000Z'),
      event('m-anne', 'n-agenda', true, 'member', '2023-04-02T19:05:00.000Z'),
      event('m-bruno', 'n-lettre', true, 'import', '2020-11-03T17:45:00.000Z'),
      event('m-libre', 'n-lettre', true, 'member', '2023-01-01T10:00:00.000Z'),
      event('m-libre', 'n-lettre', false, 'member', '2023-05-01T10:00:00.000Z'),
    ],
    suppressions: [
      { id: 's-denis', email: 'denis.plainte@exemple.fr', email_id: null, reason: 'spam', created_at: '2023-03-01T12:00:00.000Z' },
    ],
  };
}

/** The JSON of a Ghost export holding these posts (and, unless told otherwise, the fixture's members). */
export function ghostExport(
  posts: GhostFixturePost[],
  site = { title: 'Les Lanternes', hash: '3f6c2a1e-0b7d-4e52-9a61-7c0e5d2b8f14' },
  membership: Partial<ReturnType<typeof ghostMembership>> = ghostMembership(),
): string {
  const tags = [
    { id: 't-scenes', name: 'Scènes', slug: 'scenes', description: 'Théâtre, danse et cirque', visibility: 'public' },
    { id: 't-festivals', name: 'Festivals', slug: 'festivals', description: null, visibility: 'public' },
    { id: 't-musique', name: 'Musique', slug: 'musique', description: '', visibility: 'public' },
    { id: 't-hash', name: '#une', slug: 'hash-une', description: null, visibility: 'internal' },
  ];
  const users = [
    {
      id: 'u-lea',
      name: 'Léa Morvan',
      slug: 'lea',
      email: 'lea@lanternes.example',
      profile_image: '__GHOST_URL__/content/images/2022/01/lea.jpg',
      bio: 'Léa Morvan couvre les scènes bretonnes depuis dix ans.\n\nElle a dirigé la revue de 2018 à 2022.',
    },
    { id: 'u-yann', name: 'Yann Le Goff', slug: 'yann', email: null, profile_image: null, bio: null },
  ];
  const link = (kind: 'tag_id' | 'author_id', ids: string[] | undefined, postId: string) =>
    (ids ?? []).map((id, sortOrder) => ({ id: `${postId}-${id}`, post_id: postId, [kind]: id, sort_order: sortOrder }));
  return JSON.stringify({
    db: [
      {
        meta: { exported_on: 1_700_000_000_000, version: '5.74.0' },
        data: {
          posts: posts.map((p) => ({
            id: p.id,
            uuid: `00000000-0000-4000-8000-${p.id.slice(-12)}`,
            title: p.title,
            slug: p.slug,
            mobiledoc: p.mobiledoc ?? null,
            lexical: p.lexical ?? null,
            html: p.html === undefined ? null : p.html,
            feature_image: p.featureImage ?? null,
            featured: p.featured ? 1 : 0,
            type: p.type ?? 'post',
            status: p.status ?? 'published',
            visibility: p.visibility ?? 'public',
            custom_excerpt: p.excerpt ?? null,
            created_at: p.publishedAt ?? '2023-11-01T10:00:00.000Z',
            updated_at: p.updatedAt ?? p.publishedAt ?? '2023-11-01T10:00:00.000Z',
            published_at: p.publishedAt ?? null,
          })),
          posts_meta: posts
            .filter((p) => p.featureAlt || p.featureCaption)
            .map((p) => ({
              id: `m-${p.id}`,
              post_id: p.id,
              feature_image_alt: p.featureAlt ?? null,
              feature_image_caption: p.featureCaption ?? null,
            })),
          users,
          tags,
          posts_tags: posts.flatMap((p) => link('tag_id', p.tags, p.id)),
          posts_authors: posts.flatMap((p) => link('author_id', p.authors, p.id)),
          settings: [
            { id: 's1', key: 'title', value: site.title },
            { id: 's2', key: 'db_hash', value: site.hash },
          ],
          ...membership,
        },
      },
    ],
  });
}

/** The active subscribers of a newsletter, by address, with the (private) name they came with. */
export async function activeSubscribers(db: Db, newsletterId: number): Promise<[email: string, name: string][]> {
  const rows = await db
    .selectFrom('newsletter_subscriptions')
    .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
    .select(['readers.email', 'readers.full_name'])
    .where('newsletter_subscriptions.newsletter_id', '=', newsletterId)
    .where('newsletter_subscriptions.status', '=', 'active')
    .orderBy('readers.email')
    .execute();
  return rows.map((r) => [r.email, r.full_name]);
}
