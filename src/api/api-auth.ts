import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { bearerSecret } from './tokens/api-token-secret.ts';
import { resolveBearerActor } from './tokens/token-operations.ts';

/**
 * The API accepts bearer tokens only. A session cookie is ignored here: a browser sends cookies
 * on its own, so accepting them would open the API to cross-site request forgery, and the API
 * has no CSRF token. The accounts plugin resolves the bearer token for the whole app; this hook
 * makes sure nothing else stands as the actor (and resolves the token itself if nobody did).
 */
export function installBearerOnly(api: FastifyInstance, ctx: AppContext): void {
  api.addHook('onRequest', async (request) => {
    const secret = bearerSecret(request.headers.authorization);
    if (secret === null) {
      request.actor = null;
      return;
    }
    if (!request.actor || request.actor.scopes === undefined) {
      request.actor = await resolveBearerActor(ctx.db, request.headers.authorization);
    }
  });
}

/** The rate limiter's key: one bucket per token (hashed: keys may end up in a store), else per address. */
export function rateLimitKey(request: FastifyRequest): string {
  const secret = bearerSecret(request.headers.authorization);
  return secret === null ? `ip:${request.ip}` : `token:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;
}
