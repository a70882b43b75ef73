import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { installBearerOnly, rateLimitKey } from './api-auth.ts';
import { type ApiRoute, apiRoute, registerApiRoute } from './api-route.ts';
import { articleApiRoutes } from './articles/article-api-routes.ts';
import { catalogueApiRoutes } from './catalogue/catalogue-routes.ts';
import { mediaApiRoutes } from './media/media-api-routes.ts';
import { MAX_UPLOAD_BYTES } from './media/media-upload.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { tokenAdminRoutes } from './token-admin-routes.ts';
import { httpRateLimitStore } from '../core/rate-limit/rate-limiter.ts';

/** Requests per token (or per address without one) per minute. */
export const API_RATE_LIMIT = { max: 300, timeWindow: 60_000 };

/** Every route of the admin API, declared once (served by Fastify and described by the OpenAPI document). */
export function adminApiRoutes(ctx: AppContext): ApiRoute[] {
  const routes: ApiRoute[] = [...articleApiRoutes(ctx), ...mediaApiRoutes(ctx), ...catalogueApiRoutes(ctx)];
  let document: Record<string, unknown> | undefined;
  routes.push(
    apiRoute({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      tag: 'Documentation',
      public: true,
      summary: 'Ce document OpenAPI 3.1 (sans jeton)',
      responses: { 200: { description: 'Le document OpenAPI.' } },
      handler: async () => (document ??= buildOpenApiDocument(routes, { serverUrl: ctx.config.publicUrl, title: 'Kiosque' })),
    }),
  );
  return routes;
}

/**
 * /api/admin (JSON, bearer tokens only, rate limited per token) and the token screen /admin/jetons.
 * Same operations and policies as the back office: handlers call the article, media and
 * curation operations with the token owner's actor, restricted to the token's scopes.
 */
export async function apiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  tokenAdminRoutes(app, ctx);
  await app.register(
    async (api) => {
      await api.register(fastifyRateLimit, {
        global: true,
        ...API_RATE_LIMIT,
        keyGenerator: rateLimitKey,
        ...httpRateLimitStore(ctx.redis, ctx.config.redisPrefix),
        errorResponseBuilder: (_request, context) =>
          new AppError('rate_limited', 429, `Trop de requêtes pour ce jeton : réessayez dans ${Math.ceil(context.ttl / 1000)} s.`, {
            details: { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
          }),
      });
      installBearerOnly(api, ctx);
      // Another feature may already have registered multipart for the whole app; one parser is enough.
      if (!api.hasContentTypeParser('multipart/form-data')) {
        await api.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096 } });
      }
      for (const route of adminApiRoutes(ctx)) registerApiRoute(api, route);
    },
    { prefix: '/api/admin' },
  );
}
