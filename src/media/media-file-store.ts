import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../core/db/database.ts';
import { insertMediaFile, type MediaFileRecord } from './media-file-repository.ts';
import type { MediaFileType } from './media-file-types.ts';
import type { ReceivedFile } from './multipart-upload.ts';

/** Directory of stored sounds and videos: DATA_DIR/media/files/<sha256>.<ext>. */
export function mediaFilesDirectory(dataDir: string): string {
  return path.join(dataDir, 'media', 'files');
}

/** Where uploads wait while they stream in (same disk as the stored files, so a rename moves them). */
export function uploadTempDirectory(dataDir: string): string {
  return path.join(dataDir, 'media', 'tmp');
}

/** Path of a stored sound or video by its file key. */
export function mediaFilePathOnDisk(dataDir: string, fileKey: string): string {
  return path.join(mediaFilesDirectory(dataDir), fileKey);
}

/**
 * Moves a received upload to its content-addressed place, reads its duration and records it. The
 * same content uploaded twice keeps one file and one row (`created: false`).
 */
export async function storeMediaFile(
  db: Db,
  dataDir: string,
  file: ReceivedFile,
  type: MediaFileType,
  meta: { title: string; credit: string },
): Promise<{ record: MediaFileRecord; created: boolean }> {
  const fileKey = `${file.sha256}.${type.ext}`;
  const target = mediaFilePathOnDisk(dataDir, fileKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) await fs.rm(file.path, { force: true });
  else await fs.rename(file.path, target);
  const duration = await readDurationSeconds(target);
  return insertMediaFile(db, {
    kind: type.kind,
    file_key: fileKey,
    mime: type.mime,
    bytes: file.bytes,
    duration_seconds: duration,
    title: meta.title,
    credit: meta.credit,
    created_at: new Date().toISOString(),
  });
}

/**
 * Duration in seconds, rounded to the millisecond, or null when the container does not say and
 * cannot be measured (music-metadata reads MP3 frame headers, MP4 `mvhd`, Ogg, WAV and WebM).
 */
export async function readDurationSeconds(filePath: string): Promise<number | null> {
  try {
    // Loaded on first use: only audio and video uploads need it (~18 MB of memory otherwise held).
    const { parseFile } = await import('music-metadata');
    const { format } = await parseFile(filePath, { duration: true, skipCovers: true });
    const seconds = format.duration;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) / 1000 : null;
  } catch {
    return null;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes uploads left in the temporary directory by a process that stopped mid-upload (a crash,
 * a deploy). Only files older than `maxAgeMs`, so uploads in progress elsewhere are kept.
 */
export async function removeStaleUploads(dataDir: string, maxAgeMs = 24 * 3600_000): Promise<number> {
  const dir = uploadTempDirectory(dataDir);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.upload')) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > maxAgeMs) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
