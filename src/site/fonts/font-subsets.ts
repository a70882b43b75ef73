/** An inclusive range of code points. */
export type UnicodeRange = readonly [number, number];

/** A font file's share of the character set, and the CSS unicode-range telling browsers when to fetch it. */
export interface FontSubset {
  name: 'latin' | 'latin-ext';
  ranges: readonly UnicodeRange[];
}

/**
 * "latin" covers French (œ, Ÿ, ’, « », …, €) and the spaces French typography uses, U+00A0
 * and U+202F among them; "latin-ext" covers the rest of Latin Extended for foreign names.
 */
export const FONT_SUBSETS: readonly FontSubset[] = [
  {
    name: 'latin',
    ranges: [
      [0x20, 0x7e],
      [0xa0, 0xff],
      [0x131, 0x131],
      [0x152, 0x153],
      [0x178, 0x178],
      [0x2bb, 0x2bc],
      [0x2c6, 0x2c6],
      [0x2da, 0x2da],
      [0x2dc, 0x2dc],
      [0x2000, 0x206f],
      [0x20ac, 0x20ac],
      [0x2122, 0x2122],
      [0x2191, 0x2191],
      [0x2193, 0x2193],
      [0x2212, 0x2212],
      [0x2215, 0x2215],
      [0xfeff, 0xfeff],
      [0xfffd, 0xfffd],
    ],
  },
  {
    name: 'latin-ext',
    ranges: [
      [0x100, 0x130],
      [0x132, 0x151],
      [0x154, 0x177],
      [0x179, 0x24f],
      [0x259, 0x259],
      [0x1e00, 0x1eff],
      [0x20a0, 0x20ab],
      [0x20ad, 0x20c0],
      [0x2c60, 0x2c7f],
      [0xa720, 0xa7ff],
    ],
  },
];

/** The CSS `unicode-range` value of a subset, e.g. "U+20-7E, U+A0-FF". */
export function cssUnicodeRange(subset: FontSubset): string {
  return subset.ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
}

function hex(n: number): string {
  return n.toString(16).toUpperCase();
}
