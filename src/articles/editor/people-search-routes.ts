import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../accounts/guards.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { fieldProblems } from '../../core/http/validation.ts';
import { searchPeople } from './author-lookup.ts';

const searchQuerySchema = z.object({ q: z.string().trim().min(1).max(80) });

/**
 * GET /admin/personnes.json?q= — the byline combobox's search: up to 20 people whose name or
 * role line contains q, staff first. Open to anyone who may write an article (the editor's
 * selects no longer list every outside contributor). /admin/personnes itself is curation's.
 */
export function peopleSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/personnes.json', { preHandler: requireActor('article:create') }, async (request, reply) => {
    const parsed = searchQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw AppError.invalid('Recherche : indiquez de 1 à 80 caractères.', fieldProblems(parsed.error));
    const people = await searchPeople(ctx.db, parsed.data.q);
    return reply
      .header('cache-control', 'no-store')
      .send({ items: people.map((p) => ({ id: p.id, name: p.name, kind: p.kind, roleLine: p.roleLine })) });
  });
}
