import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { parseBody } from '../articles/body/body-schema.ts';

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

test('the body document is published whole: every node and mark, and documents validate against it as the server decides', async () => {
  const document = (await t.app.inject({ url: '/api/admin/openapi.json' })).json();
  const schemas = document.components.schemas as Record<string, Record<string, unknown>>;
  for (const name of [
    'BodyDocument',
    'BodyParagraph',
    'BodyHeading',
    'BodyQuote',
    'BodyBulletList',
    'BodyOrderedList',
    'BodyListItem',
    'BodyImage',
    'BodyEmbed',
    'BodyHorizontalRule',
    'BodyText',
    'BodyHardBreak',
    'BodyMarkBold',
    'BodyMarkItalic',
    'BodyMarkLink',
  ])
    assert.ok(schemas[name]?.description, `${name} is published and described`);
  const create = document.paths['/api/admin/articles'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(create.properties.body.anyOf[0], { $ref: '#/components/schemas/BodyDocument' });
  const read = document.paths['/api/admin/articles/{id}'].get.responses['200'].content['application/json'].schema;
  assert.deepEqual(read.properties.body, { $ref: '#/components/schemas/BodyDocument' });

  // Every reference of the document resolves, and a JSON Schema validator agrees with the server.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'https://kiosque.test/openapi.json', components: document.components });
  const validate = ajv.compile({ $ref: 'https://kiosque.test/openapi.json#/components/schemas/BodyDocument' });
  const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
  const good = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [text('Le '), text('sommet', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://exemple.fr' } }])],
      },
      { type: 'heading', attrs: { level: 2 }, content: [text('Contexte')] },
      { type: 'quote', attrs: {}, content: [{ type: 'paragraph', content: [text('Rien n’est décidé.')] }] },
      { type: 'quote', attrs: { role: 'un diplomate européen' }, content: [{ type: 'paragraph', content: [text('Tout se joue.')] }] },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [text('un')] },
              { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
            ],
          },
        ],
      },
      { type: 'image', attrs: { imageId: 3, size: 'wide' } },
      { type: 'embed', attrs: { provider: 'youtube', id: 'dQw4w9WgXcQ', title: 'Le sommet' } },
      { type: 'horizontalRule' },
    ],
  };
  assert.ok(validate(good), JSON.stringify(validate.errors));
  assert.doesNotThrow(() => parseBody(good));
  for (const bad of [
    { type: 'doc', content: [{ type: 'blockquote', content: [] }] },
    { type: 'doc', content: [{ type: 'paragraph', content: [text('x', [{ type: 'underline' }])] }] },
    { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [text('x')] }] },
    { type: 'doc', content: [{ type: 'paragraph', extra: true }] },
  ]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
    assert.throws(() => parseBody(bad));
  }
});
