import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/http/app-error.ts';
import { can, type Actor, type Permission } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person or API token owner; null when anonymous. Set by the accounts plugin. */
    actor: Actor | null;
  }
}

/** The actor of a request that passed `requireActor`; throws if called on an anonymous request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthorized', 401, 'Connexion requise.');
  return request.actor;
}

/**
 * preHandler: the request must come from a signed-in person (or a valid API token) who holds the
 * permission, if one is named. Browsers without a session are sent to the login page.
 */
export function requireActor(permission?: Permission) {
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!request.actor) {
      const api = request.url.startsWith('/api/');
      if (!api && (request.method === 'GET' || request.method === 'HEAD')) {
        reply.redirect(`/admin/connexion?suite=${encodeURIComponent(request.url)}`, 303);
        return reply;
      }
      throw new AppError('unauthorized', 401, 'Connexion requise.');
    }
    if (permission && !can(request.actor, permission)) {
      throw new AppError('forbidden', 403, 'Vous n’avez pas le droit de faire cela.', { details: { permission } });
    }
  };
}
