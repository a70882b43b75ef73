import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../test/support/app-factory.ts';
import { ADMIN_ROUTE_MAP } from './admin/admin-route-map.ts';
import type { RouteMapEntry } from './core/http/route-map.ts';
import { PUBLIC_ROUTE_MAP, RESERVED_SLUGS } from './routes.ts';

/** "METHOD /path" for each method of each line of a map (HEAD stands for itself only when written). */
const lines = (map: readonly RouteMapEntry[]) => map.flatMap((e) => e.methods.map((m) => `${m} ${e.path}`));

describe('the route maps (routes.ts, admin/admin-route-map.ts) and Fastify’s own route table', () => {
  let t: TestApp;
  let served: string[];
  before(async () => {
    t = await createTestApp({ seed: false });
    // Fastify adds HEAD to every GET; a HEAD declared on purpose (media files) is in the maps.
    const declaredHead = new Set(lines([...PUBLIC_ROUTE_MAP, ...ADMIN_ROUTE_MAP]).filter((l) => l.startsWith('HEAD ')));
    served = [...new Set(t.app.routeTable.map((r) => `${r.method} ${r.url}`))]
      .filter((r) => !r.startsWith('HEAD ') || declaredHead.has(r))
      .sort();
  });
  after(() => t.close());

  const covers = (entry: string, route: string) => {
    const [method, pathTemplate] = entry.split(' ');
    const [routeMethod, routePath] = route.split(' ');
    if (method !== routeMethod) return false;
    return pathTemplate.endsWith('/*') && !route.endsWith('/*')
      ? routePath.startsWith(pathTemplate.slice(0, -1))
      : pathTemplate === routePath;
  };

  it('every served route is on a map, under its exact method and path template', () => {
    const mapped = lines([...PUBLIC_ROUTE_MAP, ...ADMIN_ROUTE_MAP]);
    const missing = served.filter((route) => !mapped.some((entry) => covers(entry, route)));
    assert.deepEqual(missing, [], 'routes served but missing from the maps');
    assert.ok(served.length > 90, `only ${served.length} routes found`);
  });

  it('every line of the maps is served (a prefix line covers at least one route)', () => {
    const ghosts = lines([...PUBLIC_ROUTE_MAP, ...ADMIN_ROUTE_MAP]).filter((entry) => !served.some((route) => covers(entry, route)));
    assert.deepEqual(ghosts, [], 'map lines that no route answers');
  });

  it('names files that exist and declare the path', () => {
    for (const entry of [...PUBLIC_ROUTE_MAP, ...ADMIN_ROUTE_MAP]) {
      const file = path.join(import.meta.dirname, entry.file);
      assert.ok(fs.existsSync(file), `${entry.path}: ${entry.file} does not exist`);
      // The file spells the path, or the part before its first parameter (CRUD screens built from a
      // base), or its last segment (workflow actions built from a table).
      const source = fs.readFileSync(file, 'utf8');
      const segments = entry.path.split('/');
      const firstParam = segments.findIndex((s) => s.startsWith(':') || s === '*');
      const base = (firstParam === -1 ? segments : segments.slice(0, firstParam)).join('/');
      const last = segments.filter((s) => s && !s.startsWith(':') && s !== '*').at(-1) ?? '/';
      const mentioned = [entry.path, base, `'${last}'`].some((needle) => needle && source.includes(needle));
      assert.ok(mentioned || entry.path === '/', `${entry.file} does not mention ${entry.path}`);
    }
  });

  it('has no line twice', () => {
    const all = lines([...PUBLIC_ROUTE_MAP, ...ADMIN_ROUTE_MAP]);
    assert.deepEqual(
      all.filter((l, i) => all.indexOf(l) !== i),
      [],
    );
  });

  it('reserves every first path segment a fixed route owns, apercu included', () => {
    const owned = new Set(served.map((r) => r.split(' ')[1].split('/')[1]).filter((s) => s && !s.startsWith(':') && s !== '*'));
    assert.deepEqual([...owned].sort(), [...RESERVED_SLUGS].sort());
    for (const slug of ['apercu', 'admin', 'api', 'auteur', 'media', 'assets', 'robots.txt', 'flux', 'recherche', 'sitemap.xml'])
      assert.ok(RESERVED_SLUGS.includes(slug), slug);
  });
});
