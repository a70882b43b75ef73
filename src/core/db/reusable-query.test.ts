import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { executeReusable } from './reusable-query.ts';

forEachDatabase('statements built once per shape', (engine) => {
  let database: TestDatabaseHandle;
  before(async () => {
    database = await engine.open();
    const now = new Date().toISOString();
    await database.db
      .insertInto('sections')
      .values(
        ['Monde', 'Culture', 'Sport'].map((name, i) => ({ name, slug: name.toLowerCase(), description: '', position: i, created_at: now })),
      )
      .execute();
  });
  after(() => database?.close());

  test('binds each call’s values into the statement built the first time', async () => {
    let builds = 0;
    const bySlug = async (slug: string, position: number) =>
      (
        await executeReusable(database.db, 'test:sections', { slug, position }, (value) => {
          builds++;
          return database.db
            .selectFrom('sections')
            .select(['name'])
            .where((eb) => eb.or([eb('slug', '=', value('slug')), eb('position', '=', value('position'))]))
            .where('description', '=', '')
            .orderBy('position');
        })
      ).map((row) => row.name);
    assert.deepEqual(await bySlug('monde', 2), ['Monde', 'Sport']);
    assert.deepEqual(await bySlug('culture', -1), ['Culture']);
    assert.equal(builds, 1);
  });

  test('refuses a stand-in put in the statement’s text', async () => {
    await assert.rejects(
      executeReusable(database.db, 'test:literal', { name: 'x' }, (value) =>
        database.db.selectFrom('sections').select(sql.lit(value('name') as string).as('n')),
      ),
      /text/,
    );
  });
});
