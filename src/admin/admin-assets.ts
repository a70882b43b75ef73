import fs from 'node:fs/promises';
import path from 'node:path';
import type { AssetRegistry } from '../core/assets/asset-registry.ts';
import { bundledModule, minifiedCss } from '../core/assets/build-cache.ts';

const STYLES_DIR = path.join(import.meta.dirname, 'styles');
const ISLANDS_ENTRY = path.join(import.meta.dirname, 'islands', 'main.ts');
const EDITOR_ENTRY = path.join(import.meta.dirname, 'islands', 'rich-editor.ts');

export const ADMIN_CSS = 'admin.css';
export const ADMIN_JS = 'admin.js';
/** Tiptap and the article form: loaded on demand by admin.js on the screens that have an editor. */
export const ADMIN_EDITOR_JS = 'admin-editor.js';

/** Registers the back office's stylesheet (styles/*.css in name order) and script (islands/main.ts bundled). */
export async function registerAdminAssets(assets: AssetRegistry): Promise<void> {
  const files = (await fs.readdir(STYLES_DIR)).filter((f) => f.endsWith('.css')).sort();
  const css = (await Promise.all(files.map((f) => fs.readFile(path.join(STYLES_DIR, f), 'utf8')))).join('\n');
  assets.add(ADMIN_CSS, 'text/css; charset=utf-8', await minifiedCss('admin-css', css));
  const [main, editor] = await adminBundles();
  assets.add(ADMIN_JS, 'text/javascript; charset=utf-8', main);
  assets.add(ADMIN_EDITOR_JS, 'text/javascript; charset=utf-8', editor);
}

// Bundled once per process (tests build many apps), kept as the bytes the registry serves: the
// editor's bundle is close to 1 MB, and a string of it beside them stayed in the heap for good.
let bundles: Promise<[Buffer, Buffer]> | undefined;

/** The back-office islands as two minified ES modules: the light one every screen loads, and the editor. */
function adminBundles(): Promise<[Buffer, Buffer]> {
  const bytes = (code: string) => Buffer.from(code);
  bundles ??= Promise.all([
    bundledModule('admin-js', ISLANDS_ENTRY).then(bytes),
    bundledModule('admin-editor-js', EDITOR_ENTRY).then(bytes),
  ]);
  bundles.catch(() => {
    bundles = undefined;
  });
  return bundles;
}
