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
 * The file of the text face used above the fold (roman, French subset): the layout preloads it so
 * that a first visit paints the headline and lead in it rather than in the fallback serif.
 */
export const TEXT_FONT_FILE = 'source-serif-4-latin-roman.woff2';

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
      // font-display: optional — a page never reflows when the font comes late. The roman French
      // file (TEXT_FONT_FILE, 28 KB) is preloaded by the layout so that it is there within the
      // short block period of a first visit; italics and latin-ext load only when a page uses them.
      rules.push(
        `@font-face{font-family:"${SERIF_FAMILY}";font-style:${style === 'roman' ? 'normal' : 'italic'};font-weight:400 800;` +
          `font-display:optional;src:url(${url}) format("woff2");unicode-range:${cssUnicodeRange(subset)}}`,
      );
    }
  }
  return rules.join('\n');
}
