import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { countingHandle, type StatementLog } from '../../test/support/query-count.ts';
import { form, signInReader, solvedProof } from '../../test/support/readers.ts';
import type { DatabaseHandle } from '../core/db/database.ts';

forEachDatabase('comments: statements per request', (engine) => {
  let database: TestDatabaseHandle;
  let counted: DatabaseHandle;
  let log: StatementLog;
  let app: FastifyInstance;
  before(async () => {
    database = await engine.open();
    ({ handle: counted, log } = countingHandle(database));
    const config = loadConfig({
      NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl,
      KIOSQUE_DEMO: '0', PAGE_CACHE: '1', POW_MAX_NUMBER: '50',
    });
    app = await buildApp({ config, database: counted });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await database?.close();
  });

  it('probe', async () => {
    const section = await createSection(database.db);
    const article = await createArticle(database.db, { section });
    const page = await app.inject(`/${section.slug}/${article.slug}`);
    assert.equal(page.statusCode, 200);
    for (let i = 0; i < 3; i++) {
      const reader = await signInReader(app);
      const altcha = await solvedProof(app);
      log.take();
      const res = await app.inject({
        method: 'POST', url: `/commentaires/${article.id}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: reader.cookie, accept: 'application/json' },
        payload: form({ _csrf: reader.csrfToken, altcha, body: `Un avis numéro ${i} sur la question.` }),
      });
      const statements = log.take();
      console.log(res.statusCode, statements.length, '\n' + statements.map((s) => s.slice(0, 200)).join('\n'));
    }
    log.take();
    await app.inject(`/${section.slug}/${article.slug}`);
    const st = log.take();
    console.log('page', st.length, '\n' + st.map((s) => s.slice(0, 200)).join('\n'));
  });
});
