// The body's link rule itself lives with the body schema, zod-free, so both sides share it.
import { isSafeHref } from '../../../articles/body/safe-href.ts';

export { isSafeHref };

/**
 * What an editor types in the link dialog, made into an address: "exemple.fr/page" gets https://,
 * "nom@exemple.fr" gets mailto:. Returns null when the result would still be refused.
 */
export function normaliseHref(input: string): string | null {
  const text = input.trim();
  if (isSafeHref(text)) return text;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#].*)?$/i.test(text) && isSafeHref(`https://${text}`)) return `https://${text}`;
  return null;
}
