import fs from 'node:fs/promises';
import path from 'node:path';
import { unchangedNow } from './assets/fingerprints.js';

// Which bundled server `npm start` may run without building (core/server-bundle.ts writes it;
// src/start.js reads it). JavaScript: see src/start.js.

/** Where the bundled server is kept, beside the other build caches (never committed). */
export const SERVER_BUNDLE_DIR = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'kiosque-server');

/** The last bundle made, with the fingerprint of every file it depends on. */
export const SERVER_BUNDLE_POINTER = path.join(SERVER_BUNDLE_DIR, 'current.json');

/**
 * The bundle to run when none of the files it was made from (the application's sources, the
 * bundler's code and version) has changed since; undefined when it must be made again.
 * @param {string} [pointer]
 * @returns {Promise<string | undefined>}
 */
export async function freshServerBundle(pointer = SERVER_BUNDLE_POINTER) {
  try {
    const { file, inputs } = JSON.parse(await fs.readFile(pointer, 'utf8'));
    if (typeof file !== 'string' || typeof inputs !== 'object' || inputs === null) return undefined;
    await fs.access(file);
    return unchangedNow(inputs) ? file : undefined;
  } catch {
    return undefined;
  }
}
