/**
 * Where to go after signing in: only a path of this site inside the back office, never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`); anything else gives null.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/admin')) return null;
  if (/[\\\u0000-\u001f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://kiosque.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://kiosque.invalid') return null;
  if (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/')) return null;
  // Signing in again would loop.
  if (url.pathname.startsWith('/admin/connexion') || url.pathname.startsWith('/admin/deconnexion')) return null;
  return `${url.pathname}${url.search}`;
}
