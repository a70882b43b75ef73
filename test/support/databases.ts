import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';

/** A database opened for one test: a DatabaseHandle whose close() also throws the data away. */
export interface TestDatabaseHandle extends DatabaseHandle {
  /** A fresh temporary directory (SQLite file, media), removed on close. */
  dataDir: string;
  /** The PostgreSQL URL of the throwaway database, undefined for SQLite. */
  databaseUrl: string | undefined;
}

/** One engine the tests can run against. */
export interface TestDatabase {
  label: Dialect;
  /** Opens a brand-new, empty database (migrated unless told otherwise). */
  open(options?: { migrate?: boolean }): Promise<TestDatabaseHandle>;
}

/** Prefix of every database the harness creates; scripts/test.ts drops leftovers of its run by it. */
export const TEST_DATABASE_PREFIX = 'kiosque_test_';

/** The PostgreSQL admin URL (TEST_DATABASE_URL), or undefined when PostgreSQL tests are off. */
export function postgresAdminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** The engines to test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  const engines: TestDatabase[] = [{ label: 'sqlite', open: (o) => openTestDatabase('sqlite', o) }];
  if (postgresAdminUrl()) engines.push({ label: 'postgres', open: (o) => openTestDatabase('postgres', o) });
  return engines;
}

/** Declares one `describe` block per engine, e.g. "comments [sqlite]" and "comments [postgres]". */
export function forEachDatabase(name: string, fn: (database: TestDatabase) => void): void {
  for (const database of testDatabases()) {
    describe(`${name} [${database.label}]`, () => fn(database));
  }
}

/** Opens a fresh database of the given engine; PostgreSQL needs TEST_DATABASE_URL. */
export async function openTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabaseHandle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (dialect === 'postgres') {
    const adminUrl = postgresAdminUrl();
    if (!adminUrl) throw new Error('TEST_DATABASE_URL est requis pour les tests PostgreSQL.');
    const name = uniqueDatabaseName();
    await createDatabase(adminUrl, name);
    databaseUrl = withDatabaseName(adminUrl, name);
    dropDatabase = () => dropPostgresDatabase(adminUrl, name);
  }
  const handle = openDatabase({ databaseUrl, dataDir, poolSize: 4 });
  try {
    if (options.migrate !== false) await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    await dropDatabase();
    removeDataDir();
    throw error;
  }
  let closed = false;
  return {
    ...handle,
    dataDir,
    databaseUrl,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await handle.close();
        await dropDatabase();
      } finally {
        removeDataDir();
      }
    },
  };
}

/**
 * A name unique across parallel test files and runs. It carries the run id set by
 * scripts/test.ts so that the runner can drop what a crashed test file left behind.
 */
function uniqueDatabaseName(): string {
  return `${runDatabasePrefix(process.env.KIOSQUE_TEST_RUN_ID ?? 'manual')}${crypto.randomBytes(6).toString('hex')}`;
}

/** The admin URL pointed at another database on the same server. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  // Two CREATE DATABASE at the same instant can collide on template1 ("being accessed by other users"): retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 5 || !/being accessed by other users/.test(message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Drops a test database even if a connection is still open (PostgreSQL 13+ FORCE). */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Nom de base inattendu : ${name}`);
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops every database whose name starts with the prefix; used by the runner after a run. */
export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<string[]> {
  const names = await withAdminClient(adminUrl, async (c) => {
    const result = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    return result.rows.map((r) => r.datname);
  });
  for (const name of names) await dropPostgresDatabase(adminUrl, name);
  return names;
}

/** The run id part of database names, as uniqueDatabaseName() writes it. */
export function runDatabasePrefix(runId: string): string {
  return `${TEST_DATABASE_PREFIX}${runId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 16)}_`;
}
