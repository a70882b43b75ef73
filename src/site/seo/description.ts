/** Plain text squeezed to one line and cut at a word boundary with an ellipsis: meta and card descriptions. */
export function metaDescription(text: string, max = 300): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf(' ', max - 1);
  return `${clean.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}
