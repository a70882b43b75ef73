/**
 * Text reduced to what survives French typography at render time, so that database text and
 * rendered text compare equal: curly apostrophes, ellipsis, (narrow) no-break spaces before
 * ; : ! ? » and after «, and runs of white space.
 */
export function comparable(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ ([:;!?»])/g, '$1')
    .replace(/« /g, '«')
    .trim();
}
