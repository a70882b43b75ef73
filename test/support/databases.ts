import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { copySqliteDemo, createPostgresDemo } from './demo-snapshot.ts';
import { createDatabase, dropDatabase, runDatabasePrefix, withDatabaseName } from './postgres-admin.ts';

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
  open(options?: OpenOptions): Promise<TestDatabaseHandle>;
}

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

/** Options for a fresh test database. */
export interface OpenOptions {
  /** Apply the migrations (default true). */
  migrate?: boolean;
  /** Start from a copy of the demo edition (migrated and seeded once per run, see demo-snapshot.ts). */
  demo?: boolean;
}

/** Opens a fresh database of the given engine; PostgreSQL needs TEST_DATABASE_URL. */
export async function openTestDatabase(dialect: Dialect, options: OpenOptions = {}): Promise<TestDatabaseHandle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-'));
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const runId = process.env.KIOSQUE_TEST_RUN_ID;
  let databaseUrl: string | undefined;
  let drop = async () => {};
  // Seeded here only when no copy of the demo can be made (PostgreSQL outside scripts/test.ts).
  let seedAfterOpen = false;
  try {
    if (dialect === 'postgres') {
      const adminUrl = postgresAdminUrl();
      if (!adminUrl) throw new Error('TEST_DATABASE_URL est requis pour les tests PostgreSQL.');
      const name = `${runDatabasePrefix(runId ?? 'manual')}${crypto.randomBytes(6).toString('hex')}`;
      if (options.demo && runId) await createPostgresDemo(adminUrl, runId, name, dataDir);
      else await createDatabase(adminUrl, name);
      seedAfterOpen = Boolean(options.demo && !runId);
      databaseUrl = withDatabaseName(adminUrl, name);
      drop = () => dropDatabase(adminUrl, name);
    } else if (options.demo) {
      await copySqliteDemo(dataDir);
    }
  } catch (error) {
    removeDataDir();
    throw error;
  }

  const handle = openDatabase({ databaseUrl, dataDir, poolSize: 4 });
  try {
    if (options.migrate !== false || options.demo) await migrateToLatest(handle.db);
    if (seedAfterOpen) await seedDemo(handle.db, dataDir);
  } catch (error) {
    await handle.close();
    await drop();
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
        await drop();
      } finally {
        removeDataDir();
      }
    },
  };
}
