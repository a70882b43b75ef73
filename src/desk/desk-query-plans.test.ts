import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { ARCHIVE_TABLES, capturedApp, pagesPlanReport, type QueryCapture } from '../../test/support/query-plans.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { addSubscribers } from '../newsletters/newsletter-test-fixtures.ts';

// The archive's query-plan rules (test/support/query-plans.ts) applied to the desk, the wire and
// the newsletters' screens: their queries are recorded while the real pages render on the demo
// (its outlets, stories and agency) and explained on both engines. Tables that grow every day —
// items, stories, agency items, subscriptions, sends — join the archive's tables: none may be read
// whole, nor a page of them sorted where an index should give it in order.

const GROWING_TABLES = [
  ...ARCHIVE_TABLES,
  'desk_items',
  'desk_clusters',
  'wire_items',
  'newsletter_subscriptions',
  'newsletter_sends',
  'newsletter_editions',
] as const;

forEachDatabase('query plans of the desk, the wire and the newsletters', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let capture: QueryCapture;
  let editorCookie: string;
  let adminCookie: string;
  // `sortsWindow`: the page groups the items of the chosen time window into stories and orders
  // the stories by their latest item: a sort of that window's stories, bounded by the window.
  const pages: { name: string; url: string; admin?: boolean; sortsWindow?: boolean }[] = [];

  before(async () => {
    database = await engine.open({ demo: true });
    ({ app, capture } = await capturedApp(database));
    editorCookie = (await signInAs(app, 'editeur')).cookie;
    adminCookie = (await signInAs(app, 'administrateur')).cookie;

    const db = database.db;
    const item = await db.selectFrom('desk_items').select(['id', 'outlet_id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const agency = await db.selectFrom('wire_agencies').select('id').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db
      .insertInto('wire_items')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          agency_id: agency.id,
          guid: `urn:plan:${i}`,
          version: 1,
          state: i % 2 ? ('held' as const) : ('discarded' as const),
          headline: `Dépêche ${i}`,
          payload: JSON.stringify({
            guid: `urn:plan:${i}`,
            version: 1,
            pubStatus: 'usable',
            embargo: null,
            headline: `Dépêche ${i}`,
            lead: '',
            bodyHtml: '<p>Texte de la dépêche.</p>',
            keywords: [],
            photos: [],
          }),
          embargo_until: null,
          article_id: null,
          received_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const newsletter = await db.selectFrom('newsletters').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await addSubscribers(db, newsletter.id, 300, `plan-${engine.label}`);
    pages.push(
      { name: 'veille, sans filtre', url: '/admin/veille' },
      { name: 'veille, 24 h', url: '/admin/veille?hours=24', sortsWindow: true },
      { name: 'veille, un média', url: `/admin/veille?outlet=${item.outlet_id}&hours=24`, sortsWindow: true },
      { name: 'veille, une langue', url: '/admin/veille?language=fr&hours=72', sortsWindow: true },
      { name: 'veille, mots-clés', url: `/admin/veille?q=${encodeURIComponent('Sérenne')}&hours=24`, sortsWindow: true },
      { name: 'article de veille', url: `/admin/veille/articles/${item.id}` },
      { name: 'médias suivis', url: '/admin/veille/medias' },
      { name: 'un média', url: `/admin/veille/medias/${item.outlet_id}` },
      { name: 'dépêches en attente', url: '/admin/depeches' },
      { name: 'lettres', url: '/admin/newsletters', admin: true },
      { name: 'une lettre', url: `/admin/newsletters/${newsletter.id}`, admin: true },
      { name: 'abonnés', url: '/admin/newsletters/abonnes', admin: true },
    );
  });

  after(async () => {
    await app?.close();
    await database?.close();
  });

  test('every hot screen of the desk, the wire and the newsletters reads its growing tables through indexes', async () => {
    const planned = pages.map((page) => ({
      name: page.name,
      url: page.url,
      cookie: page.admin ? adminCookie : editorCookie,
      allows: page.sortsWindow ? (problem: string) => /^tri (?:temporaire )?d'une page/.test(problem) : undefined,
    }));
    assert.equal(await pagesPlanReport(app, capture, database, planned, GROWING_TABLES), '');
  });
});
