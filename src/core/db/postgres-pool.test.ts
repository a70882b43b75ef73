import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase, openTestDatabase, postgresAdminUrl, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { CUSTOM_PLAN_MARK, parseTimestamptz, StatementNames } from './postgres-pool.ts';

it('reads a UTC timestamptz as Date would, to the millisecond', () => {
  for (const text of [
    '2026-12-03 17:09:07+00',
    '2026-12-03 17:09:07.1+00',
    '2026-12-03 17:09:07.12+00',
    '2026-12-03 17:09:07.123+00',
    '2026-12-03 17:09:07.123456+00',
    '2026-12-31 23:59:59.999999+00',
    '2026-12-03 18:09:07.5+01',
    '2026-12-03 12:39:07.25-04:30',
  ]) {
    assert.equal(parseTimestamptz(text), new Date(text).toISOString(), text);
  }
});

it('names a statement from its second use, the same name every time, and never a one-off or a DDL', () => {
  const names = new StatementNames();
  const select = 'select "id" from "articles" where "id" = $1';
  assert.equal(names.nameOf(select), undefined);
  const name = names.nameOf(select);
  assert.ok(name);
  assert.equal(names.nameOf(select), name);
  assert.notEqual(names.nameOf('select 2') ?? names.nameOf('select 2'), name);
  const ddl = 'create table "x" ("a" integer)';
  assert.equal(names.nameOf(ddl) ?? names.nameOf(ddl), undefined);
});

forEachDatabase('statements prepared once, run many times', (engine) => {
  let database: TestDatabaseHandle;
  before(async () => {
    database = await engine.open({ migrate: false });
  });
  after(() => database.close());

  it('answers the same rows, timestamps as ISO strings, and survives a column added under a prepared statement', async () => {
    const db = database.db;
    const ts = database.dialect === 'postgres' ? sql`timestamptz` : sql`text`;
    await sql`create table probe (id integer primary key, at ${ts} not null)`.execute(db);
    await sql`insert into probe (id, at) values (1, '2026-12-03T17:09:07.123Z'), (2, '2026-12-04T00:00:00.000Z')`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from probe where id >= ${1} order by id`.execute(db);
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(
        (await read()).rows.map((r) => ({ ...r })),
        [
          { id: 1, at: '2026-12-03T17:09:07.123Z' },
          { id: 2, at: '2026-12-04T00:00:00.000Z' },
        ],
      );
    }
    // A migration run by another instance changes the columns a prepared "select *" returns.
    await sql`alter table probe add column note text`.execute(db);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(
        (await read()).rows.map((r) => Object.keys(r).sort()),
        [
          ['at', 'id', 'note'],
          ['at', 'id', 'note'],
        ],
      );
    }
  });
});

// PostgreSQL's session settings: only where PostgreSQL is tested (TEST_DATABASE_URL).
if (postgresAdminUrl())
  describe('PostgreSQL session of the pool', () => {
    it('plans a statement once for any values (generic plans), in a UTC session', async () => {
      const database = await openTestDatabase('postgres', { migrate: false });
      try {
        const settings = await sql<{
          mode: string;
          zone: string;
        }>`select current_setting('plan_cache_mode') as mode, current_setting('TimeZone') as zone`.execute(database.db);
        assert.deepEqual({ ...settings.rows[0] }, { mode: 'force_generic_plan', zone: 'UTC' });
        // A statement marked for custom plans runs with them; the session's mode comes back after
        // it, and after one that fails, in a transaction or not.
        const mode = sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode ${sql.raw(CUSTOM_PLAN_MARK)}`;
        const unmarked = sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`;
        for (let i = 0; i < 3; i++) assert.equal((await mode.execute(database.db)).rows[0]?.mode, 'force_custom_plan');
        assert.equal((await unmarked.execute(database.db)).rows[0]?.mode, 'force_generic_plan');
        const failing = sql`select 1 / 0 ${sql.raw(CUSTOM_PLAN_MARK)}`;
        await assert.rejects(failing.execute(database.db), /division by zero/);
        await assert.rejects(
          database.db.transaction().execute((trx) => failing.execute(trx)),
          /division by zero/,
        );
        await database.db.transaction().execute(async (trx) => {
          assert.equal((await mode.execute(trx)).rows[0]?.mode, 'force_custom_plan');
          assert.equal((await unmarked.execute(trx)).rows[0]?.mode, 'force_generic_plan');
        });
        const modes = await Promise.all(Array.from({ length: 12 }, () => unmarked.execute(database.db)));
        assert.deepEqual(new Set(modes.map((r) => r.rows[0]?.mode)), new Set(['force_generic_plan']));
      } finally {
        await database.close();
      }
    });
  });
