import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/** True when the migration runs on PostgreSQL (migrations must not import application code). */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds an auto-incrementing integer primary key named id, in each engine's own way. */
export function idColumn<T extends string>(
  _db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
  pg: boolean,
): CreateTableBuilder<T, 'id'> {
  return pg
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
