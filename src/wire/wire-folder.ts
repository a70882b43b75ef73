import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { WireFormat } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { parseWireDocument } from './parse-wire.ts';
import { deliveredPhotoPath, WIRE_MAX_BYTES, type WireItem, WireFileError } from './wire-item.ts';

// The watched folder, where an agency's FTP/SFTP drop writes its files. A file is taken once it is
// complete: names of files still being uploaded (dot files, .tmp, .part, .filepart…, the
// temp-then-rename convention of FTP servers and SFTP clients) are skipped, and so is a file
// written less than SETTLE_MS ago (a writer that appends in place). Each file read is moved to
// processed/, or to failed/ beside a .erreur.txt saying why in French; a file is never read twice.
// Photos delivered with the items (pictures beside the files, or in a subfolder, named by the
// items' relative references) are never read as dépêches: once the file that names them is read,
// each is kept under processed/photos/ by its content's hash (so a photo sent again is the same
// file) and the items point there, for when they are published, even days later.

/** A file modified this recently may still be growing: left for the next poll. */
export const SETTLE_MS = 2000;
export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';
/** Where delivered photos are kept, inside the agency's folder, named by their content. */
export const PHOTOS_DIR = `${PROCESSED_DIR}/photos`;
/** A delivered photo larger than this is left where it is (its dépêche says it is too heavy). */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

const IN_PROGRESS = /(?:\.tmp|\.part|\.partial|\.filepart|\.crdownload|\.lock|~)$/i;
/** Pictures delivered beside the dépêches: never read as a dépêche file. */
const PICTURE = /\.(?:jpe?g|png|gif|webp|avif|tiff?|heic)$/i;

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
    if (!entry.isFile() || entry.name.startsWith('.') || IN_PROGRESS.test(entry.name) || PICTURE.test(entry.name)) continue;
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

/** The delivered photos of a pass: where each was kept, by its path in the inbox. */
type KeptPhotos = Map<string, string>;

/**
 * Keeps the photos the items name under processed/photos/ (by content) and points the items at
 * them. False when one is still being written: the file waits for the next poll. A photo that is
 * not there (not delivered yet, or too big) keeps its reference: publishing says why it is missing.
 */
async function keepDeliveredPhotos(folder: string, items: WireItem[], photos: KeptPhotos, now: number): Promise<boolean> {
  for (const item of items) {
    for (const photo of item.photos) {
      const relative = deliveredPhotoPath(photo.href);
      if (relative === null || relative.startsWith(`${PHOTOS_DIR}/`)) continue;
      const known = photos.get(relative);
      if (known) {
        photo.href = known;
        continue;
      }
      // A link inside the drop never leads the wire to a file out of it.
      const source = await fs.realpath(path.join(folder, relative)).catch(() => null);
      if (source === null || !isInside(folder, source)) continue;
      const stat = await fs.stat(source).catch(() => null);
      if (!stat?.isFile() || stat.size > MAX_PHOTO_BYTES) continue;
      if (now - stat.mtimeMs < SETTLE_MS) return false;
      const bytes = await fs.readFile(source);
      const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);
      const extension = /\.[a-z\d]{1,5}$/i.exec(relative)?.[0].toLowerCase() ?? '';
      const kept = `${PHOTOS_DIR}/${hash}${extension}`;
      const target = path.join(folder, kept);
      if (!(await fs.stat(target).catch(() => null))) {
        await fs.mkdir(path.dirname(target), { recursive: true });
        // Written aside then renamed: another process reading the same photo writes the same bytes.
        const partial = `${target}.${process.pid}.${crypto.randomUUID()}.part`;
        await fs.writeFile(partial, bytes);
        await fs.rename(partial, target);
      }
      photos.set(relative, kept);
      photo.href = kept;
    }
  }
  return true;
}

/** Removes the inbox copies of the photos kept during a pass (once the files naming them are read). */
async function clearDeliveredPhotos(folder: string, photos: KeptPhotos): Promise<void> {
  for (const relative of photos.keys()) await fs.rm(path.join(folder, relative), { force: true });
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
  const photos: KeptPhotos = new Map();
  for (const name of await readyFiles(folder, now)) {
    const file = path.join(folder, name);
    let reason: string | null = null;
    let count = 0;
    try {
      const items = await readItems(file, format);
      if (!(await keepDeliveredPhotos(real, items, photos, now))) continue;
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
  await clearDeliveredPhotos(real, photos);
  return pass;
}
