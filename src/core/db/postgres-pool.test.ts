import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { parseTimestamptz, StatementNames } from './postgres-pool.ts';

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
