import fs from 'node:fs/promises';
import path from 'node:path';
import type { WireFormat } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { parseWireDocument } from './parse-wire.ts';
import { WIRE_MAX_BYTES, type WireItem, WireFileError } from './wire-item.ts';

// The watched folder, where an agency's FTP/SFTP drop writes its files. A file is taken once it is
// complete: names of files still being uploaded (dot files, .tmp, .part, .filepart…, the
// temp-then-rename convention of FTP servers and SFTP clients) are skipped, and so is a file
// written less than SETTLE_MS ago (a writer that appends in place). Each file read is moved to
// processed/, or to failed/ beside a .erreur.txt saying why in French; a file is never read twice.

/** A file modified this recently may still be growing: left for the next poll. */
export const SETTLE_MS = 2000;
export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';

const IN_PROGRESS = /(?:\.tmp|\.part|\.partial|\.filepart|\.crdownload|\.lock|~)$/i;

/** True when `folder` is a folder strictly below `root` (the watched folders' only place, WIRE_ROOT). */
export function isInside(root: string, folder: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(folder));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * A watched folder as stored: relative to the wire's root (WIRE_ROOT, by default DATA_DIR/agences),
 * so moving the data directory, or restoring it elsewhere, keeps every agency's folder.
 */
export function storedFolder(root: string, folder: string): string {
  return path.relative(path.resolve(root), path.resolve(root, folder));
}

/** A stored folder as a path on disk, resolved at each poll (an absolute one, stored before, stays as is). */
export function folderOnDisk(root: string, stored: string): string {
  return path.resolve(root, stored);
}

/** What one folder pass did. */
export interface FolderPass {
  items: number;
  failed: { file: string; reason: string }[];
}

/** Moves a file out of the inbox; false when another process moved it first. */
async function moveTo(folder: string, sub: string, name: string): Promise<string | false> {
  const dir = path.join(folder, sub);
  await fs.mkdir(dir, { recursive: true });
  let target = path.join(dir, name);
  for (
    let n = 1;
    await fs.stat(target).then(
      () => true,
      () => false,
    );
    n++
  )
    target = path.join(dir, `${name}.${n}`);
  try {
    await fs.rename(path.join(folder, name), target);
    return target;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The files ready to be read, oldest first. */
async function readyFiles(folder: string, now: number): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  const files: { name: string; mtime: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || IN_PROGRESS.test(entry.name)) continue;
    const stat = await fs.stat(path.join(folder, entry.name)).catch(() => null);
    if (!stat || now - stat.mtimeMs < SETTLE_MS) continue;
    files.push({ name: entry.name, mtime: stat.mtimeMs });
  }
  return files.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name)).map((f) => f.name);
}

/** A file's items, or the French reason it cannot be read (read only up to the size limit). */
async function readItems(file: string, format: WireFormat): Promise<WireItem[]> {
  const stat = await fs.stat(file);
  if (stat.size > WIRE_MAX_BYTES)
    throw new WireFileError(
      `fichier trop volumineux (${(stat.size / 1024 / 1024).toFixed(1)} Mo ; ${WIRE_MAX_BYTES / 1024 / 1024} Mo au plus)`,
    );
  return parseWireDocument(await fs.readFile(file), format);
}

/**
 * Reads every ready file of the folder, applies its items in order, and moves it to processed/ or
 * failed/. A file whose items could not all be applied for a passing reason (database down) stays
 * where it is for the next poll: items already applied are then ignored by their version.
 */
export async function passFolder(
  root: string,
  folder: string,
  format: WireFormat,
  apply: (item: WireItem) => Promise<unknown>,
  now = Date.now(),
): Promise<FolderPass> {
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw new WireFileError(`dossier surveillé introuvable : ${folder}`);
  // Checked again on the real path at each pass: a link (or a changed WIRE_ROOT) never lets the
  // wire move files out of another folder (the database's, the media's).
  const real = await fs.realpath(folder);
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  if (!isInside(realRoot, real)) throw new WireFileError(`dossier surveillé hors de ${root} (réglage WIRE_ROOT) : ${folder}`);
  const pass: FolderPass = { items: 0, failed: [] };
  for (const name of await readyFiles(folder, now)) {
    const file = path.join(folder, name);
    let reason: string | null = null;
    let count = 0;
    try {
      const items = await readItems(file, format);
      for (const item of items) await apply(item);
      count = items.length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // taken by another process
      // Unreadable file, or an item the article rules refuse: failed/. Disk or database: next poll.
      if (error instanceof WireFileError) reason = error.message;
      else if (error instanceof AppError && error.status < 500) reason = `dépêche refusée : ${error.message}`;
      else throw error;
    }
    if (reason === null) {
      // Counted by whichever process moves it (two may have read it at once).
      if (await moveTo(folder, PROCESSED_DIR, name)) pass.items += count;
    } else {
      const moved = await moveTo(folder, FAILED_DIR, name);
      if (moved) await fs.writeFile(`${moved}.erreur.txt`, `${name} : ${reason}\n`);
      pass.failed.push({ file: name, reason });
    }
  }
  return pass;
}
