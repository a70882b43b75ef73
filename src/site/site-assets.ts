import fs from 'node:fs/promises';
import path from 'node:path';
import type { AssetRegistry } from '../core/assets/asset-registry.ts';

const STYLES_DIR = path.join(import.meta.dirname, 'styles');

/** Registers the public site's stylesheet (every file of styles/, in name order) and scripts. */
export async function registerSiteAssets(assets: AssetRegistry): Promise<void> {
  const files = (await fs.readdir(STYLES_DIR)).filter((f) => f.endsWith('.css')).sort();
  const css = (await Promise.all(files.map((f) => fs.readFile(path.join(STYLES_DIR, f), 'utf8')))).join('\n');
  assets.add('site.css', 'text/css; charset=utf-8', css);
}
