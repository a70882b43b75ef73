import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './core/config.ts';
import { openDatabase } from './core/db/database.ts';
import { infrastructureCause } from './core/db/infrastructure-errors.ts';
import { migrateToLatest } from './core/db/migrate.ts';
import { isDatabaseEmpty } from './demo/empty-database.ts';

/** Boots Kiosque: configuration, database, migrations, demo edition on an empty database, then listen. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kiosque: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  if (config.loadDemo && (await isDatabaseEmpty(database.db))) {
    const started = Date.now();
    const { seedDemo } = await import('./demo/seed.ts');
    const counts = await seedDemo(database.db, config.dataDir, { wireRoot: config.wireRoot });
    process.stdout.write(
      `Édition de démonstration chargée : ${counts.articles} articles, ${counts.people} auteurs, ${counts.images} images (${Date.now() - started} ms).\n`,
    );
  }

  const app = await buildApp({ config, database });
  // SIGTERM (systemd, a deploy): stop accepting, let requests in flight and the running job
  // finish, then exit. A shutdown stuck past 30 s exits anyway.
  const shutdown = async (signal: string) => {
    process.stdout.write(`Kiosque s’arrête (${signal}) : fin des requêtes et de la tâche en cours…\n`);
    setTimeout(() => {
      process.stderr.write('kiosque: arrêt forcé après 30 s\n');
      process.exit(1);
    }, 30_000).unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`Kiosque est prêt : http://${host}:${port}/ (base : ${database.dialect}, ${database.location})\n`);
}

main().catch((error: unknown) => {
  // A read-only or full disk, a folder that cannot be made, a database that refuses: one clear line.
  const cause = infrastructureCause(error);
  if (cause) {
    process.stderr.write(`kiosque: échec du démarrage — ${cause}\n`);
    process.exit(1);
  }
  process.stderr.write(`kiosque: échec du démarrage — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
