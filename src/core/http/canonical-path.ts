/**
 * RFC 3986 §6.2.2 normalisation of a request path, before the page cache and the router see it:
 * percent-encoded unreserved characters are decoded (`/%69nternational` is `/international`) and
 * the remaining escapes are written in upper case (`%c3%a9` is `%C3%A9`). Other characters are not
 * touched: `%2F` stays an escaped slash, `%3F` an escaped question mark.
 */
export function canonicalPath(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escaped, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : escaped.toUpperCase();
  });
}

/**
 * Where a GET or HEAD should be sent with a 301 so that one resource has one URL (and one page-cache
 * entry), or undefined when its path is already canonical. A canonical path that a browser would
 * read as another host (`//host`, `/\host`) is never offered as a redirect: the router answers 404.
 */
export function canonicalRedirect(url: string): string | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const canonical = canonicalPath(path);
  if (canonical === path) return undefined;
  if (!canonical.startsWith('/') || canonical[1] === '/' || canonical[1] === '\\') return undefined;
  return q === -1 ? canonical : canonical + url.slice(q);
}

/** The path of a request URL, canonical, without its query. */
export function requestPath(url: string): string {
  const q = url.indexOf('?');
  return canonicalPath(q === -1 ? url : url.slice(0, q));
}
