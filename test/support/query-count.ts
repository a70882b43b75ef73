import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type DatabaseHandle, sqliteFile } from '../../src/core/db/database.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { openPostgresPool } from '../../src/core/db/postgres-pool.ts';
import { openSqlite } from '../../src/core/db/sqlite-adapter.ts';
import type { TestDatabaseHandle } from './databases.ts';

/**
 * THE way tests count statements: those sent to the database through a handle (countingHandle)
 * on behalf of one piece of work or one request, BEGIN and COMMIT included (each a round trip on
 * PostgreSQL). Only those of that work: the statements of the job runner's and the invalidation
 * bus's polls, running beside it, are left out (each piece of work has its own async context).
 */
export class StatementLog {
  readonly #context = new AsyncLocalStorage<string[]>();
  /** The statements of the latest request to each URL, once `track` is on. */
  readonly byUrl = new Map<string, string[]>();

  record(sql: string): void {
    this.#context.getStore()?.push(sql);
  }

  /** Runs `work` and returns its result with the statements it sent, in order. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const statements: string[] = [];
    const result = await this.#context.run(statements, work);
    return { result, statements };
  }

  /** Logs every request of `app` on its own, from its first hook, in `byUrl` (call before the app is ready). */
  track(app: FastifyInstance): void {
    app.addHook('onRequest', (request, _reply, done) => {
      const statements: string[] = [];
      this.byUrl.set(request.url, statements);
      this.#context.enterWith(statements);
      done();
    });
  }
}

/**
 * A second handle on the same test database whose every statement is logged at the connection,
 * below Kysely's plugins, so transactions' BEGIN, COMMIT and ROLLBACK count as the round trips they are.
 */
export function countingHandle(database: TestDatabaseHandle): { handle: DatabaseHandle; log: StatementLog } {
  const log = new StatementLog();
  const url = database.databaseUrl;
  const dialect = url
    ? new PostgresDialect({ pool: () => openPostgresPool(url, 4) })
    : new SqliteDialect({ database: openSqlite(sqliteFile(database.dataDir)).database });
  const db = new Kysely<Database>({ dialect, log: (event) => log.record(event.query.sql) });
  return { handle: { db, dialect: database.dialect, location: database.location, close: () => db.destroy() }, log };
}
