import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cachedBuild } from './assets/build-cache.ts';
import { fingerprints } from './assets/fingerprints.js';
import { SERVER_BUNDLE_DIR, SERVER_BUNDLE_POINTER } from './server-bundle-pointer.js';

// `npm start` runs the server from one module that esbuild makes of the application's ~500
// TypeScript files (the packages stay in node_modules, loaded as they are): a process holds one
// script instead of hundreds, which measured 25 to 30 MB less memory and a faster start
// (docs/decisions/0007-bundled-start.md). Tests, commands and KIOSQUE_BUNDLE=0 run the sources.
// The bundle is kept beside the other build caches and made again when any of its sources,
// esbuild's version or the options change (build-cache.ts), so an edited file is never ignored.

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // A shorter source is less memory (about 20 MB against whitespace-only minifying); functions keep
  // their names, and the source map beside the bundle gives stack traces their files and lines
  // under `node --enable-source-maps`.
  minify: true,
  keepNames: true,
  sourcemap: 'external',
  legalComments: 'none',
} as const;

/**
 * Each file's own `import.meta.dirname`, `filename` and `url`, written in before bundling:
 * the modules that find their folders (styles, fonts, caches) keep finding them from the bundle.
 */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build: {
    onLoad: (options: { filter: RegExp }, callback: (args: { path: string }) => Promise<{ contents: string; loader: 'ts' }>) => void;
  }) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Packages written into the bundle instead of loaded from node_modules: pure ES modules without
 * native parts or dynamic requires, which no other package imports (a second copy would break
 * `instanceof`), and which Node would otherwise resolve, read and link file by file at every start
 * (kysely 263 files, zod 95). Every other package stays external.
 */
const BUNDLED_PACKAGES = new Set(['kysely', 'zod']);

const externalPackages = {
  name: 'external-packages',
  setup(build: { onResolve: (options: { filter: RegExp }, callback: (args: { path: string }) => { external: true } | undefined) => void }) {
    // A bare specifier (not relative, not absolute, not node:): a package, kept external unless listed.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
      return BUNDLED_PACKAGES.has(name) ? undefined : { external: true };
    });
  },
};

/** The bundled server's file, made when its sources changed (throws when it cannot be made or written). */
export async function serverBundle(entry: string, cacheDir = SERVER_BUNDLE_DIR): Promise<string> {
  const options = { ...OPTIONS, entry: path.relative(ROOT, entry), bundled: [...BUNDLED_PACKAGES] };
  const build = async () => {
    const { build } = await import('esbuild');
    const result = await build({
      ...OPTIONS,
      entryPoints: [entry],
      outfile: path.join(cacheDir, 'server.mjs'),
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      logLevel: 'silent',
      plugins: [externalPackages, ownImportMeta],
    });
    const output = (extension: string) => result.outputFiles.find((f) => f.path.endsWith(extension))!.text;
    const code = output('.mjs');
    // Named by its content: a process starting while another writes a new bundle reads a whole one.
    const file = path.join(cacheDir, `server-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    await fs.mkdir(cacheDir, { recursive: true });
    await fs.writeFile(`${file}.map`, output('.mjs.map'));
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, `${code}//# sourceMappingURL=${path.basename(file)}.map\n`);
    await fs.rename(temporary, file);
    await removeOldBundles(cacheDir, file);
    return { outputs: [file], inputs: Object.keys(result.metafile.inputs).map((input) => path.resolve(ROOT, input)) };
  };
  // The cache keeps the file's name, not its 1.3 MB: a start reads only the fingerprints.
  let [file] = await cachedBuild('server', options, build, cacheDir);
  const exists = await fs.access(file).then(
    () => true,
    () => false,
  );
  // Removed by hand since: made again.
  if (!exists) [file] = await cachedBuild('server', { ...options, rebuilt: Date.now() }, build, cacheDir);
  await writePointer(cacheDir, file);
  return file;
}

/** What makes a bundle besides the application's sources: this code and the bundler's version. */
const BUNDLER_FILES = [
  import.meta.filename,
  path.join(import.meta.dirname, 'assets', 'build-cache.ts'),
  path.join(ROOT, 'node_modules', 'esbuild', 'package.json'),
];

/**
 * Records the bundle for src/start.js, with the fingerprints of its sources (as build-cache.ts
 * recorded them) and of the bundler's files: any change of one sends the next start to server.ts.
 */
async function writePointer(cacheDir: string, file: string): Promise<void> {
  const entry = JSON.parse(await fs.readFile(path.join(cacheDir, 'server.json'), 'utf8')) as { inputs: Record<string, string> };
  const pointer = path.join(cacheDir, path.basename(SERVER_BUNDLE_POINTER));
  const temporary = `${pointer}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ file, inputs: { ...entry.inputs, ...(await fingerprints(BUNDLER_FILES)) } }));
  await fs.rename(temporary, pointer);
}

/** Bundles of earlier sources (a minute old at least: a process may be about to import one). */
async function removeOldBundles(cacheDir: string, current: string): Promise<void> {
  for (const name of await fs.readdir(cacheDir)) {
    const file = path.join(cacheDir, name);
    if (!/^server-[0-9a-f]{16}\.mjs(\.map)?$/.test(name) || file.startsWith(current)) continue;
    const { mtimeMs } = await fs.stat(file).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > 60_000) await fs.rm(file, { force: true });
  }
}

/**
 * What `npm start` imports: the bundle of `entry`, or `entry` itself with KIOSQUE_BUNDLE=0 or when
 * the bundle cannot be made or written (a read-only install), said in one line.
 */
export async function startModule(entry: string): Promise<string> {
  if (process.env.KIOSQUE_BUNDLE === '0') return pathToFileURL(entry).href;
  try {
    return pathToFileURL(await serverBundle(entry)).href;
  } catch (error) {
    process.stderr.write(`kiosque: démarrage depuis les sources (module unique impossible : ${(error as Error).message})\n`);
    return pathToFileURL(entry).href;
  }
}
