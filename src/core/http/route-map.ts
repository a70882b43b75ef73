/** An HTTP method a route map names (HEAD is implied by GET, as Fastify adds it; OPTIONS is a CORS preflight). */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** One line of a route map: the methods and path template, the file that answers, what it is. */
export interface RouteMapEntry {
  methods: readonly RouteMethod[];
  /** Fastify path template (`/admin/articles/:id`); ending in `*`, every path under the prefix. */
  path: string;
  /** The file that declares the route, relative to src/. */
  file: string;
  does: string;
}

/** A map line written as it reads: `route('GET POST', '/admin/une', 'curation/home-curation-routes.ts', 'la une')`. */
export function route(methods: string, path: string, file: string, does: string): RouteMapEntry {
  return { methods: methods.split(' ') as RouteMethod[], path, file, does };
}

/**
 * The first path segments that fixed routes own (`auteur` for `/auteur/:slug`, `admin`,
 * `robots.txt`…): a section or page with that slug could never be reached.
 */
export function ownedFirstSegments(...maps: (readonly RouteMapEntry[])[]): string[] {
  const owned = new Set<string>();
  for (const entry of maps.flat()) {
    const first = entry.path.split('/')[1] ?? '';
    if (first && !first.startsWith(':') && first !== '*') owned.add(first);
  }
  return [...owned].sort();
}
