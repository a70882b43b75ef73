import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/core/db/database.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createDatabase, dropDatabase, runDatabasePrefix, withDatabaseName } from './postgres-admin.ts';

// Loading the demo edition takes many seconds (it rasterises dozens of images): far too long to
// repeat for every test app. It is loaded once per run and copied: for SQLite the whole data
// directory; for PostgreSQL the seeded database is the template of CREATE DATABASE, and its media
// directory is copied. Test files run in parallel processes, so the first one that needs a
// snapshot builds it while the others wait (a lock directory for SQLite, an advisory lock for
// PostgreSQL).

const WAIT_LIMIT_MS = 5 * 60_000;
const READY = '.ready';
const FAILED = '.failed';

let processRoot: string | undefined;

/**
 * Where snapshots live: the folder scripts/test.ts makes for the whole run, or, when a test file
 * is run on its own, a folder private to this process, removed when it exits.
 */
function snapshotRoot(): string {
  const shared = process.env.KIOSQUE_TEST_SNAPSHOT_DIR;
  if (shared) {
    fs.mkdirSync(shared, { recursive: true });
    return shared;
  }
  if (!processRoot) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-snapshot-'));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    processRoot = root;
  }
  return processRoot;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Copies a directory's content, without the snapshot markers, into another directory. */
function copyDirectory(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    if (entry === READY || entry === FAILED) continue;
    fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true });
  }
}

/** Seeds a fresh directory once across processes: the first caller takes the lock (mkdir is atomic), the others wait. */
async function buildOnce(directory: string, build: (directory: string) => Promise<void>): Promise<void> {
  const ready = path.join(directory, READY);
  const failed = path.join(directory, FAILED);
  if (fs.existsSync(ready)) return;
  try {
    fs.mkdirSync(`${directory}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (!fs.existsSync(ready)) {
      if (fs.existsSync(failed)) throw new Error(`La démo n'a pas pu être préparée :\n${fs.readFileSync(failed, 'utf8')}`);
      if (Date.now() > deadline) throw new Error(`Attente de la démo trop longue (${directory}).`);
      await sleep(200);
    }
    return;
  }
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });
  try {
    await build(directory);
    fs.writeFileSync(ready, '');
  } catch (error) {
    fs.writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

/** Runs make() once per process for a key, forgetting failures so that a later call retries. */
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  let promise = memo.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = make();
    memo.set(key, promise);
    promise.catch(() => memo.delete(key));
  }
  return promise;
}

/** Migrates and seeds an open database whose data directory is dataDir. */
async function seedInto(options: { databaseUrl?: string; dataDir: string }): Promise<void> {
  const handle = openDatabase({ ...options, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, options.dataDir);
  } finally {
    await handle.close();
  }
}

/** Fills a fresh, not yet opened SQLite data directory with a copy of the demo edition. */
export async function copySqliteDemo(dataDir: string): Promise<void> {
  const snapshot = await once('sqlite', async () => {
    const directory = path.join(snapshotRoot(), 'sqlite-demo');
    await buildOnce(directory, (dir) => seedInto({ dataDir: dir }));
    return directory;
  });
  copyDirectory(snapshot, dataDir);
}

/**
 * Creates database `name` as a copy of the run's seeded PostgreSQL template (built on first use,
 * under an advisory lock) and copies the demo media into dataDir. Needs the run id that
 * scripts/test.ts sets, so that the runner drops the template afterwards.
 */
export async function createPostgresDemo(adminUrl: string, runId: string, name: string, dataDir: string): Promise<void> {
  const template = `${runDatabasePrefix(runId)}demo`;
  const mediaDir = path.join(snapshotRoot(), 'postgres-demo');
  await once(`postgres:${template}`, async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        // Seeded under another name and renamed once complete: if the template exists, it is ready.
        const building = `${template}_build`;
        await dropDatabase(adminUrl, building);
        fs.rmSync(mediaDir, { recursive: true, force: true });
        fs.mkdirSync(mediaDir, { recursive: true });
        await createDatabase(adminUrl, building);
        await seedInto({ databaseUrl: withDatabaseName(adminUrl, building), dataDir: mediaDir });
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]).catch(() => {});
      await client.end();
    }
  });
  await createDatabase(adminUrl, name, template);
  copyDirectory(mediaDir, dataDir);
}
