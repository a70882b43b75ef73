import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle, createSection, createSettings } from '../../../test/support/content-factories.ts';
import { testDatabases } from '../../../test/support/databases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const engine of testDatabases()) {
  describe(`request ids and JSON logs [${engine.label}]`, () => {
    let t: TestApp;
    let path = '';
    before(async () => {
      t = await createTestApp({ dialect: engine.label });
      await createSettings(t.app.kiosque.db);
      const section = await createSection(t.app.kiosque.db, { slug: 'culture', name: 'Culture' });
      path = `/culture/${(await createArticle(t.app.kiosque.db, { section })).slug}`;
    });
    after(() => t.close());

    it('a well-formed X-Request-Id is kept and echoed; anything else is replaced by our own', async () => {
      const given = await t.app.inject({ url: path, headers: { 'x-request-id': 'varnish-1234.abcd:5' } });
      assert.equal(given.headers['x-request-id'], 'varnish-1234.abcd:5');
      // The second read comes from the page cache, written without routing: the id is there too.
      const cached = await t.app.inject({ url: path });
      assert.match(String(cached.headers['x-request-id']), UUID);
      assert.notEqual(cached.headers['x-request-id'], given.headers['x-request-id']);
      for (const bad of ['<script>', 'court', 'x'.repeat(200), 'a b c d e f g h']) {
        const response = await t.app.inject({ url: '/admin/connexion', headers: { 'x-request-id': bad } });
        assert.match(String(response.headers['x-request-id']), UUID, bad);
      }
    });

    it('a server error: one JSON log line with the request id, which the French page gives the reader', async () => {
      const lines: string[] = [];
      const app = await buildApp({
        config: { ...t.config, logLevel: 'info' },
        database: t.database,
        logStream: { write: (line) => void lines.push(line) },
      });
      await app.ready();
      try {
        await sql`alter table articles rename to articles_away`.execute(t.database.db);
        const page = await app.inject({ url: path, headers: { 'x-request-id': 'lecteur-signale-42' } });
        assert.equal(page.statusCode, 500);
        assert.equal(page.headers['cache-control'], 'no-store');
        assert.match(page.body, /Référence de l’incident\u00a0: <code>lecteur-signale-42<\/code>/);
        const logged = lines.map((line) => JSON.parse(line) as { level: number; reqId?: string; msg: string });
        const failure = logged.find((entry) => entry.msg.startsWith('request failed'));
        assert.ok(failure, lines.join(''));
        assert.equal(failure.reqId, 'lecteur-signale-42');
        assert.equal(failure.level, 50);
      } finally {
        await sql`alter table articles_away rename to articles`.execute(t.database.db);
        await app.close();
      }
    });
  });
}
