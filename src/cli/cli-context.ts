import { AssetRegistry } from '../core/assets/asset-registry.ts';
import type { AppContext } from '../core/app-context.ts';
import { PageCache } from '../core/cache/page-cache.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { createPageResponder } from '../core/http/page-response.ts';

/**
 * The context a command runs in: the same configuration (DATA_DIR, DATABASE_URL) and operations
 * as the server, without HTTP. Its page cache is off: the running server's cache is its own
 * (see README, "Import et API").
 */
export async function openCliContext(env: Record<string, string | undefined> = process.env): Promise<{ ctx: AppContext; close(): Promise<void> }> {
  const config: Config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
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
    pages: createPageResponder(pageCache, {}),
    assets: new AssetRegistry(),
    htmlHeaders: {},
  };
  return { ctx, close: () => database.close() };
}
