import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite-adapter.ts';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL host. */
  location: string;
  close(): Promise<void>;
}

/** The embedded database's file under a data directory. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'kiosque.sqlite');
}

/** True when the migrations have run on this database at least once (false for a new, empty one). */
export async function hasBeenMigrated(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((table) => table.name === 'kysely_migration');
}

/** Opens PostgreSQL when a URL is given, else the embedded SQLite file under dataDir. */
export function openDatabase(options: { databaseUrl?: string; dataDir: string; poolSize?: number }): DatabaseHandle {
  if (options.databaseUrl) {
    const { databaseUrl, poolSize = 10 } = options;
    // The PostgreSQL driver is loaded with the first query: a server on SQLite never loads it.
    const pool = async () => (await import('./postgres-pool.ts')).openPostgresPool(databaseUrl, poolSize);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return { db, dialect: 'postgres', location: `${url.hostname}:${url.port || 5432}${url.pathname}`, close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = sqliteFile(options.dataDir);
  const { database } = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}
