/**
 * The link rule of the body schema (src/articles/body/body-schema.ts `isSafeHref`), repeated here
 * because importing the schema would bundle zod into the back-office script. A test checks that
 * both agree on a list of tricky addresses.
 */
const UNSAFE_IN_HREF = /[\u0000-\u0020\u007F-\u009F\\]/;

/** True for links the body may carry: http(s) with a host and no credentials, mailto:, /path, #anchor. */
export function isSafeHref(href: string): boolean {
  if (href.length === 0 || UNSAFE_IN_HREF.test(href)) return false;
  if (href[0] === '/') return href[1] !== '/';
  if (href[0] === '#') return href.length > 1;
  const url = URL.parse(href);
  if (!url) return false;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return url.hostname !== '' && url.username === '' && url.password === '';
  }
  return url.protocol === 'mailto:' && url.pathname.length > 0;
}

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
