import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { BodyDoc } from '../articles/body/body-schema.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { makeCachedPage } from '../core/cache/page-cache.ts';
import { AppError } from '../core/http/app-error.ts';
import { writeCachedPage } from '../core/http/page-response.ts';
import { imageVariant } from '../images/image-urls.ts';
import { findLiveKey } from './content-keys.ts';
import { contentOpenApiDocument } from './content-openapi.ts';
import { ARTICLE_FIELDS, type ArticleField, articlesQuerySchema, keyOnlySchema, LIST_FIELDS, slugParams } from './content-schemas.ts';
import {
  type ArticleRelations,
  type ContentArticleRow,
  findPublishedArticle,
  listAuthors,
  listDossiers,
  listPublishedArticles,
  listSections,
  listSeries,
  listTags,
  loadRelations,
} from './content-repository.ts';

// /api/content/…: the public, read-only Content API for headless front ends and apps. A request
// is answered in this order: key (401), origin (CORS), parameters (422), then the cached JSON of
// the same question (kept in the page cache under its own key with the content tags it shows, so
// it is dropped exactly when that content changes), else the database.

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Revalidated each time (ETag): a revoked key or a withdrawn article never lingers in a shared cache.
  'cache-control': 'public, max-age=0, must-revalidate',
  vary: 'Accept-Encoding, Origin',
  'x-content-type-options': 'nosniff',
};

function invalid(error: z.ZodError): AppError {
  return new AppError('validation_failed', 422, 'Paramètres invalides.', {
    details: error.issues.map((i) => ({
      path: i.path.join('.') || String((i as { keys?: string[] }).keys?.[0] ?? ''),
      message: i.message,
    })),
  });
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** The cache key of a question: the path and its parameters but the key, in a fixed order. */
function questionKey(request: FastifyRequest): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('key');
  url.searchParams.sort();
  return `content-api ${url.pathname}?${url.searchParams.toString()}`;
}

/** /api/content/… (GET only, CORS per key). */
export function contentApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** Checks the key and the origin; returns the CORS headers for this caller. */
  async function admit(request: FastifyRequest): Promise<Record<string, string>> {
    const header = request.headers['x-kiosque-key'];
    const fromQuery = (request.query as { key?: unknown }).key;
    const key = typeof header === 'string' ? header : typeof fromQuery === 'string' ? fromQuery : undefined;
    const live = await findLiveKey(ctx.db, key);
    if (!live) throw new AppError('unauthorized', 401, 'Clé de l’API de contenu absente, inconnue ou révoquée.');
    const origin = request.headers.origin;
    if (!origin) return {};
    if (live.origins.includes('*')) return { 'access-control-allow-origin': '*' };
    if (live.origins.includes(origin)) return { 'access-control-allow-origin': origin };
    throw new AppError('forbidden', 403, `Cette clé n’est pas autorisée depuis ${origin}.`);
  }

  /** Sends the cached answer to this question, or builds, caches and sends it. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    cors: Record<string, string>,
    build: () => Promise<{ body: unknown; tags: string[] }>,
  ) {
    const key = questionKey(request);
    let page = ctx.pageCache.get(key);
    if (!page) {
      const { body, tags } = await build();
      page = makeCachedPage(200, JSON_HEADERS, JSON.stringify(body), tags);
      ctx.pageCache.set(key, page);
    }
    reply.hijack();
    for (const [name, value] of Object.entries(cors)) reply.raw.setHeader(name, value);
    writeCachedPage(request.raw, reply.raw, page);
  }

  const articleJson = (row: ContentArticleRow, relations: ArticleRelations, fields: readonly ArticleField[]) => {
    const image = row.heroImageId === null ? undefined : relations.images.get(row.heroImageId);
    const variant = image ? imageVariant(image, 1280, 'jpeg', '16x9') : null;
    const all: Record<ArticleField, () => unknown> = {
      id: () => row.id,
      slug: () => row.slug,
      url: () => ctx.config.publicUrl + articlePath({ sectionSlug: row.sectionSlug, slug: row.slug }),
      format: () => row.format,
      kicker: () => row.kicker,
      headline: () => row.headline,
      lead: () => row.lead,
      section: () => ({ slug: row.sectionSlug, name: row.sectionName }),
      authors: () => (relations.authors.get(row.id) ?? []).map((a) => ({ slug: a.slug, name: a.name })),
      tags: () => (relations.tags.get(row.id) ?? []).map((t) => ({ slug: t.slug, name: t.name })),
      published_at: () => row.publishedAt,
      updated_at: () => row.updatedAt,
      hero_image: () =>
        image && variant
          ? {
              url: ctx.config.publicUrl + variant.url,
              width: variant.width,
              height: variant.height,
              alt: image.alt,
              caption: image.caption,
              credit: image.credit,
            }
          : null,
      source: () => (row.sourceOutlet ? { outlet: row.sourceOutlet, url: row.sourceUrl } : null),
      body: () => JSON.parse(row.body) as BodyDoc,
    };
    return Object.fromEntries(fields.map((f) => [f, all[f]()]));
  };

  const articleTags = (rows: ContentArticleRow[], relations: ArticleRelations) => [
    ...rows.flatMap((r) => [`article:${r.id}`, `section:${r.sectionId}`]),
    ...[...relations.authors.values()].flat().map((a) => `person:${a.id}`),
    ...[...relations.tags.values()].flat().map((t) => `tag:${t.id}`),
  ];

  app.get('/api/content/articles', async (request, reply) => {
    const cors = await admit(request);
    const query = parseQuery(articlesQuerySchema, request.query);
    return answer(request, reply, cors, async () => {
      const rows = await listPublishedArticles(ctx.db, { ...query, after: query.cursor }, new Date().toISOString());
      const page = rows.slice(0, query.limit);
      const relations = await loadRelations(ctx.db, page);
      const last = page.at(-1);
      const next =
        rows.length > query.limit && last ? Buffer.from(JSON.stringify({ p: last.publishedAt, i: last.id })).toString('base64url') : null;
      return {
        body: {
          articles: page.map((r) => articleJson(r, relations, query.fields ?? LIST_FIELDS)),
          meta: { limit: query.limit, next_cursor: next },
        },
        // Every change to a public article drops "home": a list can gain or lose any article.
        tags: ['home', ...articleTags(page, relations)],
      };
    });
  });

  app.get('/api/content/articles/:slug', async (request, reply) => {
    const cors = await admit(request);
    const params = slugParams.safeParse(request.params);
    if (!params.success) throw AppError.notFound('Aucun article publié à cette adresse.');
    const query = parseQuery(articlesQuerySchema.pick({ key: true, fields: true }), request.query);
    return answer(request, reply, cors, async () => {
      const row = await findPublishedArticle(ctx.db, params.data.slug, new Date().toISOString());
      if (!row) throw AppError.notFound('Aucun article publié à cette adresse.');
      const relations = await loadRelations(ctx.db, [row]);
      return { body: { article: articleJson(row, relations, query.fields ?? ARTICLE_FIELDS) }, tags: articleTags([row], relations) };
    });
  });

  const simpleList = (path: string, name: string, load: () => Promise<{ id: number }[]>, tagOf: (id: number) => string) =>
    app.get(path, async (request, reply) => {
      const cors = await admit(request);
      parseQuery(keyOnlySchema, request.query);
      return answer(request, reply, cors, async () => {
        const rows = await load();
        return { body: { [name]: rows.map(({ id: _id, ...rest }) => rest) }, tags: ['home', ...rows.map((r) => tagOf(r.id))] };
      });
    });
  simpleList(
    '/api/content/sections',
    'sections',
    () => listSections(ctx.db),
    (id) => `section:${id}`,
  );
  simpleList(
    '/api/content/authors',
    'authors',
    () => listAuthors(ctx.db, new Date().toISOString()),
    (id) => `person:${id}`,
  );
  simpleList(
    '/api/content/tags',
    'tags',
    () => listTags(ctx.db, new Date().toISOString()),
    (id) => `tag:${id}`,
  );
  simpleList(
    '/api/content/dossiers',
    'dossiers',
    () => listDossiers(ctx.db, new Date().toISOString()),
    (id) => `dossier:${id}`,
  );
  simpleList(
    '/api/content/series',
    'series',
    () => listSeries(ctx.db),
    (id) => `series:${id}`,
  );

  // A browser asks first before a request that carries the key in X-Kiosque-Key (a preflight). The
  // preflight carries no key, so every origin hears that it may ask; the request itself is then
  // checked against its key's origins, and refused (403, no CORS header) from any other.
  app.options('/api/content/*', async (request, reply) => {
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (typeof origin === 'string')
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, HEAD')
        .header('access-control-allow-headers', 'X-Kiosque-Key')
        .header('access-control-max-age', '600');
    return reply.code(204).send();
  });

  app.get('/api/content/openapi.json', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(contentOpenApiDocument(ctx.config.publicUrl)),
  );
}
