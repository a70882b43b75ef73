import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { registerTextFolding } from './text-match.ts';

const MAX_CACHED_STATEMENTS = 1000;

/** Wraps node:sqlite so Kysely's SqliteDialect can drive it. */
export function openSqlite(file: string): { database: SqliteDatabase; raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  registerTextFolding(raw);
  // Kysely prepares every query anew; preparing is a large share of a simple query's cost, and the
  // application sends the same few hundred SQL texts again and again, so statements are reused.
  const statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  const database: SqliteDatabase = {
    close: () => {
      statements.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      let cached = statements.get(sql);
      if (!cached) {
        const prepared = raw.prepare(sql);
        cached = { statement: prepared, reader: prepared.columns().length > 0 };
        if (statements.size >= MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value as string);
        statements.set(sql, cached);
      }
      const { statement, reader } = cached;
      return {
        reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(...(parameters as never[])) as unknown[],
        run: (parameters: ReadonlyArray<unknown>) => {
          const r = statement.run(...(parameters as never[]));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(...(parameters as never[])) as IterableIterator<unknown>,
      };
    },
  };
  return { database, raw };
}
