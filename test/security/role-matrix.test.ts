import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { type Actor, can, type Permission, PERMISSIONS, ROLE_PERMISSIONS, SYSTEM_ACTOR } from '../../src/accounts/policy.ts';
import { ROLES } from '../../src/accounts/roles.ts';
import { createArticle } from '../../src/articles/operations/index.ts';
import type { Role } from '../../src/core/db/schema.ts';
import { makeJpeg } from '../../src/images/test-fixtures.ts';
import { multipartBody } from '../../src/media/test-media-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { createImage } from '../support/content-factories.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createNewsroom, getAs, paragraphs, postFormAs, snapshotDatabase } from '../support/newsroom.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// Who may do what in the back office. First the policy itself against a table written out here
// (changing the policy needs a deliberate change of this table), then the same matrix through
// HTTP: every role × every action, a GET of its screen and a POST that would change something.
// Not statuses alone: an allowed role sees the screen itself (its heading, or its JSON) and its
// action goes through; a refused one gets the French refusal, nothing of the screen, and the
// database is unchanged. Anonymous visitors are sent to the sign-in page (GET) or refused (POST).

const W = ['article:create', 'article:edit-own', 'article:submit', 'media:upload', 'token:manage-own'] as const;
const J = [...W, 'article:edit-shared', 'media:edit'] as const;
const E = [
  ...J,
  'article:edit-any',
  'article:publish',
  'article:delete',
  'article:preview-link',
  'media:delete',
  'curation:home',
  'curation:sections',
  'curation:dossiers',
  'curation:series',
  'curation:pages',
  'curation:people',
  'curation:podcasts',
  'comment:moderate',
  'desk:use',
  'newsletter:manage',
] as const;

/** The expected policy, written out: a change to src/accounts/policy.ts must be mirrored here on purpose. */
const EXPECTED: Record<Role, readonly Permission[]> = {
  contributeur: W,
  journaliste: J,
  editeur: E,
  moderateur: ['comment:moderate'],
  administrateur: [...E, 'comment:moderate', 'user:manage', 'settings:manage', 'audit:read', 'integration:manage', 'site:import'],
};

describe('the policy (pure)', () => {
  test('the list of actions and roles is the one this matrix knows', () => {
    assert.deepEqual([...PERMISSIONS].sort(), [...new Set([...EXPECTED.administrateur])].sort());
    assert.deepEqual([...ROLES].sort(), Object.keys(EXPECTED).sort());
    assert.equal(PERMISSIONS.length, 27);
  });

  test('can(role, action) for every role × action matches the expected table', () => {
    const mismatches: string[] = [];
    for (const role of ROLES) {
      const actor: Actor = { userId: 1, name: role, role, personId: null };
      for (const permission of PERMISSIONS) {
        const expected = EXPECTED[role].includes(permission);
        if (can(actor, permission) !== expected) mismatches.push(`${role} × ${permission}: attendu ${expected}`);
        assert.equal(ROLE_PERMISSIONS[role].has(permission), expected, `${role} × ${permission}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  test('an API token narrows its owner’s role, never widens it; the system may do everything', () => {
    const editorToken: Actor = { userId: 1, name: 'Jeton', role: 'editeur', personId: null, scopes: ['article:create'] };
    assert.equal(can(editorToken, 'article:create'), true);
    assert.equal(can(editorToken, 'article:publish'), false, 'scope missing');
    const writerToken: Actor = {
      userId: 2,
      name: 'Jeton',
      role: 'contributeur',
      personId: null,
      scopes: ['article:publish', 'settings:manage'],
    };
    assert.equal(can(writerToken, 'article:publish'), false, 'a scope beyond the role is worth nothing');
    assert.equal(can(writerToken, 'settings:manage'), false);
    for (const permission of PERMISSIONS) assert.equal(can(SYSTEM_ACTOR, permission), true);
  });
});

/** One back-office action as HTTP: a screen to GET and a request that would change something. */
interface Probe {
  permission: Permission;
  /** The screen(s) of the action; omitted where no screen belongs to this action alone (see notes). */
  get?: (f: Fixture) => Promise<string[]> | string[];
  /** Prepares what the action needs (a draft, an image…), then returns the request itself, so a refusal can be checked to change nothing. */
  post?: (f: Fixture) => Promise<() => Promise<LightMyRequestResponse>>;
}

interface Fixture {
  t: TestApp;
  who: SignedIn;
}

forEachDatabase('role matrix over HTTP', (engine) => {
  let t: TestApp;
  let room: Awaited<ReturnType<typeof createNewsroom>>;
  let owner: Actor;
  let otherWriter: SignedIn;
  const users = new Map<Role, SignedIn>();
  let unique = 0;
  const next = () => `${++unique}-${Math.random().toString(36).slice(2, 6)}`;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    room = await createNewsroom(t.database.db);
    owner = (await signInAs(t.app, 'editeur', { name: 'Rédactrice en chef' })).actor;
    otherWriter = await signInAs(t.app, 'journaliste', { name: 'Autre plume' });
    for (const role of ROLES) users.set(role, await signInAs(t.app, role));
  });
  after(() => t?.close());

  /** A complete, publishable draft made through the operations by someone else (or given to `ownedBy`). */
  async function draft(options: { by?: Actor; ownedBy?: SignedIn; sharedWith?: SignedIn } = {}): Promise<{ id: number; revision: number }> {
    const { id, revision } = await createArticle(t.app.kiosque, options.by ?? owner, {
      format: 'actualite',
      sectionId: room.section.id,
      kicker: 'Matrice',
      headline: `Article de la matrice ${next()}`,
      lead: 'Un chapô.',
      body: paragraphs('Un paragraphe.'),
      heroImageId: room.image.id,
      authorPersonIds: [room.staff.id],
      tags: ['Essai'],
    });
    const db = t.database.db;
    if (options.ownedBy)
      await db.updateTable('articles').set({ created_by_user_id: options.ownedBy.userId }).where('id', '=', id).execute();
    if (options.sharedWith) await db.insertInto('article_shares').values({ article_id: id, user_id: options.sharedWith.userId }).execute();
    return { id, revision };
  }

  /** The editor form of an article, as the edit screen posts it. */
  const articleForm = (revision: number, headline: string) => ({
    revision: String(revision),
    format: 'actualite',
    sectionId: String(room.section.id),
    seriesId: '',
    kicker: 'Matrice',
    headline,
    slug: '',
    lead: 'Un chapô modifié.',
    body: JSON.stringify(paragraphs('Un paragraphe modifié.')),
    heroImageId: String(room.image.id),
    authorPersonIds: [String(room.staff.id)],
    authorPosition: ['1'],
    tags: 'Essai',
    sourceOutlet: '',
    sourceUrl: '',
    sourceHeadline: '',
    newCorrection: '',
    seoTitle: '',
    seoDescription: '',
    commentsSetting: 'inherit',
  });

  async function upload(who: SignedIn): Promise<LightMyRequestResponse> {
    // A different picture each time: the library answers an identical one with the existing image.
    const jpeg = await makeJpeg(64 + (unique++ % 50), 48);
    const body = await multipartBody(
      { credit: 'Studio maison', alt: 'Un essai', caption: '' },
      { name: 'essai.jpg', type: 'image/jpeg', bytes: jpeg },
    );
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias?_csrf=${encodeURIComponent(who.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who.cookie, accept: 'application/json' },
    });
  }

  const PROBES: Probe[] = [
    {
      permission: 'article:create',
      get: () => ['/admin/articles/nouveau'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/articles', { ...articleForm(0, `Nouveau ${next()}`), revision: '' }),
    },
    {
      // No GET: opening one's own piece is a matter of ownership, not of this permission.
      permission: 'article:edit-own',
      post: async ({ t, who }) => {
        const { id, revision } = await draft({ ownedBy: who });
        return () => postFormAs(t.app, who, `/admin/articles/${id}`, articleForm(revision, `Le mien ${next()}`));
      },
    },
    {
      permission: 'article:edit-shared',
      get: async ({ who }) => [`/admin/articles/${(await draft({ by: otherWriter.actor, sharedWith: who })).id}`],
      post: async ({ t, who }) => {
        const { id, revision } = await draft({ by: otherWriter.actor, sharedWith: who });
        return () => postFormAs(t.app, who, `/admin/articles/${id}`, articleForm(revision, `Partagé ${next()}`));
      },
    },
    {
      permission: 'article:edit-any',
      get: async () => [
        `/admin/articles/${(await draft({ by: otherWriter.actor })).id}`,
        `/admin/articles/${(await draft({ by: otherWriter.actor })).id}/revisions`,
      ],
      post: async ({ t, who }) => {
        const { id, revision } = await draft({ by: otherWriter.actor });
        return () => postFormAs(t.app, who, `/admin/articles/${id}`, articleForm(revision, `D’un autre ${next()}`));
      },
    },
    {
      permission: 'article:submit',
      post: async ({ t, who }) => {
        const target0 = (await draft({ ownedBy: who })).id;
        return () => postFormAs(t.app, who, `/admin/articles/${target0}/soumettre`, {});
      },
    },
    {
      permission: 'article:publish',
      get: () => ['/admin/depeches'],
      post: async ({ t, who }) => {
        const target0 = (await draft()).id;
        return () => postFormAs(t.app, who, `/admin/articles/${target0}/publier`, {});
      },
    },
    {
      permission: 'article:delete',
      post: async ({ t, who }) => {
        const target0 = (await draft()).id;
        return () => postFormAs(t.app, who, `/admin/articles/${target0}/supprimer`, {});
      },
    },
    {
      permission: 'article:preview-link',
      post: async ({ t, who }) => {
        const target0 = (await draft()).id;
        return () => postFormAs(t.app, who, `/admin/articles/${target0}/apercu/lien`, {});
      },
    },
    {
      permission: 'media:upload',
      get: () => ['/admin/medias', '/admin/medias/nouveau', '/admin/medias.json'],
      post:
        async ({ who }) =>
        () =>
          upload(who),
    },
    {
      // No GET: the image screen is shown to every uploader, read-only without media:edit.
      permission: 'media:edit',
      post: async ({ t, who }) => {
        const image = await createImage(t.database.db, { credit: 'Avant' });
        return () =>
          postFormAs(t.app, who, `/admin/medias/${image.id}`, {
            credit: 'Après',
            alt: 'Un texte',
            caption: '',
            focalX: '0.5',
            focalY: '0.5',
          });
      },
    },
    {
      permission: 'media:delete',
      post: async ({ t, who }) => {
        const target0 = (await createImage(t.database.db)).id;
        return () => postFormAs(t.app, who, `/admin/medias/${target0}/supprimer`, {});
      },
    },
    {
      permission: 'curation:home',
      get: () => ['/admin/une'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/une', { action: 'save' }),
    },
    {
      permission: 'curation:sections',
      get: () => ['/admin/rubriques', '/admin/rubriques/nouvelle', `/admin/rubriques/${room.other.id}`],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/rubriques/nouvelle', { name: `Rubrique ${next()}`, slug: '', description: '', position: '9' }),
    },
    {
      permission: 'curation:dossiers',
      get: () => ['/admin/dossiers', '/admin/dossiers/nouveau'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/dossiers/nouveau', {
            title: `Dossier ${next()}`,
            slug: '',
            sectionId: '',
            introduction: '',
            heroImageId: '',
          }),
    },
    {
      permission: 'curation:series',
      get: () => ['/admin/series', '/admin/series/nouvelle'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/series/nouvelle', {
            title: `Série ${next()}`,
            slug: '',
            sectionId: '',
            description: '',
            cadence: '',
          }),
    },
    {
      permission: 'curation:pages',
      get: () => ['/admin/pages', '/admin/pages/nouvelle'],
      post: async ({ t, who }) => {
        const n = next();
        return () =>
          postFormAs(t.app, who, '/admin/pages/nouvelle', {
            kind: 'other',
            title: `Page ${n}`,
            slug: `page-${n}`,
            lead: '',
            body: JSON.stringify(paragraphs('Texte.')),
          });
      },
    },
    {
      permission: 'curation:people',
      get: () => ['/admin/personnes', '/admin/personnes/nouvelle', `/admin/personnes/${room.expert.id}`],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/personnes/nouvelle', {
            name: `Personne ${next()}`,
            slug: '',
            kind: 'contributor',
            roleLine: '',
            bio: '',
            photoImageId: '',
          }),
    },
    {
      permission: 'curation:podcasts',
      get: () => ['/admin/podcasts', '/admin/podcasts/nouveau'],
      post: async ({ t, who }) => {
        const n = next();
        const cover = await createImage(t.database.db, { width: 1400, height: 1400 });
        return () =>
          postFormAs(t.app, who, '/admin/podcasts/nouveau', {
            title: `Podcast ${n}`,
            slug: '',
            description: 'Un podcast.',
            coverImageId: String(cover.id),
            category: 'News',
            explicit: 'non',
            language: 'fr',
            authorName: 'La rédaction',
            ownerName: 'La rédaction',
            ownerEmail: 'podcasts@exemple.fr',
            appleUrl: '',
            spotifyUrl: '',
            otherLinks: '',
            locked: 'oui',
          });
      },
    },
    {
      permission: 'comment:moderate',
      get: () => ['/admin/commentaires', '/admin/commentaires/listes'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/commentaires/listes', {
            disposable_domains: 'jetable.example',
            banned_words: 'injure',
            suspect_words: 'navet',
          }),
    },
    {
      permission: 'user:manage',
      get: ({ who }) => ['/admin/utilisateurs', `/admin/utilisateurs/${who.userId}`],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/utilisateurs/invitation', {
            email: `invite-${next()}@exemple.fr`,
            role: 'contributeur',
            name: 'Nouvelle recrue',
          }),
    },
    {
      permission: 'settings:manage',
      get: () => ['/admin/reglages'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/reglages', {
            name: 'La Gazette des essais',
            tagline: '',
            publicUrl: 'https://gazette.example',
            language: 'fr',
            logoImageId: '',
            commentsMode: 'open',
            commentsNotice: '',
          }),
    },
    {
      permission: 'site:import',
      get: () => ['/admin/import'],
      post: async ({ t, who }) => {
        const body = await multipartBody(
          {},
          { name: 'export.json', type: 'application/json', bytes: Buffer.from(JSON.stringify({ db: [{ data: { posts: [] } }] })) },
        );
        return () =>
          t.app.inject({
            method: 'POST',
            url: `/admin/import?_csrf=${encodeURIComponent(who.csrfToken)}`,
            payload: body.payload,
            headers: { ...body.headers, cookie: who.cookie },
          });
      },
    },
    {
      permission: 'integration:manage',
      get: () => ['/admin/webhooks', '/admin/agences'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/webhooks', {
            url: `https://outil-${next()}.exemple.fr/kiosque`,
            description: '',
            events: 'article.published',
          }),
    },
    {
      permission: 'desk:use',
      get: () => ['/admin/veille', '/admin/veille/medias'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/veille/medias', {
            name: `Média ${next()}`,
            siteUrl: 'https://media.exemple.fr/',
            logoUrl: '',
            language: 'fr',
            country: 'FR',
          }),
    },
    {
      permission: 'newsletter:manage',
      get: () => ['/admin/newsletters', '/admin/newsletters/abonnes'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/newsletters', {
            name: `Lettre ${next()}`,
            description: '',
            cadence: '',
            senderName: 'La Rédaction',
            senderEmail: 'lettre@exemple.fr',
            replyTo: '',
          }),
    },
    {
      // Read-only: no POST belongs to the journal.
      permission: 'audit:read',
      get: () => ['/admin/journal'],
    },
    {
      permission: 'token:manage-own',
      get: () => ['/admin/jetons'],
      post:
        async ({ t, who }) =>
        () =>
          postFormAs(t.app, who, '/admin/jetons', { name: `Jeton ${next()}`, scopes: 'article:create', lifetime: '30' }),
    },
  ];

  test('every permission has an HTTP probe', () => {
    const probed = PROBES.map((p) => p.permission);
    assert.deepEqual(
      PERMISSIONS.filter((p) => !probed.includes(p)),
      [],
    );
  });

  const allowed = (status: number) => status >= 200 && status < 400;
  /** The French refusal: the 403 error page (or JSON `forbidden`) and its sentence ("Vous n’avez pas le droit…", "Vous ne pouvez pas modifier…"). */
  const isRefusal = (body: string) =>
    (body.includes('Erreur 403') || body.includes('"code":"forbidden"')) && /Vous (n’avez pas|ne pouvez pas)/.test(body);
  /** The text of a page's h1 (tags dropped), or '' when it has none. */
  const headingOf = (body: string) =>
    /<h1[^>]*>([\s\S]*?)<\/h1>/
      .exec(body)?.[1]
      .replace(/<[^>]+>/g, '')
      .trim() ?? '';

  /**
   * What a role sees at a screen: allowed, the screen itself (its own heading inside the back
   * office, or its JSON); refused, the French refusal page and nothing of the screen.
   */
  function screenProblem(role: Role, url: string, response: LightMyRequestResponse, expected: boolean): string | undefined {
    const what = `${role} GET ${url} → ${response.statusCode}`;
    if (!expected) {
      if (response.statusCode !== 403) return `${what} (attendu 403)`;
      if (!isRefusal(response.body)) return `${what} : la page ne dit pas le refus`;
      if (response.body.includes('class="admin-nav') || response.body.includes('"items"')) return `${what} : la page montre l’écran refusé`;
      return undefined;
    }
    if (response.statusCode !== 200) return `${what} (attendu 200)`;
    if (url.endsWith('.json')) return Array.isArray(response.json().items) ? undefined : `${what} : pas de liste items`;
    const heading = headingOf(response.body);
    if (!heading || heading === 'Erreur') return `${what} : pas de titre d’écran (« ${heading} »)`;
    if (isRefusal(response.body)) return `${what} : la page parle de refus`;
    return undefined;
  }

  for (const probe of PROBES) {
    test(`${probe.permission}: each role gets the screen or the refusal, and acts or changes nothing, as ROLE_PERMISSIONS says`, async () => {
      const problems: string[] = [];
      for (const role of ROLES) {
        const who = users.get(role)!;
        const expected = ROLE_PERMISSIONS[role].has(probe.permission);
        for (const url of (await probe.get?.({ t, who })) ?? []) {
          const problem = screenProblem(role, url, await getAs(t.app, who, url), expected);
          if (problem) problems.push(problem);
        }
        if (probe.post) {
          // A refused action changes nothing stored: the database is compared before and after.
          const send = await probe.post({ t, who });
          const before = expected ? undefined : await snapshotDatabase(t.database.db);
          const response = await send();
          const what = `${role} POST ${probe.permission} → ${response.statusCode}`;
          if (expected && !allowed(response.statusCode)) problems.push(`${what} (attendu 2xx/3xx) ${response.body.slice(0, 300)}`);
          if (expected && String(response.headers.location ?? '').startsWith('/admin/connexion'))
            problems.push(`${what} : renvoyé à la connexion`);
          if (!expected) {
            if (response.statusCode !== 403) problems.push(`${what} (attendu 403)`);
            else if (!isRefusal(response.body)) problems.push(`${what} : la réponse ne dit pas le refus`);
            assert.deepEqual(await snapshotDatabase(t.database.db), before, `${what} : un refus a changé la base`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('everyone signed in reaches the dashboard, the articles list and their account, under their own name; the anonymous are sent to sign in', async () => {
    for (const role of ROLES) {
      const who = users.get(role)!;
      for (const [url, heading] of [
        ['/admin', /Tableau de bord/],
        ['/admin/articles', /Articles/],
        ['/admin/compte', /Mon compte/],
      ] as const) {
        const response = await getAs(t.app, who, url);
        assert.equal(response.statusCode, 200, `${role} ${url}`);
        assert.match(headingOf(response.body), heading, `${role} ${url}`);
        assert.ok(response.body.includes(who.actor.name), `${role} ${url} : le nom du compte est affiché`);
      }
    }
  });

  test('anonymous: every screen answers 303 to the sign-in page, every action 401 or 403, and nothing changes', async () => {
    const _anonymous = { t, who: null as unknown as SignedIn };
    for (const probe of PROBES) {
      // The GET probes only read the signed-in user to build an address: a stand-in will do.
      const urls = (await probe.get?.({ t, who: users.get('administrateur')! })) ?? [];
      for (const url of [...urls, '/admin', '/admin/articles', '/admin/compte']) {
        const response = await getAs(t.app, null, url);
        assert.equal(response.statusCode, 303, `GET ${url}`);
        assert.equal(response.headers.location, `/admin/connexion?suite=${encodeURIComponent(url)}`);
      }
    }
    const target = await draft();
    const articlesBefore = await t.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const posts: [string, Record<string, string>][] = [
      ['/admin/articles', { headline: 'Anonyme' }],
      [`/admin/articles/${target.id}/publier`, {}],
      ['/admin/une', { action: 'save' }],
      ['/admin/rubriques/nouvelle', { name: 'Anonyme', slug: '', description: '', position: '1' }],
      ['/admin/reglages', { name: 'Piratée' }],
      ['/admin/utilisateurs/invitation', { email: 'pirate@exemple.fr', role: 'administrateur' }],
      ['/admin/jetons', { name: 'Pirate', scopes: 'article:create', lifetime: '30' }],
      [`/admin/medias/${room.image.id}/supprimer`, {}],
    ];
    for (const [url, fields] of posts) {
      const response = await postFormAs(t.app, null, url, fields);
      assert.ok([401, 403].includes(response.statusCode), `POST ${url} → ${response.statusCode}`);
    }
    // With a valid CSRF pair but no session: 401 from the guard, not a silent success.
    const pair = users.get('administrateur')!;
    const csrfOnly = pair.cookie
      .split('; ')
      .filter((c) => c.includes('csrf'))
      .join('; ');
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/admin/rubriques/nouvelle',
      headers: { cookie: csrfOnly, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(pair.csrfToken)}&name=Anonyme&position=1`,
    });
    assert.equal(withToken.statusCode, 401);
    const articlesAfter = await t.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(articlesAfter.n), Number(articlesBefore.n));
    assert.equal(
      (await t.database.db.selectFrom('articles').select('status').where('id', '=', target.id).executeTakeFirstOrThrow()).status,
      'draft',
    );
    assert.equal((await t.database.db.selectFrom('settings').select('name').executeTakeFirstOrThrow()).name, 'La Gazette des essais');
  });
});
