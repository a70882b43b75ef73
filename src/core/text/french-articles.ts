/**
 * "de" before a name, contracted as French requires when the name starts with an article:
 * Le Sextant → du Sextant, La Gazette → de la Gazette, L’Écho → de l’Écho, Les Échos → des Échos,
 * Kiosque → de Kiosque. Used wherever a publication name follows "de" in a sentence.
 */
export function deName(name: string): string {
  const trimmed = name.trim();
  const match = /^(le|la|les)\s+(.+)$/iu.exec(trimmed);
  if (match) {
    const rest = match[2];
    const article = match[1].toLowerCase();
    if (article === 'le') return `du ${rest}`;
    if (article === 'les') return `des ${rest}`;
    return `de la ${rest}`;
  }
  const elided = /^l['’]\s*(.+)$/iu.exec(trimmed);
  if (elided) return `de l’${elided[1]}`;
  return `de ${trimmed}`;
}
