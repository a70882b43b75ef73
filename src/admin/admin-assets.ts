import fs from 'node:fs/promises';
import path from 'node:path';
import { build, transform } from 'esbuild';
import type { AssetRegistry } from '../core/assets/asset-registry.ts';

const STYLES_DIR = path.join(import.meta.dirname, 'styles');
const ISLANDS_ENTRY = path.join(import.meta.dirname, 'islands', 'main.ts');

export const ADMIN_CSS = 'admin.css';
export const ADMIN_JS = 'admin.js';

/** Registers the back office's stylesheet (styles/*.css in name order) and script (islands/main.ts bundled). */
export async function registerAdminAssets(assets: AssetRegistry): Promise<void> {
  const files = (await fs.readdir(STYLES_DIR)).filter((f) => f.endsWith('.css')).sort();
  const css = (await Promise.all(files.map((f) => fs.readFile(path.join(STYLES_DIR, f), 'utf8')))).join('\n');
  const minified = await transform(css, { loader: 'css', minify: true, legalComments: 'none', logLevel: 'silent' });
  assets.add(ADMIN_CSS, 'text/css; charset=utf-8', minified.code);
  assets.add(ADMIN_JS, 'text/javascript; charset=utf-8', await adminBundle());
}

// Bundled once per process (tests build many apps).
let bundle: Promise<string> | undefined;

/** The back-office islands (editor, autosave, drag and drop, uploads) as one minified ES module. */
export function adminBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ISLANDS_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}
