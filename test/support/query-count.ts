import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type DatabaseHandle, sqliteFile } from '../../src/core/db/database.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { openPostgresPool } from '../../src/core/db/postgres-pool.ts';
import { openSqlite } from '../../src/core/db/sqlite-adapter.ts';
import type { TestDatabaseHandle } from './databases.ts';

/**
 * The statements sent to the database through a handle while a piece of work runs, BEGIN and
 * COMMIT included (each a round trip on PostgreSQL). Only those of that work: the statements of
 * the job runner's and the invalidation bus's polls, running beside it, are left out.
 */
export class StatementLog {
  readonly #context = new AsyncLocalStorage<string[]>();

  record(sql: string): void {
    this.#context.getStore()?.push(sql);
  }

  /** Runs `work` and returns its result with the statements it sent, in order. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const statements: string[] = [];
    const result = await this.#context.run(statements, work);
    return { result, statements };
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
