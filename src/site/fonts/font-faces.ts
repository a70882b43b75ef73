import fs from 'node:fs/promises';
import path from 'node:path';
import type { AssetRegistry } from '../../core/assets/asset-registry.ts';
import { cssUnicodeRange, FONT_SUBSETS } from './font-subsets.ts';

/**
 * The CSS family name of the text face; 00-base.css puts it first in --font-serif. Our subsets are
 * a Modified Version under the SIL Open Font License, which reserves the name "Source": hence a
 * family name of our own.
 */
export const SERIF_FAMILY = 'Kiosque Serif';

/**
 * Registers the self-hosted font files under fingerprinted URLs and returns their @font-face
 * rules (which must name those URLs, hence generated here rather than written in styles/).
 */
export async function registerFonts(assets: AssetRegistry): Promise<string> {
  const rules: string[] = [];
  for (const style of ['roman', 'italic'] as const) {
    for (const subset of FONT_SUBSETS) {
      const file = `source-serif-4-${subset.name}-${style}.woff2`;
      const url = assets.add(file, 'font/woff2', await fs.readFile(path.join(import.meta.dirname, file)));
      // One variable file per style covers the weights 400–800 (optical size pinned at text size).
      // font-display: optional — a first visit on a slow connection paints at once in the fallback
      // serif and never reflows; the file is cached for the next page. No preload: on a slow phone
      // it would compete with the stylesheet and the lead image for the first paint.
      rules.push(
        `@font-face{font-family:"${SERIF_FAMILY}";font-style:${style === 'roman' ? 'normal' : 'italic'};font-weight:400 800;` +
          `font-display:optional;src:url(${url}) format("woff2");unicode-range:${cssUnicodeRange(subset)}}`,
      );
    }
  }
  return rules.join('\n');
}
