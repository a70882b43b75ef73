import fs from 'node:fs/promises';
import path from 'node:path';
import { fingerprints, sha256, unchanged } from './fingerprints.js';

// The site's and the back office's bundles and stylesheets are made by esbuild when a process
// starts (a quarter of a second for the site, more for Tiptap, plus loading esbuild and its
// service process). Their results are kept on disk with the fingerprint of every file that went
// into them: a process whose sources are unchanged reads them back and never loads esbuild.
// Any change of a source, of esbuild's version or of the options makes a new build.

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Where built assets are kept: node_modules/.cache, where build tools keep theirs (never committed). */
export const DEFAULT_BUILD_CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'kiosque-assets');

/** What a build made, and the files it read (absolute paths). */
export interface BuildResult {
  outputs: string[];
  inputs: string[];
}

interface CacheEntry {
  key: string;
  inputs: Record<string, string>;
  outputs: string[];
}

let esbuildVersion: Promise<string> | undefined;

/** esbuild's version, read from its package.json (not by loading it: that is what is spared). */
function toolVersion(): Promise<string> {
  esbuildVersion ??= fs
    .readFile(path.join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')
    .then((text) => String((JSON.parse(text) as { version?: unknown }).version))
    .catch(() => 'inconnue');
  return esbuildVersion;
}

async function readEntry(file: string, key: string): Promise<string[] | undefined> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await fs.readFile(file, 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  if (entry.key !== key || !Array.isArray(entry.outputs)) return undefined;
  return (await unchanged(entry.inputs)) ? entry.outputs : undefined;
}

/**
 * The outputs of `build`, read from the cache when the same build (`name`, `options`, esbuild's
 * version) was made from the same files; else built, and kept for the next process. A cache that
 * cannot be read or written (read-only disk) only means building every time.
 */
export async function cachedBuild(
  name: string,
  options: unknown,
  build: () => Promise<BuildResult>,
  cacheDir = DEFAULT_BUILD_CACHE_DIR,
): Promise<string[]> {
  const key = sha256(JSON.stringify([name, options, await toolVersion()]));
  const file = path.join(cacheDir, `${name.replace(/[^a-z0-9-]/gi, '_')}.json`);
  const cached = await readEntry(file, key);
  if (cached) return cached;
  const result = await build();
  try {
    const entry: CacheEntry = { key, inputs: await fingerprints(result.inputs), outputs: result.outputs };
    await fs.mkdir(cacheDir, { recursive: true });
    // Written aside then renamed: a process starting meanwhile reads the old entry or the new one, never half.
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(entry));
    await fs.rename(temporary, file);
  } catch {
    // Not kept: the next process builds again.
  }
  return result.outputs;
}

const BUNDLE_OPTIONS = { bundle: true, format: 'esm', minify: true, target: 'es2022', legalComments: 'none' } as const;

/** `entry` and what it imports as one minified ES module (esbuild), from the cache when unchanged. */
export async function bundledModule(name: string, entry: string, cacheDir?: string): Promise<string> {
  const options = { ...BUNDLE_OPTIONS, entry: path.relative(ROOT, entry) };
  const [code] = await cachedBuild(
    name,
    options,
    async () => {
      const { build } = await import('esbuild');
      const result = await build({
        ...BUNDLE_OPTIONS,
        entryPoints: [entry],
        write: false,
        metafile: true,
        absWorkingDir: ROOT,
        logLevel: 'silent',
      });
      return {
        outputs: [result.outputFiles[0].text],
        inputs: Object.keys(result.metafile.inputs).map((input) => path.resolve(ROOT, input)),
      };
    },
    cacheDir,
  );
  return code;
}

/** The stylesheet without comments and white space (esbuild), from the cache when unchanged. */
export async function minifiedCss(name: string, css: string, cacheDir?: string): Promise<string> {
  const [code] = await cachedBuild(
    name,
    { css: sha256(css) },
    async () => {
      const { transform } = await import('esbuild');
      const result = await transform(css, { loader: 'css', minify: true, legalComments: 'none', logLevel: 'silent' });
      return { outputs: [result.code], inputs: [] };
    },
    cacheDir,
  );
  return code;
}
