import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type DatabaseHandle, sqliteFile } from '../../src/core/db/database.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { openPostgresPool } from '../../src/core/db/postgres-pool.ts';
import { openSqlite } from '../../src/core/db/sqlite-adapter.ts';
import type { TestDatabaseHandle } from './databases.ts';

/** Every statement sent to the database through a handle, BEGIN and COMMIT included (each a round trip on PostgreSQL). */
export class StatementLog {
  #statements: string[] = [];

  record(sql: string): void {
    this.#statements.push(sql);
  }

  /** The statements sent since the last call, forgotten afterwards. */
  take(): string[] {
    const taken = this.#statements;
    this.#statements = [];
    return taken;
  }
}

/**
 * A second handle on the same test database whose every statement is logged at the connection,
 * below Kysely's plugins, so transactions' BEGIN, COMMIT and ROLLBACK count as the round trips they are.
 */
export function countingHandle(database: TestDatabaseHandle): { handle: DatabaseHandle; log: StatementLog } {
  const log = new StatementLog();
  const dialect = database.databaseUrl
    ? new PostgresDialect({ pool: openPostgresPool(database.databaseUrl, 4) })
    : new SqliteDialect({ database: openSqlite(sqliteFile(database.dataDir)).database });
  const db = new Kysely<Database>({ dialect, log: (event) => log.record(event.query.sql) });
  return { handle: { db, dialect: database.dialect, location: database.location, close: () => db.destroy() }, log };
}
