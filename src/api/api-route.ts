import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, requireActor } from '../accounts/guards.ts';
import type { Actor, Permission } from '../accounts/policy.ts';
import { AppError } from '../core/http/app-error.ts';
import { parseOrFail } from './api-validation.ts';
import { idempotencyKeyOf, runIdempotent } from './idempotency.ts';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A documented response of a route: its status, description, and (for JSON) its schema. */
export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
}

/** What a handler receives: the validated parts of the request and who is acting. */
export interface ApiCall<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One route of the admin API, described once: the same object registers the Fastify route (guard,
 * validation, handler) and produces its OpenAPI operation, so the two cannot drift apart.
 */
export interface ApiRoute<P = unknown, Q = unknown, B = unknown> {
  method: ApiMethod;
  /** Fastify path under /api/admin, e.g. "/articles/:id". */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Scope the token (and the owner's role) must hold; operations check their own rules too. */
  permission?: Permission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body schema; for a multipart upload, the schema of the text fields (the file is read by the handler). */
  body?: z.ZodType<B>;
  bodyType?: 'json' | 'multipart';
  /** Public: no token needed (only the OpenAPI document). */
  public?: boolean;
  responses: Record<number, ApiResponseSpec>;
  handler(call: ApiCall<P, Q, B>): Promise<unknown>;
}

/** Declares a route with its types inferred from the schemas. */
export function apiRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(route: ApiRoute<P, Q, B>): ApiRoute {
  return route as unknown as ApiRoute;
}

const noParams = z.object({});

/** Registers a declared route on the /api/admin scope: guard → validate → handler → JSON. */
export function registerApiRoute(api: FastifyInstance, route: ApiRoute): void {
  api.route({
    method: route.method,
    url: route.path,
    preHandler: route.public ? [] : [requireActor(route.permission)],
    handler: async (request, reply) => {
      // Fastify would also parse text/plain; the API speaks JSON only (multipart for uploads).
      if (route.body && route.bodyType !== 'multipart' && !isJson(request.headers['content-type'])) {
        throw new AppError('unsupported_media_type', 415, 'Le corps doit être du JSON (Content-Type: application/json).');
      }
      // A path that does not parse (an id out of range, `0x10`…) names nothing: 404, as an unknown id.
      const parsedParams = (route.params ?? noParams).safeParse(request.params);
      if (!parsedParams.success) throw AppError.notFound('Aucune ressource à cette adresse.');
      const params = parsedParams.data;
      const query = parseOrFail(route.query ?? z.object({}), request.query ?? {}, 'Les paramètres de la requête');
      const body =
        route.body && route.bodyType !== 'multipart' ? parseOrFail(route.body, request.body ?? null, 'Les données envoyées') : undefined;
      const actor = route.public ? (request.actor as Actor) : actorOf(request);
      const call = () => route.handler({ params, query, body, actor, request, reply });
      const key = route.method === 'GET' ? undefined : idempotencyKeyOf(request);
      const result =
        key !== undefined && actor.userId !== null
          ? await runIdempotent(request.server.kiosque.db, actor.userId, key, request, reply, call)
          : await call();
      if (reply.sent) return reply;
      reply.header('cache-control', 'no-store');
      return result;
    },
  });
}

/** Turns a Fastify path ("/articles/:id") into an OpenAPI path template ("/articles/{id}"). */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? '');
}
