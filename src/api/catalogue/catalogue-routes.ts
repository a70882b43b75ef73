import { z } from 'zod';
import type { AppContext } from '../../core/app-context.ts';
import { type ApiRoute, apiRoute } from '../api-route.ts';
import {
  createPersonFromApi,
  createSectionFromApi,
  listPeopleForApi,
  listSectionsForApi,
  listTagsForApi,
  updatePersonFromApi,
} from './catalogue-operations.ts';
import {
  pagedSchema,
  pageQuerySchema,
  personInputSchema,
  personOutputSchema,
  personPatchSchema,
  sectionInputSchema,
  sectionOutputSchema,
  tagOutputSchema,
} from './catalogue-schemas.ts';
import { idParams } from '../../core/input/ids.ts';

/** Sections, people and tags: what a script needs to fill an article's sectionId, authorPersonIds and tags. */
export function catalogueApiRoutes(ctx: AppContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/sections',
      operationId: 'listSections',
      tag: 'Rubriques',
      summary: 'Liste les rubriques dans l’ordre de la navigation',
      responses: { 200: { description: 'Les rubriques.', schema: z.object({ items: z.array(sectionOutputSchema) }) } },
      handler: async () => ({ items: await listSectionsForApi(ctx.db) }),
    }),
    apiRoute({
      method: 'POST',
      path: '/sections',
      operationId: 'createSection',
      tag: 'Rubriques',
      summary: 'Crée une rubrique (à la fin de la liste)',
      permission: 'curation:sections',
      body: sectionInputSchema,
      responses: { 201: { description: 'La rubrique créée.', schema: sectionOutputSchema } },
      handler: async ({ actor, body, reply }) => {
        reply.code(201);
        return createSectionFromApi(ctx, actor, body);
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/people',
      operationId: 'listPeople',
      tag: 'Auteurs',
      summary: 'Liste les auteurs (rédaction et contributeurs), par nom',
      query: pageQuerySchema.extend({
        q: z.string().trim().max(100).optional().describe('Fragment du nom.'),
        kind: z.enum(['staff', 'contributor'], { error: 'kind : « staff » ou « contributor »' }).optional(),
      }),
      responses: { 200: { description: 'Une page d’auteurs.', schema: pagedSchema(personOutputSchema) } },
      handler: async ({ query }) => listPeopleForApi(ctx.db, query),
    }),
    apiRoute({
      method: 'POST',
      path: '/people',
      operationId: 'createPerson',
      tag: 'Auteurs',
      summary: 'Crée un auteur',
      permission: 'curation:people',
      body: personInputSchema,
      responses: { 201: { description: 'L’auteur créé.', schema: personOutputSchema } },
      handler: async ({ actor, body, reply }) => {
        reply.code(201);
        return createPersonFromApi(ctx, actor, body);
      },
    }),
    apiRoute({
      method: 'PATCH',
      path: '/people/:id',
      operationId: 'updatePerson',
      tag: 'Auteurs',
      summary: 'Modifie les champs envoyés d’un auteur',
      permission: 'curation:people',
      params: idParams,
      body: personPatchSchema,
      responses: {
        200: { description: 'L’auteur modifié.', schema: personOutputSchema },
        404: { description: 'Aucun auteur avec cet identifiant (not_found).' },
      },
      handler: async ({ actor, params, body }) => updatePersonFromApi(ctx, actor, params.id, body),
    }),
    apiRoute({
      method: 'GET',
      path: '/tags',
      operationId: 'listTags',
      tag: 'Mots-clés',
      summary: 'Liste les mots-clés avec leur nombre d’articles',
      query: pageQuerySchema.extend({ q: z.string().trim().max(100).optional().describe('Fragment du nom.') }),
      responses: { 200: { description: 'Une page de mots-clés.', schema: pagedSchema(tagOutputSchema) } },
      handler: async ({ query }) => listTagsForApi(ctx.db, query),
    }),
  ];
}

export { idParams };
