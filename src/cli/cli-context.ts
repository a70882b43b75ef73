import { databaseRateLimiter } from '../core/rate-limit/rate-limiter.ts';
import { AssetRegistry } from '../core/assets/asset-registry.ts';
import type { AppContext } from '../core/app-context.ts';
import { startInvalidationBus } from '../core/cache/invalidation-bus.ts';
import { PageCache } from '../core/cache/page-cache.ts';
import { FRAGMENTS_KEPT, TaggedMemo } from '../core/cache/tagged-memo.ts';
import { type Config, loadConfig } from '../core/config.ts';
import fs from 'node:fs';
import { type Dialect, hasBeenMigrated, openDatabase, sqliteFile } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { createPageResponder } from '../core/http/page-response.ts';

/** The command would have written into a database that does not exist yet (a wrong DATA_DIR or DATABASE_URL, most likely). */
export class MissingDatabaseError extends Error {}

/** Which database a command works on, for its first line of output. */
export interface DatabaseDescription {
  dialect: Dialect;
  location: string;
}

/** "SQLite, data/kiosque.sqlite" or "PostgreSQL, db.exemple.fr:5432/kiosque". */
export function describeDatabase(database: DatabaseDescription): string {
  return `${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${database.location}`;
}

/**
 * The context a command runs in: the same configuration (DATA_DIR, DATABASE_URL) and operations
 * as the server, without HTTP. Its own page cache is off; its invalidations are written to the
 * database, where running servers read them within a second (core/cache/invalidation-bus.ts).
 */
export async function openCliContext(
  env: Record<string, string | undefined> = process.env,
  options: { mustExist?: boolean } = {},
): Promise<{ ctx: AppContext; database: DatabaseDescription; close(): Promise<void> }> {
  const config: Config = loadConfig(env);
  const missing = (location: string) =>
    new MissingDatabaseError(
      `aucune base Kiosque à ${location} (DATA_DIR=${config.dataDir}${config.databaseUrl ? ', DATABASE_URL défini' : ''}) : rien n’a été importé. Vérifiez DATA_DIR ou DATABASE_URL ; pour créer une base neuve et y importer, ajoutez --create.`,
    );
  // Checked before opening: opening SQLite would create the file.
  if (options.mustExist && !config.databaseUrl && !fs.existsSync(sqliteFile(config.dataDir))) throw missing(sqliteFile(config.dataDir));
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.mustExist && !(await hasBeenMigrated(database.db))) throw missing(database.location);
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const pageCache = new PageCache({ enabled: false });
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    pageCache,
    memo: new TaggedMemo(pageCache),
    fragments: new TaggedMemo(pageCache, FRAGMENTS_KEPT),
    pages: createPageResponder(pageCache, {}),
    assets: new AssetRegistry(),
    htmlHeaders: {},
    rateLimiter: databaseRateLimiter(database.db),
  };
  const invalidations = startInvalidationBus(database.db, pageCache, { pollMs: 60_000 });
  return {
    ctx,
    database: { dialect: database.dialect, location: database.location },
    close: async () => {
      await invalidations.stop();
      await database.close();
    },
  };
}
