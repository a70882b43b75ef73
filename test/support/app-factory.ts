import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/core/config.ts';
import type { Dialect } from '../../src/core/db/database.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { openTestDatabase, type TestDatabaseHandle } from './databases.ts';

export interface TestAppOptions {
  /** Engine to run on; 'postgres' needs TEST_DATABASE_URL. Default 'sqlite'. */
  dialect?: Dialect;
  /** Load the demo publication (sections, articles, authors…). Default false: tests make their own data. */
  seed?: boolean;
  /** Page cache on (production behaviour) or off. Default true. */
  pageCache?: boolean;
  /** Clock for the demo seed, so relative dates ("il y a 2 h") are stable. */
  now?: Date;
  /** Port the app will be reachable on, so PUBLIC_URL (canonical links) is right. Default 0 (inject only). */
  port?: number;
  /** Extra environment variables for loadConfig, e.g. { PUBLIC_URL: 'https://exemple.fr' }. */
  env?: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabaseHandle;
  config: Config;
  /** Closes the app, then drops the database and removes the data directory. */
  close(): Promise<void>;
}

/** Builds the real Kiosque app on a throwaway database and data directory (migrated, optionally seeded). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // The demo is copied from a snapshot made once per run, unless a clock is given (its dates depend on it).
  const copyDemo = Boolean(options.seed && !options.now);
  const database = await openTestDatabase(options.dialect ?? 'sqlite', { demo: copyDemo });
  let app: FastifyInstance | undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      DATA_DIR: database.dataDir,
      DATABASE_URL: database.databaseUrl,
      KIOSQUE_DEMO: '0',
      PAGE_CACHE: options.pageCache === false ? '0' : '1',
      ...options.env,
    });
    if (options.seed && !copyDemo) await seedDemo(database.db, database.dataDir, { now: options.now });
    app = await buildApp({ config, database });
    await app.ready();
    const built = app;
    let closed = false;
    return {
      app: built,
      database,
      config,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await built.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
