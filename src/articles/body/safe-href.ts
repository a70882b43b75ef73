/**
 * The link rule of article bodies, without zod, so the back-office editor (a browser bundle) and
 * the body schema share the very same function.
 */

/** Whitespace, control characters and backslashes have no place in a link (browsers read "\" as "/"). */
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
