import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that may change something (everything but GET, HEAD, OPTIONS). */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * True when the browser says the request comes from another site: `Sec-Fetch-Site` other than
 * same-origin/none, or an `Origin` that is neither the public origin nor the request's own.
 * `Sec-Fetch-Site: same-origin` is the browser's own word and wins over `Origin: null`, which
 * Chromium sends for a form posted from a page whose referrer policy is `no-referrer` (the
 * Fetch standard ties the two). Without `Sec-Fetch-Site`, `Origin: null` (sandboxed frames,
 * opaque origins) counts as another site. Requests without either header (command-line clients,
 * very old browsers) pass here and still need a CSRF token.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    if (site !== 'same-origin' && site !== 'none') return true;
    if (site === 'same-origin') return false;
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  if (origin === 'null') return true;
  const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return !allowed.has(origin);
}
