import { DatabaseSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Wraps node:sqlite so Kysely's SqliteDialect can drive it. */
export function openSqlite(file: string): { database: SqliteDatabase; raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  const database: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const statement = raw.prepare(sql);
      const reader = statement.columns().length > 0;
      return {
        reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(...(parameters as never[])) as unknown[],
        run: (parameters: ReadonlyArray<unknown>) => {
          const r = statement.run(...(parameters as never[]));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (parameters: ReadonlyArray<unknown>) =>
          statement.iterate(...(parameters as never[])) as IterableIterator<unknown>,
      };
    },
  };
  return { database, raw };
}
