import fs from 'node:fs/promises';
import path from 'node:path';
import type { AssetRegistry } from '../core/assets/asset-registry.ts';
import { bundledModule, minifiedCss } from '../core/assets/build-cache.ts';
import { registerFonts } from './fonts/font-faces.ts';

const STYLES_DIR = path.join(import.meta.dirname, 'styles');
const ISLANDS_ENTRY = path.join(import.meta.dirname, 'islands', 'main.ts');

/** Asset names the layout links to. */
export const SITE_CSS = 'site.css';
export const SITE_JS = 'site.js';

/**
 * Registers the public site's assets: the text font files, one stylesheet (the @font-face rules,
 * then every file of styles/ in name order) and one script (the islands, bundled by esbuild; both
 * read from the build cache when their sources are unchanged).
 */
export async function registerSiteAssets(assets: AssetRegistry): Promise<void> {
  const fontFaces = await registerFonts(assets);
  const files = (await fs.readdir(STYLES_DIR)).filter((f) => f.endsWith('.css')).sort();
  const css = (await Promise.all(files.map((f) => fs.readFile(path.join(STYLES_DIR, f), 'utf8')))).join('\n');
  assets.add(SITE_CSS, 'text/css; charset=utf-8', await minifiedCss('site-css', `${fontFaces}\n${css}`));
  assets.add(SITE_JS, 'text/javascript; charset=utf-8', await islandsBundle());
}

// Bundled once per process: tests build many apps, and the source cannot change while running.
// Kept as the bytes the registry serves, not as a string beside them for the life of the server.
let bundle: Promise<Buffer> | undefined;

/** The islands (share button, copy link, embed facades) as one minified ES module. */
function islandsBundle(): Promise<Buffer> {
  bundle ??= bundledModule('site-js', ISLANDS_ENTRY).then((code) => Buffer.from(code));
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}
