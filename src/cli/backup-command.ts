import fs from 'node:fs';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import type { Config } from '../core/config.ts';

const DATABASE_FILE = 'kiosque.sqlite';
const MANIFEST = 'kiosque-sauvegarde.json';

/** A backup or restore that cannot be done, in French for the command line. */
export class BackupError extends Error {}

/**
 * `npm run kiosque -- backup DOSSIER`: a consistent copy of the SQLite database taken while the
 * site runs (SQLite's online backup, through node:sqlite), then every other file of DATA_DIR
 * (images and their variants, sounds, videos, mail). PostgreSQL is backed up with its own tools.
 */
export async function backupDataDir(config: Config, destination: string): Promise<{ pages: number; files: number }> {
  if (config.databaseUrl) {
    throw new BackupError('la base est PostgreSQL : sauvegardez-la avec pg_dump -Fc (voir docs/production.md), et DATA_DIR avec rsync.');
  }
  const source = path.join(config.dataDir, DATABASE_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`aucune base à sauvegarder dans ${config.dataDir}.`);
  if (fs.existsSync(destination) && fs.readdirSync(destination).length > 0)
    throw new BackupError(`le dossier ${destination} n’est pas vide.`);
  fs.mkdirSync(destination, { recursive: true });
  const database = new DatabaseSync(source, { readOnly: true });
  let pages: number;
  try {
    pages = await backup(database, path.join(destination, DATABASE_FILE));
  } finally {
    database.close();
  }
  let files = 0;
  fs.cpSync(config.dataDir, destination, {
    recursive: true,
    filter: (from) => {
      const name = path.relative(config.dataDir, from);
      if (name === DATABASE_FILE || name.startsWith(`${DATABASE_FILE}-`)) return false;
      if (fs.statSync(from).isFile()) files++;
      return true;
    },
  });
  fs.writeFileSync(path.join(destination, MANIFEST), `${JSON.stringify({ createdAt: new Date().toISOString(), pages, files }, null, 2)}\n`);
  return { pages, files };
}

/** `npm run kiosque -- restore DOSSIER`: puts a backup into an empty DATA_DIR (never over a live one). */
export function restoreDataDir(config: Config, source: string): { files: number } {
  if (!fs.existsSync(path.join(source, MANIFEST)) || !fs.existsSync(path.join(source, DATABASE_FILE))) {
    throw new BackupError(`${source} n’est pas une sauvegarde de Kiosque (${MANIFEST} ou ${DATABASE_FILE} manquant).`);
  }
  if (fs.existsSync(path.join(config.dataDir, DATABASE_FILE))) {
    throw new BackupError(`${config.dataDir} contient déjà une base : restaurez dans un dossier vide (DATA_DIR=…).`);
  }
  let files = 0;
  fs.cpSync(source, config.dataDir, {
    recursive: true,
    filter: (from) => {
      if (path.basename(from) === MANIFEST) return false;
      if (fs.statSync(from).isFile()) files++;
      return true;
    },
  });
  return { files };
}
