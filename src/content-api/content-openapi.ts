import { z } from 'zod';
import { articlesQuerySchema } from './content-schemas.ts';

type JsonSchema = Record<string, unknown>;

function queryParameters(schema: z.ZodObject, names: string[]): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, JsonSchema> };
  return names.map((name) => {
    const { description, ...rest } = json.properties[name] ?? {};
    return { name, in: 'query', required: false, description, schema: rest };
  });
}

const KEY_PARAMETER = {
  name: 'key',
  in: 'query',
  required: false,
  description: 'La clé (ksc_…), ou l’en-tête X-Kiosque-Key.',
  schema: { type: 'string' },
};

function listPath(summary: string, name: string): JsonSchema {
  return {
    get: {
      summary,
      security: [{ contentKey: [] }, { contentKeyHeader: [] }],
      parameters: [KEY_PARAMETER],
      responses: {
        200: {
          description: summary,
          content: {
            'application/json': { schema: { type: 'object', properties: { [name]: { type: 'array', items: { type: 'object' } } } } },
          },
        },
        401: { description: 'Clé absente, inconnue ou révoquée.' },
      },
    },
  };
}

/** The OpenAPI 3.1 description of /api/content. */
export function contentOpenApiDocument(publicUrl: string): JsonSchema {
  const errors = {
    401: { description: 'Clé absente, inconnue ou révoquée (error.code = unauthorized).' },
    403: { description: 'Origine non autorisée pour cette clé (CORS).' },
    422: { description: 'Paramètre invalide : error.details liste les paramètres en cause.' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kiosque — API de contenu',
      version: '1',
      description:
        'Lecture seule du contenu publié (articles, rubriques, auteurs, sujets, dossiers, séries) pour un site ou une application. Pagination par curseur, sélection des champs, CORS par clé.',
    },
    servers: [{ url: `${publicUrl}/api/content` }],
    components: {
      securitySchemes: {
        contentKey: { type: 'apiKey', in: 'query', name: 'key' },
        contentKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Kiosque-Key' },
      },
    },
    paths: {
      '/articles': {
        get: {
          summary: 'Articles publiés, du plus récent au plus ancien',
          security: [{ contentKey: [] }, { contentKeyHeader: [] }],
          parameters: queryParameters(articlesQuerySchema, ['key', 'section', 'tag', 'author', 'format', 'limit', 'cursor', 'fields']),
          responses: { 200: { description: '{ articles: [...], meta: { limit, next_cursor } }' }, ...errors },
        },
      },
      '/articles/{slug}': {
        get: {
          summary: 'Un article publié, avec son corps (document de l’éditeur)',
          security: [{ contentKey: [] }, { contentKeyHeader: [] }],
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
            ...queryParameters(articlesQuerySchema, ['key', 'fields']),
          ],
          responses: {
            200: { description: '{ article: {...} }' },
            404: { description: 'Aucun article publié à cette adresse.' },
            ...errors,
          },
        },
      },
      '/sections': listPath('Rubriques', 'sections'),
      '/authors': listPath('Auteurs d’au moins un article publié', 'authors'),
      '/tags': listPath('Sujets d’au moins un article publié', 'tags'),
      '/dossiers': listPath('Dossiers publiés', 'dossiers'),
      '/series': listPath('Séries', 'series'),
    },
  };
}
