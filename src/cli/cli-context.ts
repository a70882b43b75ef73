import { AssetRegistry } from '../core/assets/asset-registry.ts';
import type { AppContext } from '../core/app-context.ts';
import { startInvalidationBus } from '../core/cache/invalidation-bus.ts';
import { PageCache } from '../core/cache/page-cache.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { createPageResponder } from '../core/http/page-response.ts';

/**
 * The context a command runs in: the same configuration (DATA_DIR, DATABASE_URL) and operations
 * as the server, without HTTP. Its own page cache is off; its invalidations are written to the
 * database, where running servers read them within a second (core/cache/invalidation-bus.ts).
 */
export async function openCliContext(
  env: Record<string, string | undefined> = process.env,
): Promise<{ ctx: AppContext; close(): Promise<void> }> {
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
  const invalidations = startInvalidationBus(database.db, pageCache, { pollMs: 60_000 });
  return {
    ctx,
    close: async () => {
      await invalidations.stop();
      await database.close();
    },
  };
}
