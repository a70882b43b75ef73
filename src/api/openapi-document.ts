import { z } from 'zod';
import { bodyDocSchema } from '../articles/body/body-schema.ts';
import { articleInputSchema } from '../articles/operations/article-input.ts';
import { type ApiRoute, openApiPath } from './api-route.ts';

/** The error body every failing API call answers with. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z
      .enum([
        'bad_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'payload_too_large',
        'unsupported_media_type',
        'validation_failed',
        'rate_limited',
        'internal',
      ])
      .describe('Code stable : les programmes décident sur lui, jamais sur le message.'),
    message: z.string().describe('Message en français, lisible par une personne.'),
    details: z
      .unknown()
      .optional()
      .describe(
        'Pour validation_failed : la liste des champs en cause [{ path, message }]. Pour conflict : la révision actuelle et qui l’a faite.',
      ),
  }),
});

type JsonSchema = Record<string, unknown>;

const BODY_REF = '#/components/schemas/BodyDocument';

/**
 * Where an article body appears (the input field, which also takes the document as JSON text, and
 * the output), the operation points at the one BodyDocument schema instead of repeating it.
 */
const BODY_FIELDS = new Map<unknown, JsonSchema>([
  [
    articleInputSchema.shape.body,
    { anyOf: [{ $ref: BODY_REF }, { type: 'string', description: 'Le même document, sérialisé en texte JSON.' }] },
  ],
  [bodyDocSchema, { $ref: BODY_REF }],
]);

/** JSON Schema (2020-12, OpenAPI 3.1's dialect) of what a client sends or receives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema: json }) => {
      const replacement = BODY_FIELDS.get(zodSchema);
      if (!replacement) return;
      for (const key of Object.keys(json)) delete (json as JsonSchema)[key];
      Object.assign(json, replacement);
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/**
 * The body document's schema, every node and mark named (BodyParagraph, BodyQuote, BodyMarkLink…),
 * as component schemas: its definitions move from $defs to components, where references resolve.
 */
function bodyDocumentSchemas(): Record<string, JsonSchema> {
  const converted = z.toJSONSchema(bodyDocSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete converted.$schema;
  const definitions = (converted.$defs ?? {}) as Record<string, JsonSchema>;
  delete converted.$defs;
  const rewritten = JSON.parse(
    JSON.stringify({ BodyDocument: converted, ...definitions }).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, JsonSchema>;
  return rewritten;
}

/** OpenAPI parameters for the properties of an object schema (path or query). */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const STANDARD_ERRORS: Record<number, string> = {
  401: 'Jeton absent, invalide, expiré ou révoqué (unauthorized).',
  403: 'Le jeton ou le rôle de son propriétaire n’a pas la permission (forbidden).',
  429: 'Trop de requêtes pour ce jeton (rate_limited).',
};

function operation(route: ApiRoute): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  const errors: Record<number, string> = { ...(route.public ? {} : STANDARD_ERRORS) };
  if (route.body && route.bodyType !== 'multipart') {
    errors[400] = 'JSON mal formé (bad_request).';
    errors[415] = 'Le corps doit être du JSON (unsupported_media_type).';
  }
  if (route.body || route.query || route.params) errors[422] = 'Données invalides ; details liste les champs en cause (validation_failed).';
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = spec.schema
      ? {
          description: spec.description,
          content: {
            'application/json': {
              schema: Number(status) >= 400 ? { $ref: '#/components/schemas/Error' } : jsonSchema(spec.schema, 'output'),
            },
          },
        }
      : {
          description: spec.description,
          ...(Number(status) >= 400 ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } : {}),
        };
  }
  for (const [status, description] of Object.entries(errors)) {
    responses[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  const result: JsonSchema = {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    responses,
    security: route.public ? [] : [{ bearerAuth: [] }],
  };
  if (route.permission) result['x-kiosque-permission'] = route.permission;
  if (route.body) {
    const schema = jsonSchema(route.body, 'input');
    result.requestBody =
      route.bodyType === 'multipart'
        ? {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  ...schema,
                  type: 'object',
                  properties: {
                    file: {
                      type: 'string',
                      contentMediaType: 'application/octet-stream',
                      description: 'Le fichier image (JPEG, PNG, WebP, AVIF ou GIF).',
                    },
                    ...((schema.properties as object) ?? {}),
                  },
                  required: ['file', ...((schema.required as string[]) ?? [])],
                },
              },
            },
          }
        : { required: true, content: { 'application/json': { schema } } };
  }
  return result;
}

/** The OpenAPI 3.1 document of the admin API, built from the same route declarations that Fastify serves. */
export function buildOpenApiDocument(routes: readonly ApiRoute[], options: { serverUrl: string; title: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const template = `/api/admin${openApiPath(route.path)}`;
    paths[template] ??= {};
    paths[template][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `API d’administration — ${options.title}`,
      version: '1',
      description:
        'API JSON de Kiosque : mêmes opérations et mêmes règles que l’administration. Authentification par jeton d’accès personnel (Authorization: Bearer ksq_…), créé dans Administration › Jetons d’API ; les cookies de session ne sont pas acceptés ici. Erreurs : { error: { code, message, details? } }.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'ksq_…', description: 'Jeton d’accès personnel.' } },
      schemas: { Error: jsonSchema(apiErrorSchema, 'output'), ...bodyDocumentSchemas() },
    },
    paths,
  };
}
