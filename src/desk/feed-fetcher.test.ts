import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import type { DeskFeedKind } from '../core/db/schema.ts';
import { findFeed, insertFeed, insertOutlet, listFeeds } from './desk-repository.ts';
import { fetchFeed } from './feed-fetcher.ts';
import { startTestOutlets, TEST_OUTLETS, type TestOutletServer } from './test-outlets.ts';

for (const engine of testDatabases()) {
  describe(`desk feed fetcher [${engine.label}]`, () => {
    let t: TestApp;
    let outlets: TestOutletServer;

    before(async () => {
      t = await createTestApp({ dialect: engine.label, env: { DESK_ALLOW_PRIVATE: '1', DESK_POLITENESS_MS: '0' } });
      outlets = await startTestOutlets({ slowMs: 3000 });
    });
    after(async () => {
      await outlets.close();
      await t.close();
    });

    const ctx = () => t.app.kiosque;
    const db = () => ctx().db;

    async function feedFor(name: string, path: string, kind: DeskFeedKind = 'auto') {
      const outletId = await insertOutlet(db(), {
        name,
        siteUrl: `${outlets.origin}/`,
        logoUrl: null,
        language: 'fr',
        country: 'FR',
        quoteAllowed: false,
      });
      const feedId = await insertFeed(db(), { outletId, url: `${outlets.origin}${path}`, kind, intervalMinutes: 15 });
      return (await findFeed(db(), feedId))!;
    }

    test('RSS, Atom, JSON Feed and a Google News sitemap are read; addresses lose their tracking parameters', async () => {
      for (const outlet of TEST_OUTLETS) {
        const feed = await feedFor(outlet.name, `/${outlet.slug}/${outlet.feed}`);
        const outcome = await fetchFeed(ctx(), feed);
        assert.equal(outcome.ok, true, `${outlet.name}: ${JSON.stringify(outcome)}`);
      }
      const items = await db().selectFrom('desk_items').selectAll().execute();
      assert.ok(items.length >= 39, `${items.length} items`);
      for (const item of items) {
        assert.doesNotMatch(item.url, /utm_|fbclid/);
        assert.ok(item.headline.length > 0);
        assert.ok(item.cluster_id !== null, 'every item is filed into a story');
      }
      const bridge = items.filter((i) => i.headline.includes('Saint-Aubin'));
      assert.equal(bridge.length, 4);
      assert.equal(new Set(bridge.map((i) => i.cluster_id)).size, 1, 'the four reports of the bridge are one story');
      const health = await listFeeds(db());
      assert.ok(health.every((f) => f.last_success_at !== null && f.last_error === null));
      assert.ok(health.every((f) => f.itemsPerDay > 0));
    });

    test('a second poll sends the validators and gets 304; the same items are updated, never added', async () => {
      const feed = await feedFor('Le Héraut (bis)', '/heraut/rss.xml');
      const first = await fetchFeed(ctx(), feed);
      assert.equal(first.ok, true);
      const count = await db()
        .selectFrom('desk_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const second = await fetchFeed(ctx(), (await findFeed(db(), feed.id))!);
      assert.deepEqual(second, { ok: true, notModified: true, created: 0, updated: 0 });
      const sent = outlets.requests.filter((r) => r.path === '/heraut/rss.xml').at(-1)!;
      assert.match(String(sent.headers['if-none-match']), /heraut/);
      assert.match(String(sent.headers['user-agent']), /^KiosqueVeille\//);
      // Without validators the same entries come again: updated in place.
      await db().updateTable('desk_feeds').set({ etag: null, last_modified: null }).where('id', '=', feed.id).execute();
      const third = await fetchFeed(ctx(), (await findFeed(db(), feed.id))!);
      assert.equal(third.ok && third.created, 0);
      const after = await db()
        .selectFrom('desk_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(count.n));
    });

    test('broken feeds: each source says why in French, backs off, and nothing stored is lost', async () => {
      const before = await db()
        .selectFrom('desk_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const cases: [string, RegExp][] = [
        ['/casse/invalide.xml', /^XML invalide \(ligne \d+\)/],
        ['/casse/encodage.xml', /^Encodage incorrect : le flux se déclare en UTF-8/],
        ['/casse/page.xml', /page HTML, pas un flux/],
        ['/casse/enorme.xml', /^Flux injoignable : plus de 5 Mo\.$/],
        ['/casse/boucle-a', /^Flux injoignable : boucle de redirections\.$/],
        ['/casse/erreur.xml', /^Flux injoignable : réponse 500\.$/],
        ['/prive/flux.xml', /robots\.txt du site interdit/],
      ];
      for (const [path, message] of cases) {
        const feed = await feedFor(`Cassé ${path}`, path);
        const outcome = await fetchFeed(ctx(), feed);
        assert.equal(outcome.ok, false, path);
        const stored = (await findFeed(db(), feed.id))!;
        assert.match(stored.last_error ?? '', message, path);
        assert.equal(stored.consecutive_failures, 1);
        assert.ok(stored.next_fetch_at > new Date(Date.now() + 20 * 60_000).toISOString(), `${path} backs off beyond its interval`);
      }
      const slow = await feedFor('Lent', '/casse/lent.xml');
      const started = Date.now();
      const outcome = await fetchFeed(ctx(), slow, 500);
      assert.ok(Date.now() - started < 2500, 'the slow server is given up on time');
      assert.equal(outcome.ok, false);
      assert.match((await findFeed(db(), slow.id))!.last_error ?? '', /pas de réponse complète/);
      const afterAll = await db()
        .selectFrom('desk_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterAll.n), Number(before.n));
    });

    test('without DESK_ALLOW_PRIVATE, a loopback feed is refused before anything is sent', async () => {
      const strict = await createTestApp({ dialect: engine.label, env: { DESK_POLITENESS_MS: '0' } });
      try {
        const sdb = strict.app.kiosque.db;
        const outletId = await insertOutlet(sdb, {
          name: 'Local',
          siteUrl: 'https://exemple.test/',
          logoUrl: null,
          language: 'fr',
          country: 'FR',
          quoteAllowed: false,
        });
        const feedId = await insertFeed(sdb, { outletId, url: `${outlets.origin}/heraut/rss.xml`, kind: 'auto', intervalMinutes: 15 });
        const seen = outlets.requests.length;
        const outcome = await fetchFeed(strict.app.kiosque, (await findFeed(sdb, feedId))!);
        assert.equal(outcome.ok, false);
        assert.equal(outlets.requests.length, seen);
      } finally {
        await strict.close();
      }
    });
  });
}
