import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseId } from '../core/input/ids.ts';
import { isPublic } from '../articles/published.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type Cue, cuesToWebVtt } from './timed-text.ts';

/** GET /video/:id/sous-titres.vtt: the captions of a public video article (its <track>), cached with the article. */
export function videoRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/video/:id/sous-titres.vtt', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    // THE id rule (core/input/ids.ts): anything else, 2³¹ included, is a 404.
    const id = parseId(request.params.id);
    const row =
      id === null
        ? undefined
        : await ctx.db
            .selectFrom('article_videos')
            .innerJoin('articles', 'articles.id', 'article_videos.article_id')
            .select('article_videos.captions')
            .where('article_videos.article_id', '=', id)
            .where((eb) => isPublic(eb, new Date().toISOString()))
            .executeTakeFirst();
    if (!row || row.captions === '[]') throw AppError.notFound('Ces sous-titres sont introuvables.');
    ctx.pages.send(request, reply, {
      html: cuesToWebVtt(JSON.parse(row.captions) as Cue[]),
      contentType: 'text/vtt; charset=utf-8',
      tags: [`article:${id}`],
    });
    return reply;
  });
}
