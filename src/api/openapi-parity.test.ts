import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/**
 * Every route Fastify serves, read from its own route tree (printRoutes), independent of the API's
 * route declarations: "METHOD /path/:param" strings. HEAD routes Fastify adds for GET are left out.
 */
function servedRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    // "│   │   └── /:id (GET, HEAD, PUT)": four characters of indentation per level, then a node's own segment.
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack[depth] = match[2];
    const path = stack.join('').replace(/^\/*/, '/');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) routes.push(`${method} ${path}`);
  }
  return routes;
}

test('the OpenAPI document and the served /api/admin routes match exactly (methods and path templates)', async () => {
  const response = await t.app.inject({ url: '/api/admin/openapi.json' });
  assert.equal(response.statusCode, 200);
  const document = response.json();
  assert.equal(document.openapi, '3.1.0');
  assert.equal(document.components.securitySchemes.bearerAuth.scheme, 'bearer');

  const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
  const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }))
    .filter((r) => r.split(' ')[1].startsWith('/api/admin'))
    .sort();
  assert.ok(served.length >= 14, `routes found: ${served.join(', ')}`);
  assert.deepEqual(documented, served);
  for (const route of documented) assert.ok(t.app.hasRoute({ method: route.split(' ')[0] as 'GET', url: route.split(' ')[1] }), route);
});

test('operations document their body, parameters, errors and the permission they need', async () => {
  const document = (await t.app.inject({ url: '/api/admin/openapi.json' })).json();
  const create = document.paths['/api/admin/articles'].post;
  const schema = create.requestBody.content['application/json'].schema;
  assert.equal(schema.properties.headline.maxLength, 200);
  assert.equal(schema.additionalProperties, false, 'unknown fields are refused');
  assert.ok(create.responses['201'] && create.responses['422'] && create.responses['401']);
  assert.equal(create['x-kiosque-permission'], 'article:create');
  const patch = document.paths['/api/admin/articles/{id}'].patch;
  assert.deepEqual(
    patch.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
    ['path:id'],
  );
  assert.ok(patch.responses['409']);
  assert.ok('revision' in patch.requestBody.content['application/json'].schema.properties);
  const upload = document.paths['/api/admin/media'].post;
  assert.ok(upload.requestBody.content['multipart/form-data'].schema.required.includes('file'));
  assert.deepEqual(document.paths['/api/admin/openapi.json'].get.security, []);
  const list = document.paths['/api/admin/articles'].get;
  assert.ok(list.parameters.some((p: { name: string; in: string }) => p.in === 'query' && p.name === 'status'));
});

test('every validation error has one documented shape: 422, details = [{ path, message }]', async () => {
  const document = (await t.app.inject({ url: '/api/admin/openapi.json' })).json();
  const details = document.components.schemas.Error.properties.error.properties.details;
  const list = details.anyOf.find((s: { type?: string }) => s.type === 'array');
  assert.deepEqual(Object.keys(list.items.properties).sort(), ['message', 'path']);
  // No operation documents a 400 for refused fields: 400 is for what cannot be read at all.
  for (const [path, operations] of Object.entries(
    document.paths as Record<string, Record<string, { responses: Record<string, { description: string }> }>>,
  )) {
    for (const [method, operation] of Object.entries(operations)) {
      const bad = operation.responses['400']?.description ?? '';
      assert.doesNotMatch(bad, /validation_failed|champ/i, `${method} ${path}`);
    }
  }
});
