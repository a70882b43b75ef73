/**
 * Regenerates the self-hosted text font files of this folder from Adobe's Source Serif 4.
 *
 * Why not @fontsource: the Google Fonts builds of Source Serif 4 (and of Literata and Newsreader)
 * drop U+202F NARROW NO-BREAK SPACE, which French typography puts before ; ! ? and inside « ».
 * Adobe's own variable fonts have it, so we subset those. The optical-size axis is pinned at text
 * size and the weight axis narrowed to the weights the styles use (400–800): a third of the bytes
 * of the full variable font, which matters on a slow phone.
 *
 * The generated .woff2 files are committed; this script only runs when they must change:
 *
 *   npm install --no-save source-serif@4.5.1 subset-font@2.9.0
 *   node src/site/fonts/build-fonts.ts
 *
 * Each style is split like Google Fonts does: a "latin" file with what French and English text
 * needs (preloaded), and a "latin-ext" file the browser fetches only for names such as "Wałęsa".
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FONT_SUBSETS, type UnicodeRange } from './font-subsets.ts';

const OUT_DIR = import.meta.dirname;
const require = createRequire(path.join(process.cwd(), 'package.json'));

async function main(): Promise<void> {
  let subsetFont: (font: Buffer, text: string, options: object) => Promise<Buffer>;
  let sourceDir: string;
  try {
    subsetFont = (await import(require.resolve('subset-font'))).default;
    sourceDir = path.join(path.dirname(require.resolve('source-serif/package.json')), 'WOFF2', 'VAR');
  } catch {
    process.stderr.write('Installez d’abord les sources : npm install --no-save source-serif@4.5.1 subset-font@2.9.0\n');
    process.exit(1);
  }
  for (const style of ['roman', 'italic'] as const) {
    const source = await fs.readFile(path.join(sourceDir, `SourceSerif4Variable-${style === 'roman' ? 'Roman' : 'Italic'}.ttf.woff2`));
    for (const subset of FONT_SUBSETS) {
      // No hinting (browsers ignore most of it) and no layout closure (drops small caps, swashes
      // and ligature glyphs we never use): about half the size.
      const out = await subsetFont(source, textOf(subset.ranges), {
        targetFormat: 'woff2',
        noHinting: true,
        noLayoutClosure: true,
        variationAxes: { opsz: 20, wght: { min: 400, max: 800 } },
      });
      const file = `source-serif-4-${subset.name}-${style}.woff2`;
      await fs.writeFile(path.join(OUT_DIR, file), out);
      process.stdout.write(`${file}: ${out.length} octets\n`);
    }
  }
}

function textOf(ranges: readonly UnicodeRange[]): string {
  let text = '';
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  return text;
}

await main();
